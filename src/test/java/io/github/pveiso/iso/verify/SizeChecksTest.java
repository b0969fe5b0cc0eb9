package io.github.pveiso.iso.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pveiso.iso.boot.ApmEntry;
import io.github.pveiso.iso.boot.ApplePartitionMap;
import io.github.pveiso.iso.boot.Gpt;
import io.github.pveiso.iso.boot.GptEntry;
import io.github.pveiso.iso.boot.Mbr;
import io.github.pveiso.iso.boot.MbrPartition;
import io.github.pveiso.iso.boot.SystemArea;
import io.github.pveiso.iso.bytes.ImageChannel;
import io.github.pveiso.iso.verify.VerificationReport.Check;
import io.github.pveiso.testing.Fixtures.Fixture;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The size checks' cases the grown fixtures do not reach: missing and renamed tables. */
class SizeChecksTest {

  static SystemArea mkrescue() {
    try (ImageChannel image = ImageChannel.open(Fixture.MKRESCUE.iso())) {
      return SystemArea.read(image);
    }
  }

  static SystemArea with(
      SystemArea a, Optional<Mbr> mbr, Optional<Gpt> gpt, Optional<ApplePartitionMap> apm) {
    return new SystemArea(a.size(), mbr, gpt, apm);
  }

  /** The GPT with entry 4 (Gap1) renamed; the stored entry bytes and their CRC stay. */
  static Gpt renamedGap(Gpt gpt, String name) {
    List<GptEntry> entries = new ArrayList<>(gpt.entries());
    GptEntry e = entries.get(3);
    byte[] field = new byte[72];
    byte[] text = name.getBytes(StandardCharsets.UTF_16LE);
    System.arraycopy(text, 0, field, 0, text.length);
    entries.set(
        3,
        new GptEntry(
            e.typeGuid(),
            e.uniqueGuid(),
            e.firstLba(),
            e.lastLba(),
            e.attributes(),
            field,
            e.tail()));
    return new Gpt(
        gpt.primary(), entries, gpt.entriesBytes(), gpt.backup(), gpt.backupEntriesBytes());
  }

  @Test
  void theSourceItselfPassesEveryCheck() {
    SystemArea a = mkrescue();
    assertThat(List.of(SizeChecks.mbr(a, a), SizeChecks.gpt(a, a), SizeChecks.apm(a, a)))
        .containsExactly(
            Check.pass("MBR size", "partitions [1] end at the last sector 3463"),
            Check.pass(
                "GPT size",
                "backup header at the last block 3463, [Gap1] run to the end as in the source"),
            Check.pass(
                "Apple partition map size", "[Gap1] end at the image's end as in the source"));
  }

  @Test
  void missingTablesFail() {
    SystemArea a = mkrescue();
    SystemArea none = with(a, Optional.empty(), Optional.empty(), Optional.empty());
    assertThat(List.of(SizeChecks.mbr(a, none), SizeChecks.gpt(a, none)))
        .containsExactly(
            Check.fail("MBR size", "the output has no MBR"),
            Check.fail("GPT size", "the output has no GPT"));
    assertThat(SizeChecks.apm(a, none))
        .isEqualTo(
            Check.pass(
                "Apple partition map size", "the source's gap fillers are gone with the padding"));
  }

  @Test
  void aPartitionThatIsNotAGapFillerMustStay() {
    SystemArea a = mkrescue();
    SystemArea src = with(a, a.mbr(), a.gpt().map(g -> renamedGap(g, "Data")), a.apm());
    SystemArea gapGone = with(a, a.mbr(), a.gpt().map(g -> renamedGap(g, "Other")), a.apm());
    assertThat(SizeChecks.gpt(src, gapGone))
        .isEqualTo(Check.fail("GPT size", "the output lacks partition 4 'Data'"));
    assertThat(SizeChecks.gpt(a, gapGone))
        .isEqualTo(Check.pass("GPT size", "backup header at the last block 3463"));

    ApplePartitionMap map = a.apm().orElseThrow();
    List<ApmEntry> entries = new ArrayList<>(map.entries());
    ApmEntry gap = entries.get(3);
    entries.set(
        3,
        new ApmEntry(
            gap.signature(),
            gap.reserved(),
            gap.mapEntries(),
            gap.startBlock(),
            gap.blockCount(),
            "Data" + "\0".repeat(28),
            gap.typeField(),
            gap.rest()));
    SystemArea dataApm =
        with(a, a.mbr(), a.gpt(), Optional.of(new ApplePartitionMap(2048, 0, entries)));
    assertThat(SizeChecks.apm(dataApm, a))
        .isEqualTo(Check.fail("Apple partition map size", "the output lacks entry 4 'Data'"));
  }

  @Test
  void sourcesWhoseTablesDoNotFitThemAreNotCompared() {
    SystemArea a = mkrescue();
    SystemArea grownSource = new SystemArea(a.size() + 2048, a.mbr(), a.gpt(), a.apm());
    assertThat(SizeChecks.gpt(grownSource, a))
        .isEqualTo(
            Check.pass("GPT size", "the source's GPT does not fit its own size; not compared"));
    assertThat(SizeChecks.mbr(grownSource, a))
        .isEqualTo(Check.pass("MBR size", "no partition ran to the source's end"));
    assertThat(SizeChecks.apm(grownSource, a))
        .isEqualTo(Check.pass("Apple partition map size", "no entry ran to the source's end"));
    MbrPartition p = a.mbr().orElseThrow().partitions().get(0);
    assertThat(p.sectors()).isEqualTo(3463);
  }
}
