package io.github.pveiso.iso.write;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pveiso.iso.iso9660.DirectoryRecord;
import io.github.pveiso.iso.iso9660.RockRidge;
import io.github.pveiso.iso.iso9660.SuspEntry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TreeRecordsTest {

  @Test
  void aFileOverFourGibibytesGetsOneRecordPerExtent() {
    TreeEdit.Dir edit = new TreeEdit.Dir("/big", true, 0755, GrowingIsoWriterTest.TIME);
    TreeEdit.NewFile huge =
        new TreeEdit.NewFile(
            "/big/huge.bin", Path.of("huge.bin"), 5L << 30, 0644, GrowingIsoWriterTest.TIME, null);
    OutDir dir = new OutDir(new byte[] {0}, null, Optional.empty(), Optional.of(edit), null);
    dir.extent = 40;
    dir.size = 2048;
    dir.items.add(
        new OutDir.New("HUGE.BIN;1".getBytes(StandardCharsets.ISO_8859_1), "huge.bin", huge));
    TreeRecords records =
        new TreeRecords(false, IsoNamesTest.LEVEL1, Map.of("/big/huge.bin", 100L), 50);

    List<DirectoryRecord> out = DirectoryRecord.parseAll(records.directory(dir));

    assertThat(out).hasSize(4);
    assertThat(out.get(0).extent()).isEqualTo(40);
    assertThat(out.get(1).extent()).isEqualTo(40);
    assertThat(out.get(2).extent()).isEqualTo(100);
    assertThat(out.get(2).dataLength()).isEqualTo(0xFFFFF800L);
    assertThat(out.get(2).flags()).isEqualTo(DirectoryRecord.FLAG_MULTI_EXTENT);
    assertThat(out.get(3).extent()).isEqualTo(100 + 0xFFFFF800L / 2048);
    assertThat(out.get(3).dataLength()).isEqualTo((5L << 30) - 0xFFFFF800L);
    assertThat(out.get(3).flags()).isZero();
    assertThat(RockRidge.of(SuspEntry.parseAll(out.get(3).systemUse(), 0)).name())
        .contains("huge.bin");
  }

  @Test
  void recordsNeverCrossABlockAndAnEmptyListStillFillsOne() {
    byte[] record = new byte[200];
    java.util.Arrays.fill(record, (byte) 1);
    List<byte[]> eleven = java.util.Collections.nCopies(11, record);
    byte[] packed = TreeRecords.pack(eleven);
    assertThat(packed).hasSize(4096);
    assertThat(packed[1999]).isEqualTo((byte) 1);
    assertThat(packed[2000]).isZero();
    assertThat(packed[2048]).isEqualTo((byte) 1);
    assertThat(packed[2248]).isZero();
    assertThat(TreeRecords.pack(List.of())).hasSize(2048);
  }
}
