package io.github.pveiso.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.pveiso.Sha256Digest;
import io.github.pveiso.Version;
import io.github.pveiso.pipeline.plan.Action;
import io.github.pveiso.pipeline.plan.Decision;
import io.github.pveiso.pipeline.plan.FirmwarePrecedence;
import io.github.pveiso.pipeline.plan.InstallerFirmwarePlan;
import io.github.pveiso.pipeline.plan.PackagePlan;
import io.github.pveiso.pipeline.plan.Plan;
import io.github.pveiso.pipeline.plan.Target;
import io.github.pveiso.pipeline.stage.Staged;
import io.github.pveiso.pipeline.stage.StagedFile;
import io.github.pveiso.proxmox.AcquiredIso;
import io.github.pveiso.testing.CycloneDxSchema;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The SBOM of what a build added: its exact content, schema validity, and purl encoding. */
class BuildSbomTest {

  static final String MICROCODE_SHA = "1".repeat(64);
  static final String FIRMWARE_SHA = "2".repeat(64);
  static final String LIB_SHA = "3".repeat(64);
  static final String REPACKED_SHA = "4".repeat(64);
  static final String SOURCE_SHA = "5".repeat(64);
  static final String OUTPUT_SHA = "6".repeat(64);

  static PackagePlan plan(
      String name, String version, String arch, String sha, Action iso, Action inst, Action sys) {
    return new PackagePlan(
        name,
        version,
        arch,
        "http://127.0.0.1/debian/pool/" + name + ".deb",
        sha,
        "extra_packages",
        List.of(
            new Decision(Target.ISO, iso, "r"),
            new Decision(Target.INSTALLER, inst, "r"),
            new Decision(Target.SYSTEM, sys, "r")),
        List.of());
  }

  static String sbom() throws IOException {
    Plan plan =
        new Plan(
            "amd64",
            List.of(Target.ISO, Target.INSTALLER, Target.SYSTEM),
            List.of(
                plan(
                    "amd64-microcode",
                    "3.20250311.1",
                    "amd64",
                    MICROCODE_SHA,
                    Action.ADD,
                    Action.ADD,
                    Action.ADD),
                plan(
                    "firmware-misc-nonfree",
                    "20250410-1",
                    "all",
                    FIRMWARE_SHA,
                    Action.ADD,
                    Action.SKIP,
                    Action.REPACK),
                plan(
                    "libstdc++-extra",
                    "1:1.0+dfsg-1",
                    "amd64",
                    LIB_SHA,
                    Action.SKIP,
                    Action.SKIP,
                    Action.ADD),
                plan(
                    "nvidia-kernel-dkms",
                    "550.1-1",
                    "amd64",
                    "7".repeat(64),
                    Action.SKIP,
                    Action.SKIP,
                    Action.REFUSE)),
            List.of(),
            List.of(),
            FirmwarePrecedence.PROXMOX,
            List.of());
    AcquiredIso iso =
        new AcquiredIso(
            Path.of("/cache/blob"),
            Sha256Digest.parse(SOURCE_SHA),
            1000,
            true,
            URI.create("https://enterprise.proxmox.com/iso/proxmox-ve_9.1-1.iso"),
            Optional.empty());
    Staged staged =
        new Staged(
            List.of(),
            List.of(
                StagedFile.file("/firmware/a.bin", "add", "8".repeat(64), 1, "x"),
                StagedFile.file(
                    "/proxmox/packages/pveiso-firmware_1.0~0123456789ab_all.deb",
                    "add",
                    REPACKED_SHA,
                    10,
                    "repacked from firmware-misc-nonfree 20250410-1")),
            List.of());
    return BuildSbom.json(
        new Planned(
            iso, null, List.of(), plan, List.of(), null, InstallerFirmwarePlan.NOT_ASKED, null),
        staged,
        "out.iso",
        OUTPUT_SHA);
  }

