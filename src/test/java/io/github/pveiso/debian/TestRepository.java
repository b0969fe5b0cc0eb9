package io.github.pveiso.debian;

import io.github.pveiso.Sha256Digest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.zip.GZIPOutputStream;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/**
 * Builds a Debian-style archive on disk for tests: {@code pool/} with .debs, per component and
 * architecture {@code Packages}, {@code Packages.gz} and {@code Packages.xz} (also under {@code
 * by-hash/SHA256/}), and {@code dists/<suite>/Release} and {@code InRelease}, signed by whatever
 * function {@link #publish} is given.
 */
public final class TestRepository {

  private static final DateTimeFormatter RFC_2822 =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'UTC'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private final Path root;
  private final String suite;
  private final Map<String, List<String>> stanzas = new TreeMap<>();
  private final Map<String, byte[]> debs = new LinkedHashMap<>();

  /** An empty archive at {@code root} for {@code suite}. */
  public TestRepository(Path root, String suite) {
    this.root = root;
    this.suite = suite;
  }

  /** The archive root. */
  public Path root() {
    return root;
  }

  /** Adds a .deb to {@code component}; {@code extraFields} go into its Packages stanza. */
  public String add(String component, TestDeb deb, String... extraFields) {
    return add(component, deb.name(), deb.version(), deb.architecture(), deb.build(), extraFields);
  }

  /**
   * Adds a real .deb file to {@code component} as it is; its control fields (Depends and the rest,
   * all but Description and Section) go into its Packages stanza.
   */
  public String addDeb(String component, Path deb) {
    try {
      byte[] bytes = Files.readAllBytes(deb);
      Stanza control =
          DebArchive.open(deb.getFileName().toString(), new ByteArrayInputStream(bytes)).control();
      List<String> fields = new ArrayList<>();
      for (String name : control.names()) {
        if (!List.of("Package", "Version", "Architecture", "Description", "Section")
            .contains(name)) {
          fields.add(name + ": " + control.get(name).orElseThrow());
        }
      }
      return add(
          component,
          control.get("Package").orElseThrow(),
          control.get("Version").orElseThrow(),
          control.get("Architecture").orElseThrow(),
          bytes,
          fields.toArray(String[]::new));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String add(
      String component,
      String name,
      String version,
      String architecture,
      byte[] bytes,
      String... extraFields) {
    String file =
        "pool/"
            + component
            + "/"
            + name.charAt(0)
            + "/"
            + name
            + "/"
            + name
            + "_"
            + version
            + "_"
            + architecture
            + ".deb";
    write(file, bytes);
    debs.put(file, bytes);
    StringBuilder stanza = new StringBuilder();
    stanza.append("Package: ").append(name).append('\n');
    stanza.append("Version: ").append(version).append('\n');
    stanza.append("Architecture: ").append(architecture).append('\n');
    for (String field : extraFields) {
      stanza.append(field).append('\n');
    }
    stanza.append("Filename: ").append(file).append('\n');
    stanza.append("Size: ").append(bytes.length).append('\n');
    stanza.append("SHA256: ").append(Sha256Digest.of(bytes)).append('\n');
    stanza.append("Section: ").append(component).append("/misc\n");
    stanza.append("Description: test package ").append(name).append('\n');
    String arch = architecture.equals("all") ? "amd64" : architecture;
    stanzas
        .computeIfAbsent(component + "/binary-" + arch, k -> new ArrayList<>())
        .add(stanza.toString());
    return file;
  }

  /** Overwrites a file in the archive after publishing (to tamper with it). */
  public void write(String path, byte[] bytes) {
    try {
      Path file = root.resolve(path);
      Files.createDirectories(file.getParent());
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes the indexes, Release and InRelease (= {@code sign} of the Release text). */
  public String publish(
      Instant date, Optional<Instant> validUntil, boolean byHash, Function<String, String> sign) {
    StringBuilder sums = new StringBuilder();
    for (Map.Entry<String, List<String>> index : stanzas.entrySet()) {
      byte[] plain = String.join("\n", index.getValue()).getBytes(StandardCharsets.UTF_8);
      Map<String, byte[]> forms = new LinkedHashMap<>();
      forms.put("Packages", plain);
      forms.put("Packages.gz", gzip(plain));
      forms.put("Packages.xz", xz(plain));
      for (Map.Entry<String, byte[]> form : forms.entrySet()) {
        String path = index.getKey() + "/" + form.getKey();
        Sha256Digest digest = Sha256Digest.of(form.getValue());
        write("dists/" + suite + "/" + path, form.getValue());
        if (byHash) {
          write(
              "dists/" + suite + "/" + index.getKey() + "/by-hash/SHA256/" + digest,
              form.getValue());
        }
        sums.append(' ')
            .append(digest)
            .append(' ')
            .append(form.getValue().length)
            .append(' ')
            .append(path)
            .append('\n');
      }
    }
    StringBuilder release = new StringBuilder();
    release
        .append("Origin: Test\nLabel: Test\nSuite: stable\nCodename: ")
        .append(suite)
        .append('\n');
    release.append("Date: ").append(RFC_2822.format(date)).append('\n');
    validUntil.ifPresent(
        v -> release.append("Valid-Until: ").append(RFC_2822.format(v)).append('\n'));
    if (byHash) {
      release.append("Acquire-By-Hash: yes\n");
    }
    release.append("Architectures: amd64 arm64\nComponents: ");
    release.append(
        String.join(
            " ",
            stanzas.keySet().stream()
                .map(k -> k.substring(0, k.indexOf('/')))
                .distinct()
                .toList()));
    release.append("\nDescription: test archive\nSHA256:\n").append(sums);
    String text = release.toString();
    write("dists/" + suite + "/Release", text.getBytes(StandardCharsets.UTF_8));
    write("dists/" + suite + "/InRelease", sign.apply(text).getBytes(StandardCharsets.UTF_8));
    return text;
  }

  /**
   * Publishes with a fresh Ed25519 key, dated {@code date}, valid for a week, by hash; writes the
   * public key to {@code keyring} for the client to trust.
   */
  public String publishSigned(Instant date, Path keyring) {
    PGPKeyPair key = TestSigner.ed25519();
    try {
      Files.write(keyring, new PGPPublicKeyRing(List.of(key.getPublicKey())).getEncoded());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return publish(
        date,
        Optional.of(date.plus(Duration.ofDays(7))),
        true,
        text -> TestSigner.clearsign(text, key));
  }

  private static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static byte[] xz(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (XZOutputStream xz = new XZOutputStream(out, new LZMA2Options())) {
      xz.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
