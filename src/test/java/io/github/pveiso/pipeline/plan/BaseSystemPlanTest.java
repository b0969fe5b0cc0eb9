package io.github.pveiso.pipeline.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pveiso.config.BuildSettings;
import io.github.pveiso.config.ConfigKey;
import io.github.pveiso.config.ConfigLoader;
import io.github.pveiso.config.ConfigRequest;
import io.github.pveiso.debian.TestDeb;
import io.github.pveiso.debian.TestRepository;
import io.github.pveiso.events.EventListener;
import io.github.pveiso.events.StageTimer;
import io.github.pveiso.net.LoopbackServer;
import io.github.pveiso.pipeline.BuildPipeline;
import io.github.pveiso.pipeline.Planned;
import io.github.pveiso.proc.SystemProcessRunner;
import io.github.pveiso.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * plan over the mkrescue fixture, whose /pve-base.squashfs has libc6 2.41-12, gcc-14-base 14.2.0-19
 * and more (see scripts/fixtures/README.md), and a loopback repository that has newer copies of
 * them: what the base system has is not fetched, and what it has at the same version is skipped.
 */
class BaseSystemPlanTest {

  @TempDir static Path dir;
  static LoopbackServer server;
  static Path keyring;

  @BeforeAll
  static void repository() throws IOException {
    TestRepository repo = new TestRepository(dir.resolve("repo"), "trixie");
    repo.add("main", new TestDeb("libc6", "2.42-1", "amd64"), "Multi-Arch: same");
    repo.add("main", new TestDeb("libgcc-s1", "14.2.0-19", "amd64"), "Depends: libc6 (>= 2.35)");
    repo.add("main", new TestDeb("gcc-14-base", "14.2.0-19", "amd64"), "Multi-Arch: same");
    repo.add(
        "main",
        new TestDeb("tool-old", "1.0-1", "amd64").file("./usr/bin/tool-old", "old"),
        "Pre-Depends: libc6 (>= 2.36)",
        "Depends: libgcc-s1 (>= 3.0), awk, libfoo1 (>= 1.2)");
    repo.add(
        "main",
        new TestDeb("tool-new", "1.0-1", "amd64").file("./usr/bin/tool-new", "new"),
        "Depends: libc6 (>= 2.42)");
    keyring = dir.resolve("test-keyring.gpg");
    repo.publishSigned(Instant.now().minus(Duration.ofHours(1)), keyring);
    server = LoopbackServer.serving(dir.resolve("repo"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  Planned plan(String extra) {
    Map<ConfigKey, String> flags = new EnumMap<>(ConfigKey.class);
    flags.put(ConfigKey.ISO, Fixtures.Fixture.MKRESCUE.iso().toString());
    flags.put(ConfigKey.DEBIAN_MIRROR, server.uri("/").toString());
    flags.put(ConfigKey.DEBIAN_COMPONENTS, "main");
    flags.put(ConfigKey.KEYRINGS, keyring.toString());
    flags.put(ConfigKey.INCLUDE_AMD, "false");
    flags.put(ConfigKey.INCLUDE_INTEL, "false");
    flags.put(ConfigKey.INCLUDE_NVIDIA, "false");
    flags.put(ConfigKey.FIRMWARE_SETS, "");
    flags.put(ConfigKey.TARGETS, "system");
    flags.put(ConfigKey.EXTRA_PACKAGES, extra);
    flags.put(ConfigKey.OUTPUT_DIR, dir.resolve("out").toString());
    flags.put(ConfigKey.WORK_DIR, dir.resolve("work").toString());
    flags.put(ConfigKey.FIRMWARE_CACHE, dir.resolve("cache").toString());
    BuildSettings settings =
        new ConfigLoader(EventListener.NONE)
            .load(new ConfigRequest(Optional.empty(), Map.of("HOME", dir.toString()), flags, dir));
    return new BuildPipeline(
            Clock.systemUTC(), new SystemProcessRunner(), EventListener.NONE, Optional::empty)
        .plan(settings, false, new StageTimer(Clock.systemUTC(), EventListener.NONE));
  }

  static List<String> packages(Planned planned) {
    return planned.plan().packages().stream().map(p -> p.name() + " " + p.version()).toList();
  }

  @Test
  void whatTheBaseSystemHasIsNotFetched() {
    Planned planned = plan("tool-old");
    assertThat(planned.source().baseSystem().detail())
        .isEqualTo("11 packages installed in /pve-base.squashfs (var/lib/dpkg/status)");
    assertThat(packages(planned)).containsExactly("tool-old 1.0-1");
    PackagePlan tool = planned.plan().packages().get(0);
    assertThat(tool.decisions())
        .containsExactly(
            new Decision(Target.SYSTEM, Action.ADD, "installed by the Proxmox installer"));
    assertThat(tool.metByBaseSystem())
        .containsExactly(
            "libc6 (>= 2.36) is met by the base system's libc6 2.41-12",
            "libgcc-s1 (>= 3.0) is met by the base system's libgcc-s1 14.2.0-19",
            "awk is met by the base system's mawk 1.3.4.20250131-1");
  }

  @Test
  void aBaseVersionThatIsTooOldIsCompletedFromTheMirror() {
    Planned planned = plan("tool-new");
    assertThat(packages(planned)).containsExactly("libc6 2.42-1", "tool-new 1.0-1");
    assertThat(planned.plan().packages().get(0).requestedBy()).isEqualTo("dependency");
    assertThat(planned.plan().packages().get(0).decisions())
        .containsExactly(
            new Decision(Target.SYSTEM, Action.ADD, "upgrades version 2.41-12 of the base system"));
    assertThat(planned.plan().packages().get(1).metByBaseSystem()).isEmpty();
  }

  @Test
  void aPackageTheBaseSystemHasAtTheSameVersionIsSkipped() {
    Planned planned = plan("gcc-14-base");
    assertThat(packages(planned)).containsExactly("gcc-14-base 14.2.0-19");
    assertThat(planned.plan().packages().get(0).decisions())
        .containsExactly(
            new Decision(
                Target.SYSTEM,
                Action.SKIP,
                "already in the base system (/pve-base.squashfs) at version 14.2.0-19"));
  }
}