  @Test
  void listsWhatReachedTheIsoWithTheRepackedPackagesPedigree() throws IOException {
    String expected =
        """
        {
          "bomFormat" : "CycloneDX",
          "specVersion" : "1.6",
          "serialNumber" : "%s",
          "version" : 1,
          "metadata" : {
            "tools" : {
              "components" : [ {
                "type" : "application",
                "name" : "pveiso",
                "version" : "%s"
              } ]
            },
            "component" : {
              "type" : "file",
              "bom-ref" : "iso:out.iso",
              "name" : "out.iso",
              "hashes" : [ {
                "alg" : "SHA-256",
                "content" : "%s"
              } ],
              "pedigree" : {
                "ancestors" : [ {
                  "type" : "file",
                  "name" : "proxmox-ve_9.1-1.iso",
                  "hashes" : [ {
                    "alg" : "SHA-256",
                    "content" : "%s"
                  } ],
                  "externalReferences" : [ {
                    "type" : "distribution",
                    "url" : "https://enterprise.proxmox.com/iso/proxmox-ve_9.1-1.iso"
                  } ]
                } ]
              }
            }
          },
          "components" : [ {
            "type" : "library",
            "name" : "amd64-microcode",
            "version" : "3.20250311.1",
            "purl" : "pkg:deb/debian/amd64-microcode@3.20250311.1?arch=amd64",
            "hashes" : [ {
              "alg" : "SHA-256",
              "content" : "%s"
            } ],
            "bom-ref" : "pkg:deb/debian/amd64-microcode@3.20250311.1?arch=amd64",
            "externalReferences" : [ {
              "type" : "distribution",
              "url" : "http://127.0.0.1/debian/pool/amd64-microcode.deb"
            } ],
            "properties" : [ {
              "name" : "pveiso:requested-by",
              "value" : "extra_packages"
            }, {
              "name" : "pveiso:target:iso",
              "value" : "add"
            }, {
              "name" : "pveiso:target:installer",
              "value" : "add"
            }, {
              "name" : "pveiso:target:system",
              "value" : "add"
            } ]
          }, {
            "type" : "library",
            "name" : "firmware-misc-nonfree",
            "version" : "20250410-1",
            "purl" : "pkg:deb/debian/firmware-misc-nonfree@20250410-1?arch=all",
            "hashes" : [ {
              "alg" : "SHA-256",
              "content" : "%s"
            } ],
            "bom-ref" : "pkg:deb/debian/firmware-misc-nonfree@20250410-1?arch=all",
            "externalReferences" : [ {
              "type" : "distribution",
              "url" : "http://127.0.0.1/debian/pool/firmware-misc-nonfree.deb"
            } ],
            "properties" : [ {
              "name" : "pveiso:requested-by",
              "value" : "extra_packages"
            }, {
              "name" : "pveiso:target:iso",
              "value" : "add"
            }, {
              "name" : "pveiso:target:installer",
              "value" : "skip"
            }, {
              "name" : "pveiso:target:system",
              "value" : "repack"
            } ]
          }, {
            "type" : "library",
            "name" : "libstdc++-extra",
            "version" : "1:1.0+dfsg-1",
            "purl" : "pkg:deb/debian/libstdc%%2B%%2B-extra@1:1.0%%2Bdfsg-1?arch=amd64",
            "hashes" : [ {
              "alg" : "SHA-256",
              "content" : "%s"
            } ],
            "bom-ref" : "pkg:deb/debian/libstdc%%2B%%2B-extra@1:1.0%%2Bdfsg-1?arch=amd64",
            "externalReferences" : [ {
              "type" : "distribution",
              "url" : "http://127.0.0.1/debian/pool/libstdc++-extra.deb"
            } ],
            "properties" : [ {
              "name" : "pveiso:requested-by",
              "value" : "extra_packages"
            }, {
              "name" : "pveiso:target:iso",
              "value" : "skip"
            }, {
              "name" : "pveiso:target:installer",
              "value" : "skip"
            }, {
              "name" : "pveiso:target:system",
              "value" : "add"
            } ]
          }, {
            "type" : "library",
            "bom-ref" : "pkg:deb/pveiso/pveiso-firmware@1.0~0123456789ab?arch=all",
            "name" : "pveiso-firmware",
            "version" : "1.0~0123456789ab",
            "description" : "The firmware files of the packages it came from, repacked by pveiso to install under /lib/firmware/updates",
            "purl" : "pkg:deb/pveiso/pveiso-firmware@1.0~0123456789ab?arch=all",
            "hashes" : [ {
              "alg" : "SHA-256",
              "content" : "%s"
            } ],
            "pedigree" : {
              "ancestors" : [ {
                "type" : "library",
                "name" : "firmware-misc-nonfree",
                "version" : "20250410-1",
                "purl" : "pkg:deb/debian/firmware-misc-nonfree@20250410-1?arch=all",
                "hashes" : [ {
                  "alg" : "SHA-256",
                  "content" : "%s"
                } ]
              } ]
            },
            "properties" : [ {
              "name" : "pveiso:target:system",
              "value" : "add"
            } ]
          } ],
          "dependencies" : [ {
            "ref" : "iso:out.iso",
            "dependsOn" : [ "pkg:deb/debian/amd64-microcode@3.20250311.1?arch=amd64", \
        "pkg:deb/debian/firmware-misc-nonfree@20250410-1?arch=all", \
        "pkg:deb/debian/libstdc%%2B%%2B-extra@1:1.0%%2Bdfsg-1?arch=amd64", \
        "pkg:deb/pveiso/pveiso-firmware@1.0~0123456789ab?arch=all" ]
          } ]
        }
        """
            .formatted(
                BuildSbom.serialNumber(OUTPUT_SHA),
                Version.current(),
                OUTPUT_SHA,
                SOURCE_SHA,
                MICROCODE_SHA,
                FIRMWARE_SHA,
                LIB_SHA,
                REPACKED_SHA,
                FIRMWARE_SHA);
    assertThat(sbom()).isEqualTo(expected);
  }

  @Test
  void isValidCycloneDx16() throws IOException {
    assertThat(CycloneDxSchema.problems(sbom())).isEmpty();
  }

  @Test
  void theSchemaCheckCatchesAnInvalidDocument() throws IOException {
    JsonNode doc = new ObjectMapper().readTree(sbom());
    ((com.fasterxml.jackson.databind.node.ObjectNode) doc.get("components").get(0))
        .put("type", "debian-package");
    assertThat(CycloneDxSchema.problems(doc.toString()))
        .singleElement()
        .asString()
        .contains("$.components[0].type");
  }

  @Test
  void theSerialNumberIsDerivedFromTheOutput() {
    assertThat(BuildSbom.serialNumber(OUTPUT_SHA))
        .isEqualTo(BuildSbom.serialNumber(OUTPUT_SHA))
        .isNotEqualTo(BuildSbom.serialNumber(SOURCE_SHA))
        .matches("urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-3[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  }

  @Test
  void purlsEncodeWhatThePurlSpecificationAsks() {
    assertThat(BuildSbom.purl("debian", "g++", "4:14.2.0-1~bpo+1", "amd64"))
        .isEqualTo("pkg:deb/debian/g%2B%2B@4:14.2.0-1~bpo%2B1?arch=amd64");
  }
}
