package io.github.pveiso.pipeline.stage;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pveiso.Sha256Digest;
import io.github.pveiso.cache.Cache;
import io.github.pveiso.debian.DebWriter.Item;
import io.github.pveiso.events.Event;
import io.github.pveiso.events.EventListener;
import io.github.pveiso.iso.IsoImage;
import io.github.pveiso.pipeline.plan.Action;
import io.github.pveiso.pipeline.plan.Candidate;
import io.github.pveiso.pipeline.plan.DebContents;
import io.github.pveiso.pipeline.plan.Decision;
import io.github.pveiso.pipeline.plan.FirmwarePrecedence;
import io.github.pveiso.pipeline.plan.PackagePlan;
import io.github.pveiso.pipeline.plan.Plan;
import io.github.pveiso.pipeline.plan.PlannerTest;
import io.github.pveiso.pipeline.plan.Target;
import io.github.pveiso.proxmox.ProxmoxFirmware;
import io.github.pveiso.testing.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A cold stage and a warm one (from the cache, with the .debs unreadable) give the same things. */
class StageStepTest {

  @TempDir Path dir;

  final List<String> log = new CopyOnWriteArrayList<>();
  final EventListener events =
      event -> {
        if (event instanceof Event.Log l && l.level() != Event.Level.DEBUG) {
          log.add(l.message());
        }
      };

  static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  Cache cache() {
    return Cache.open(
        dir.resolve("cache"),
        (uri, target, limit) -> {
          throw new AssertionError("nothing is downloaded: " + uri);
        },
        Clock.systemUTC(),
        events);
  }

  record Input(Plan plan, List<Candidate> candidates) {}

  Input input() throws IOException {
    Path debs = Files.createDirectories(dir.resolve("debs"));
    Path firmware =
        TestDebs.deb(
            debs,
            "firmware-misc-nonfree",
            "20250410-1",
            Map.of(),
            List.of(
                Item.file("usr/lib/firmware/test/a.bin", 0644, b("firmware A")),
                Item.symlink("usr/lib/firmware/test/b.bin", "a.bin")));
    Path microcode =
        TestDebs.deb(
            debs,
            "amd64-microcode",
            "3.20250311.1",
            Map.of(),
            List.of(
                Item.file(
                    "lib/firmware/amd-ucode/microcode_amd_fam17h.bin",
                    0644,
                    b("DMA\0test container"))));
    List<PackagePlan> plans = new ArrayList<>();
    List<Candidate> candidates = new ArrayList<>();
    for (Path deb : List.of(microcode, firmware)) {
      String[] parts = deb.getFileName().toString().split("_");
      boolean ucode = parts[0].equals("amd64-microcode");
      plans.add(
          new PackagePlan(
              parts[0],
              parts[1],
              "all",
              "http://127.0.0.1/" + deb.getFileName(),
              Sha256Digest.ofFile(deb).hex(),
              "extra_packages",
              List.of(
                  new Decision(Target.ISO, Action.ADD, "firmware"),
                  new Decision(Target.INSTALLER, ucode ? Action.ADD : Action.SKIP, "microcode"),
                  new Decision(Target.SYSTEM, ucode ? Action.SKIP : Action.REPACK, "conflicts")),
              List.of()));
      candidates.add(
          new Candidate(
              PlannerTest.pkg(parts[0], parts[1], ""),
              "http://127.0.0.1/" + deb.getFileName(),
              deb,
              Optional.empty(),
              "extra_packages",
              new DebContents(List.of(), List.of(), List.of(), false)));
    }
    return new Input(
        new Plan(
            "amd64",
            List.of(Target.values()),
            plans,
            List.of(),
            List.of(),
            FirmwarePrecedence.PROXMOX,
            List.of()),
        candidates);
  }

  Staged stage(Input input) throws IOException {
    try (IsoImage source = IsoImage.open(Fixtures.Fixture.MKRESCUE.iso())) {
      return new StageStep(
              dir.resolve("work"), Instant.ofEpochSecond(1_700_000_000L), events, cache())
          .call(source, input.plan(), input.candidates(), ProxmoxFirmware.none());
    }
  }

  /** Every path under the work folder with its SHA-256, link target or "dir", sorted. */
  Map<String, String> listing() throws IOException {
    Path root = dir.resolve("work");
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.toList()) {
        String rel = root.relativize(p).toString();
        if (Files.isSymbolicLink(p)) {
          out.put(rel, "-> " + Files.readSymbolicLink(p));
        } else if (Files.isDirectory(p)) {
          out.put(rel, "dir");
        } else {
          out.put(rel, Sha256Digest.ofFile(p).hex());
        }
      }
    }
    return out;
  }

  @Test
  void aWarmStageReadsNoDebAndStagesWhatTheColdOneStaged() throws IOException {
    Input input = input();
    Staged cold = stage(input);
    Map<String, String> coldFiles = listing();
    for (Candidate c : input.candidates()) {
      Files.write(c.file(), b("not a deb any more"));
    }
    log.clear();

    Staged warm = stage(input);

    assertThat(warm).isEqualTo(cold);
    assertThat(listing()).isEqualTo(coldFiles);
    assertThat(coldFiles.keySet())
        .containsExactly(
            "",
            "firmware",
            "firmware/Contents-firmware",
            "firmware/amd-ucode",
            "firmware/amd-ucode/microcode_amd_fam17h.bin",
            "firmware/test",
            "firmware/test/a.bin",
            "firmware/test/b.bin",
            "initrd.img",
            "repacked",
            cold.changes().stream()
                .filter(c -> c.isoPath().startsWith(StageStep.PACKAGES))
                .findFirst()
                .orElseThrow()
                .describe()
                .replaceFirst(".*/", "repacked/"));
    // the parts are staged side by side: their lines come in any order, each part's in its own
    List<String> sorted = log.stream().sorted().toList();
    assertThat(sorted).hasSize(4);
    assertThat(sorted.get(0)).startsWith("prepended early microcode (AuthenticAMD, ");
    assertThat(sorted.get(1)).startsWith("repack: reused pveiso-firmware_");
    assertThat(sorted.get(2))
        .startsWith("stage: reused the early microcode archive from the cache");
    assertThat(sorted.get(3))
        .isEqualTo(
            "stage: reused the firmware tree from the cache (3 entries), same packages as before");
    assertThat(log.indexOf(sorted.get(2))).isLessThan(log.indexOf(sorted.get(0)));
  }
}
