package io.github.pveiso.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.pveiso.Version;
import io.github.pveiso.pipeline.plan.Action;
import io.github.pveiso.pipeline.plan.Decision;
import io.github.pveiso.pipeline.plan.PackagePlan;
import io.github.pveiso.pipeline.plan.Plan;
import io.github.pveiso.pipeline.plan.Target;
import io.github.pveiso.pipeline.stage.Staged;
import io.github.pveiso.pipeline.stage.repack.FirmwareRepacker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The CycloneDX SBOM of what a build added to the ISO ({@code <name>.cdx.json}, beside the
 * manifest). It describes the output ISO, derived from the source ISO, and lists every package that
 * went onto it as it is (on any target) or into pveiso's repacked firmware package: name, version,
 * a {@code pkg:deb/debian/<name>@<version>?arch=<arch>} purl and the SHA-256 of its {@code .deb};
 * the repacked package carries the packages it came from as its pedigree. Reproducible like the
 * manifest: no time, and the serial number is derived from the output's SHA-256.
 */
final class BuildSbom {

  /**
   * One mapper for every SBOM of a run (configured once, thread-safe): an {@code answer_dir} build
   * writes one per node, and a new mapper would learn the same types again each time.
   */
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** The CycloneDX specification version written. */
  static final String SPEC_VERSION = "1.6";

  private static final String PACKAGES = "/proxmox/packages/";

  private BuildSbom() {}

  /** The SBOM as JSON text, ending with a newline. */
  static String json(Planned planned, Staged staged, String name, String sha256)
      throws IOException {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("bomFormat", "CycloneDX");
    doc.put("specVersion", SPEC_VERSION);
    doc.put("serialNumber", serialNumber(sha256));
    doc.put("version", 1);
    String isoRef = "iso:" + name;
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put(
        "tools",
        Map.of(
            "components",
            List.of(obj("type", "application", "name", "pveiso", "version", Version.current()))));
    metadata.put("component", outputIso(planned, isoRef, name, sha256));
    doc.put("metadata", metadata);
    List<Map<String, Object>> components = new ArrayList<>();
    for (PackagePlan p : planned.plan().packages()) {
      if (p.decisions().stream().anyMatch(BuildSbom::onTheIso)) {
        components.add(debian(p));
      }
    }
    repacked(planned.plan(), staged).ifPresent(components::add);
    doc.put("components", components);
    doc.put(
        "dependencies",
        List.of(
            obj(
                "ref",
                isoRef,
                "dependsOn",
                components.stream().map(c -> c.get("bom-ref")).toList())));
    return MAPPER.writeValueAsString(doc) + "\n";
  }

  /** A package reaches the ISO when some target adds it or repacks its firmware. */
  private static boolean onTheIso(Decision d) {
    return d.action() == Action.ADD || d.action() == Action.REPACK;
  }

  /** The same SBOM for the same output: a name-based UUID of the output's digest. */
  static String serialNumber(String sha256) {
    return "urn:uuid:"
        + UUID.nameUUIDFromBytes(("pveiso sbom " + sha256).getBytes(StandardCharsets.UTF_8));
  }

  private static Map<String, Object> outputIso(
      Planned planned, String isoRef, String name, String sha256) {
    Map<String, Object> source = new LinkedHashMap<>();
    source.put("type", "file");
    source.put("name", lastSegment(planned.iso().source().getPath()));
    source.put("hashes", sha256(planned.iso().sha256().toString()));
    source.put(
        "externalReferences",
        List.of(obj("type", "distribution", "url", planned.iso().source().toString())));
    Map<String, Object> iso = new LinkedHashMap<>();
    iso.put("type", "file");
    iso.put("bom-ref", isoRef);
    iso.put("name", name);
    iso.put("hashes", sha256(sha256));
    iso.put("pedigree", Map.of("ancestors", List.of(source)));
    return iso;
  }

  private static Map<String, Object> debian(PackagePlan p) {
    Map<String, Object> c = component(p);
    c.put("bom-ref", c.get("purl"));
    c.put("externalReferences", List.of(obj("type", "distribution", "url", p.url())));
    List<Map<String, Object>> properties = new ArrayList<>();
    properties.add(property("pveiso:requested-by", p.requestedBy()));
    for (Decision d : p.decisions()) {
      properties.add(property("pveiso:target:" + d.target().word(), d.action().word()));
    }
    c.put("properties", properties);
    return c;
  }

  /** A Debian package as a component: type, name, version, purl, SHA-256 of its .deb. */
  private static Map<String, Object> component(PackagePlan p) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("type", "library");
    c.put("name", p.name());
    c.put("version", p.version());
    c.put("purl", purl("debian", p.name(), p.version(), p.architecture()));
    c.put("hashes", sha256(p.sha256()));
    return c;
  }

  /** pveiso's own firmware package, when the build made one, with what it was made from. */
  private static Optional<Map<String, Object>> repacked(Plan plan, Staged staged) {
    String prefix = PACKAGES + FirmwareRepacker.PACKAGE + "_";
    return staged.files().stream()
        .filter(f -> f.isoPath().startsWith(prefix) && f.isoPath().endsWith("_all.deb"))
        .findFirst()
        .map(
            f -> {
              String version =
                  f.isoPath()
                      .substring(prefix.length(), f.isoPath().length() - "_all.deb".length());
              String purl = purl("pveiso", FirmwareRepacker.PACKAGE, version, "all");
              Map<String, Object> c = new LinkedHashMap<>();
              c.put("type", "library");
              c.put("bom-ref", purl);
              c.put("name", FirmwareRepacker.PACKAGE);
              c.put("version", version);
              c.put(
                  "description",
                  "The firmware files of the packages it came from, repacked by pveiso to install"
                      + " under /lib/firmware/updates");
              c.put("purl", purl);
              c.put("hashes", sha256(f.sha256()));
              c.put(
                  "pedigree",
                  Map.of(
                      "ancestors",
                      plan.with(Target.SYSTEM, Action.REPACK).stream()
                          .map(BuildSbom::component)
                          .toList()));
              c.put("properties", List.of(property("pveiso:target:system", "add")));
              return c;
            });
  }

  /**
   * A purl of type deb: {@code pkg:deb/<namespace>/<name>@<version>?arch=<arch>}, each part
   * percent-encoded as the purl specification asks (a version's {@code +} becomes {@code %2B}; its
   * epoch colon stays).
   */
  static String purl(String namespace, String name, String version, String architecture) {
    return "pkg:deb/"
        + namespace
        + "/"
        + encode(name)
        + "@"
        + encode(version)
        + "?arch="
        + encode(architecture);
  }

  private static String encode(String text) {
    StringBuilder out = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || ".-_~:".indexOf(c) >= 0) {
        out.append(c);
      } else {
        out.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return out.toString();
  }

  private static List<Map<String, Object>> sha256(String hex) {
    return List.of(obj("alg", "SHA-256", "content", hex));
  }

  private static Map<String, Object> property(String name, String value) {
    return obj("name", name, "value", value);
  }

  /**
   * A JSON object with its keys in the order given ({@code Map.of} iterates in an order that
   * changes from one run of the JVM to the next, and the SBOM must be the same bytes every time).
   */
  private static Map<String, Object> obj(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  private static String lastSegment(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? path : path.substring(slash + 1);
  }
}
