package io.github.pveiso.iso.boottest;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pveiso.events.EventListener;
import io.github.pveiso.iso.BootLayout;
import io.github.pveiso.iso.IsoImage;
import io.github.pveiso.iso.boottest.BootMode.Firmware;
import io.github.pveiso.iso.boottest.BootMode.Medium;
import io.github.pveiso.iso.fat.EfiArchitecture;
import io.github.pveiso.iso.write.GrowingIsoWriter;
import io.github.pveiso.iso.write.IsoChange;
import io.github.pveiso.iso.write.IsoWriter;
import io.github.pveiso.iso.write.LayoutIsoWriter;
import io.github.pveiso.iso.write.XorrisoIsoWriter;
import io.github.pveiso.proc.SystemProcessRunner;
import io.github.pveiso.testing.Fixtures;
import io.github.pveiso.testing.Fixtures.Fixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Boots the fixtures, modified by the writer, under QEMU in every mode their layout supports. */
@Tag("slow")
class BootSuiteTest {

  static final Instant TIME = Instant.parse("2025-06-01T12:00:00Z");

  @TempDir Path tmp;

  private final SystemProcessRunner runner = new SystemProcessRunner();
  private final XorrisoIsoWriter xorriso = new XorrisoIsoWriter(runner, EventListener.NONE);

  /** The default writer: pure-Java growing where that is safe, xorriso's replay elsewhere. */
  private final IsoWriter writer =
      new LayoutIsoWriter(
          LayoutIsoWriter.Choice.AUTO, new GrowingIsoWriter(EventListener.NONE), xorriso);

  private final BootTester tester =
      new BootTester(runner, QemuSetup.debian(), BootSuiteTest::log, Duration.ofMinutes(3));

  /** Boot summaries with their times go to the test report (target/surefire-reports). */
  private static void log(io.github.pveiso.events.Event event) {
    if (event instanceof io.github.pveiso.events.Event.Log log
        && log.level() != io.github.pveiso.events.Event.Level.DEBUG) {
      System.out.println(log.message());
    }
  }

  private static BootLayout layout(Path iso) {
    try (IsoImage image = IsoImage.open(iso)) {
      return image.bootLayout();
    }
  }

  private static EfiArchitecture arch(Fixture fixture) {
    return fixture == Fixture.ARM64 ? EfiArchitecture.ARM64 : EfiArchitecture.AMD64;
  }

  private Path modified(Fixture fixture, BootLayout layout) throws IOException {
    return modified(fixture, layout, writer);
  }

  private Path modified(Fixture fixture, BootLayout layout, IsoWriter writer) throws IOException {
    Path added = Files.writeString(tmp.resolve("added.txt"), "added by pveiso\n");
    Path replaced = Files.writeString(tmp.resolve("replaced.txt"), "fixture replaced by pveiso\n");
    List<IsoChange> changes =
        List.of(
            new IsoChange.AddFile("/pveiso-added.txt", added, 0644, TIME),
            new IsoChange.ReplaceFile("/pveiso-fixture.txt", replaced, 0444, TIME));
    return writer.write(fixture.iso(), layout, changes, tmp.resolve("modified.iso")).output();
  }

  @ParameterizedTest
  @EnumSource(Fixture.class)
  void theModifiedFixtureBootsInEveryModeAndGrubSeesTheChanges(Fixture fixture) throws IOException {
    Path iso = modified(fixture, layout(fixture.iso()));

    List<BootReport> reports =
        tester.bootAll(iso, layout(iso), arch(fixture), fixture.grubMarker(), Fixtures.GRUB_DONE);

    assertThat(reports).hasSize(fixture == Fixture.ARM64 ? 3 : 6);
    for (BootReport report : reports) {
      assertThat(report.outcome()).as(report.summary()).isEqualTo(BootOutcome.PASSED);
      assertThat(report.console())
          .as(report.mode().toString())
          .contains("PVEISO-FILE /pveiso-added.txt")
          .contains("added by pveiso")
          .contains("fixture replaced by pveiso")
          .doesNotContain("fixture " + fixture.fixtureName() + " original");
    }
  }

  @Test
  void aChangedVolumeDateDropsUefiFromDiskAndUsbIntoTheGrubShell() throws IOException {
    BootLayout source = layout(Fixture.MKRESCUE.iso());
    BootLayout wrongDate =
        new BootLayout(
            source.volumeId(),
            "2026-01-01-00-00-00-00",
            source.biosElTorito(),
            source.uefiElTorito(),
            source.mbrBootCode(),
            source.mbrPartitions(),
            source.gpt(),
            source.efiPartitionAppended(),
            source.appleMap(),
            source.hfsPlus());
    // xorriso writes the layout's date (-volume_date uuid); the Java writer keeps the source's
    Path iso = modified(Fixture.MKRESCUE, wrongDate, xorriso);
    assertThat(layout(iso).volumeDateUuid()).isEqualTo("2026-01-01-00-00-00-00");

    for (Medium medium : List.of(Medium.DISK, Medium.USB)) {
      BootReport report =
          tester.boot(
              iso,
              new BootMode(EfiArchitecture.AMD64, Firmware.UEFI, medium),
              Fixture.MKRESCUE.grubMarker(),
              Fixtures.GRUB_DONE);
      assertThat(report.outcome()).as(report.summary()).isEqualTo(BootOutcome.GRUB_SHELL);
      assertThat(report.console()).doesNotContain(Fixture.MKRESCUE.grubMarker());
    }
  }

  @Test
  void anIsoWrittenTwiceStillBootsUefiFromDisk() throws IOException {
    Path once = modified(Fixture.MKRESCUE, layout(Fixture.MKRESCUE.iso()));
    Path more = Files.writeString(tmp.resolve("more.txt"), "second write\n");
    Path twice =
        writer
            .write(
                once,
                layout(once),
                List.of(new IsoChange.AddFile("/pveiso-second.txt", more, 0644, TIME)),
                tmp.resolve("twice.iso"))
            .output();
    for (Medium medium : List.of(Medium.DISK, Medium.USB)) {
      BootReport report =
          tester.boot(
              twice,
              new BootMode(EfiArchitecture.AMD64, Firmware.UEFI, medium),
              Fixture.MKRESCUE.grubMarker(),
              Fixtures.GRUB_DONE);
      assertThat(report.outcome()).as(report.summary()).isEqualTo(BootOutcome.PASSED);
      assertThat(report.console()).contains("PVEISO-FILE /pveiso-second.txt", "added by pveiso");
    }
  }
}
