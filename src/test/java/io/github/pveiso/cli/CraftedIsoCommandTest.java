package io.github.pveiso.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pveiso.iso.CraftedIso;
import io.github.pveiso.iso.boot.GptHeader;
import io.github.pveiso.iso.iso9660.SuspEntry;
import io.github.pveiso.testing.Fixtures.Fixture;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ISOs damaged on purpose, one structure each: {@code inspect}, {@code verify} and {@code verify
 * --against} the fixture end with exit 3 and one line that names the structure, where it is and the
 * bad value (never exit 4, a stack trace or an allocation sized by the bad value).
 */
class CraftedIsoCommandTest {
  private static final String FILE = "/pveiso-fixture.txt";

  @TempDir Path dir;

  private CraftedIso crafted() {
    return CraftedIso.copy(Fixture.MKRESCUE.iso(), dir.resolve("crafted.iso"));
  }

  /** The three commands on {@code crafted.iso}. */
  private List<CliRun> runAll() {
    List<CliRun> runs = new ArrayList<>();
    runs.add(CliRun.run(dir, Map.of(), "inspect", "crafted.iso"));
    runs.add(CliRun.run(dir, Map.of(), "verify", "crafted.iso"));
    runs.add(
        CliRun.run(
            dir,
            Map.of(),
            "verify",
            "crafted.iso",
            "--against",
            Fixture.MKRESCUE.iso().toString()));
    return runs;
  }

  /** Each command refuses the ISO with exit 3 and {@code message}. */
  private void assertRefused(String message) {
    for (CliRun run : runAll()) {
      assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
      assertThat(run.err()).isEqualTo("pveiso: " + message + "\n");
    }
  }

  /** How the reader names the record of {@code path}: the image, the ISO 9660 path. */
  private String where(CraftedIso iso, String path) {
    String isoName = iso.record(path).isoName();
    return iso.path() + ": " + path.substring(0, path.lastIndexOf('/') + 1) + isoName + ": ";
  }

  // Finding 4 of issue 15: Rock Ridge entries shorter than their fields

  @Test
  void aNameEntryWithoutDataIsRefused() {
    CraftedIso iso = crafted();
    String where = where(iso, FILE);
    iso.changeSuspData(FILE, "NM", new byte[0]);
    assertRefused(where + "Rock Ridge NM entry has 0 data bytes, fewer than the 1 it needs");
  }

  @Test
  void aShortPosixAttributesEntryIsRefused() {
    CraftedIso iso = crafted();
    String where = where(iso, FILE);
    iso.changeSuspData(FILE, "PX", new byte[8]);
    assertRefused(where + "Rock Ridge PX entry has 8 data bytes, fewer than the 32 it needs");
  }

  @Test
  void aTimestampEntryShorterThanItsFlagsIsRefused() {
    CraftedIso iso = crafted();
    String where = where(iso, FILE);
    byte[] oneStamp = new byte[8];
    oneStamp[0] = 0x0e; // modify, access and attributes: three 7-byte stamps
    iso.changeSuspData(FILE, "TF", oneStamp);
    assertRefused(
        where + "Rock Ridge TF entry has 8 data bytes, fewer than the 22 its flags 0x0e need");
    crafted().changeSuspData(FILE, "TF", new byte[0]);
    assertRefused(where + "Rock Ridge TF entry has 0 data bytes, fewer than the 1 it needs");
  }

  @Test
  void aContinuationAreaOf2GiBIsRefused() {
    CraftedIso iso = crafted();
    String where = where(iso, FILE);
    iso.changeSusp(FILE, entries -> List.of(ce(20, 0, 0x8000_0000L)));
    assertRefused(
        where
            + "Rock Ridge CE entry gives a continuation area of 2147483648 bytes at byte 0 of"
            + " block 20, more than the 2048 bytes of one block");
  }

  @Test
  void aGptEntryArrayWhoseSizeOverflowsIsAProblemOfTheGpt() {
    CraftedIso iso = crafted();
    GptHeader h = GptHeader.parse(iso.read(GptHeader.BLOCK, GptHeader.BLOCK));
    iso.write(GptHeader.BLOCK, withEntries(h, 0xffff_ffffL, 0xffff_ffffL).record());
    String problem =
        "GPT primary header gives 4294967295 entries of 4294967295 bytes, more than the 1048576"
            + " bytes an entry array may have here";
    List<CliRun> runs = runAll();
    assertThat(runs.get(0).exitCode()).as(runs.get(0).err()).isZero();
    assertThat(runs.get(0).out())
        .contains("partitions, backup header at block " + lastSector() + "; " + problem + "\n");
    for (CliRun verify : runs.subList(1, 3)) {
      assertThat(verify.exitCode()).as(verify.err()).isEqualTo(3);
      assertThat(verify.err()).doesNotContain("pveiso: ");
      assertThat(verify.out()).contains(String.format("FAIL  %-26s %s%n", "GPT", problem));
    }
  }

  @Test
  void aFatWhoseReservedSectorsRunPastTheImageIsRefused() {
    CraftedIso iso = crafted();
    iso.write(efiImageOffset(iso) + 14, le16(0xffff));
    assertFatRefused(
        "FAT boot sector gives 65535 reserved sectors, 2 FATs of 2 sectors and 512 root"
            + " entries, which end at byte 33572352, beyond the volume's "
            + efiImageSize(iso)
            + " bytes");
  }

  @Test
  void aFatWhoseSectorsPerFatRunPastTheImageIsRefused() {
    CraftedIso iso = crafted();
    iso.write(efiImageOffset(iso) + 22, le16(0xffff));
    assertFatRefused(
        "FAT boot sector gives 1 reserved sectors, 2 FATs of 65535 sectors and 512 root"
            + " entries, which end at byte 67124736, beyond the volume's "
            + efiImageSize(iso)
            + " bytes");
  }

  /**
   * {@code inspect} refuses the EFI image {@code /efi.img}; both verifications fail its check as
   * UEFI boot image 2.
   */
  private void assertFatRefused(String problem) {
    List<CliRun> runs = runAll();
    assertThat(runs.get(0).exitCode()).as(runs.get(0).err()).isEqualTo(3);
    assertThat(runs.get(0).err()).isEqualTo("pveiso: /efi.img: " + problem + "\n");
    String name = "boot image 2 (UEFI)";
    for (CliRun verify : runs.subList(1, 3)) {
      assertThat(verify.exitCode()).as(verify.err()).isEqualTo(3);
      assertThat(verify.out()).contains(String.format("FAIL  %-26s %s: %s%n", name, name, problem));
    }
  }

  @Test
  void anEfiPartitionWithoutARangeFailsVerificationNotExit4() {
    CraftedIso iso = crafted();
    // GPT entry 2 is the EFI partition (blocks 128..2367): make its last block 126
    GptHeader h = GptHeader.parse(iso.read(GptHeader.BLOCK, GptHeader.BLOCK));
    iso.write(h.entriesLba() * GptHeader.BLOCK + 128 + 40, le64(126));
    CliRun run = CliRun.run(dir, Map.of(), "verify", "crafted.iso", "--against", "crafted.iso");
    assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
    assertThat(run.out())
        .contains(
            String.format(
                "FAIL  %-26s %s%n",
                "EFI partition",
                iso.path()
                    + "'s EFI partition, -512 bytes at byte 65536, lies outside its "
                    + fixtureSize()
                    + " bytes"));
  }

  // Finding 5 of issue 15: sizes near 2 GiB in a 1.7 MB ISO must not be allocated

  @Test
  void aContinuationAreaNear2GiBIsRefusedWithoutAllocatingIt() {
    CraftedIso iso = crafted();
    String where = where(iso, FILE);
    iso.changeSusp(FILE, entries -> List.of(ce(20, 0, 0x7fff_fff0L)));
    assertSmall(this::runAll);
    assertRefused(
        where
            + "Rock Ridge CE entry gives a continuation area of 2147483632 bytes at byte 0 of"
            + " block 20, more than the 2048 bytes of one block");
  }

  @Test
  void anEfiImageNear2GiBIsRefusedWithoutAllocatingIt() {
    CraftedIso iso = crafted();
    iso.changeRecord("/efi.img", r -> CraftedIso.withExtent(r, r.extent(), 0x7fff_f000L));
    List<CliRun> runs = assertSmall(this::runAll);
    assertThat(runs).extracting(CliRun::exitCode).containsExactly(3, 3, 3);
    String tooLarge =
        "boot image 2 (/efi.img) has 2147479552 bytes, more than the 67108864 a boot image may"
            + " have";
    assertThat(runs.get(0).err()).isEqualTo("pveiso: " + iso.path() + ": " + tooLarge + "\n");
    assertThat(runs.get(2).err()).isEqualTo("pveiso: " + iso.path() + ": " + tooLarge + "\n");
  }

  @Test
  void aGrubConfigRunningPastTheImageIsRefusedNotABug() {
    CraftedIso iso = crafted();
    String cfg = "/boot/grub/grub.cfg";
    long block = iso.record(cfg).extent();
    iso.changeRecord(cfg, r -> CraftedIso.withExtent(r, r.extent(), 0xd400_0000L));
    CliRun run = CliRun.run(dir, Map.of(), "inspect", "crafted.iso");
    assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
    assertThat(run.err())
        .isEqualTo(
            "pveiso: "
                + iso.path()
                + ": "
                + cfg
                + " at block "
                + block
                + " runs to byte "
                + (block * 2048 + 0xd400_0000L)
                + ", beyond the image's end at "
                + fixtureSize()
                + "\n");
  }

  @Test
  void aBiosBootImageNear2GiBIsRefusedWithoutAllocatingIt() {
    CraftedIso iso = crafted();
    String eltorito = "/boot/grub/i386-pc/eltorito.img";
    iso.changeRecord(eltorito, r -> CraftedIso.withExtent(r, r.extent(), 0x7fff_f000L));
    List<CliRun> runs = assertSmall(this::runAll);
    assertThat(runs).extracting(CliRun::exitCode).containsExactly(3, 3, 3);
    String tooLarge =
        "boot image 1 ("
            + eltorito
            + ") has 2147479552 bytes, more than the 67108864 a boot image may have";
    assertThat(runs.get(0).err()).isEqualTo("pveiso: " + iso.path() + ": " + tooLarge + "\n");
    assertThat(runs.get(2).err()).isEqualTo("pveiso: " + iso.path() + ": " + tooLarge + "\n");
  }

  /** Runs {@code commands} and fails when they allocate 64 MiB or more. */
  private static <T> T assertSmall(java.util.function.Supplier<T> commands) {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    T result = commands.get();
    assertThat(threads.getCurrentThreadAllocatedBytes() - before).isLessThan(64L << 20);
    return result;
  }

  // Finding 7 of issue 15: verify must not call broken images consistent

  @Test
  void aFileExtentPastTheImageFailsVerification() {
    CraftedIso iso = crafted();
    long size = Fixture.MKRESCUE.iso().toFile().length();
    long block = size / 2048 + 10;
    iso.changeRecord(FILE, r -> CraftedIso.withExtent(r, block, r.dataLength()));
    long from = block * 2048;
    long to = from + iso.record(FILE).dataLength();
    assertTreeFails(
        FILE + ": bytes " + from + ".." + to + " lie beyond the image's end at " + size,
        FILE + " lies beyond the image's end");
  }

  @Test
  void aFileSizePastTheImageFailsVerification() {
    CraftedIso iso = crafted();
    long size = Fixture.MKRESCUE.iso().toFile().length();
    iso.changeRecord(FILE, r -> CraftedIso.withExtent(r, r.extent(), 0xffff_ff00L));
    long from = iso.record(FILE).extent() * 2048;
    assertTreeFails(
        FILE
            + ": bytes "
            + from
            + ".."
            + (from + 0xffff_ff00L)
            + " lie beyond the image's end at "
            + size,
        FILE + " has " + 0xffff_ff00L + " bytes instead of 26");
  }

  /**
   * {@code inspect} shows the ISO; {@code verify} fails its tree check with {@code detail}; {@code
   * verify --against} fails it too and warns with {@code differs} (it has no change list).
   */
  private void assertTreeFails(String detail, String differs) {
    List<CliRun> runs = runAll();
    assertThat(runs.get(0).exitCode()).as(runs.get(0).err()).isZero();
    for (CliRun verify : runs.subList(1, 3)) {
      assertThat(verify.exitCode()).as(verify.err()).isEqualTo(3);
      assertThat(verify.err()).doesNotContain("pveiso: ");
      assertThat(verify.out()).contains(String.format("FAIL  %-26s %s%n", "ISO 9660 tree", detail));
    }
    assertThat(runs.get(2).out())
        .contains(
            String.format("WARN  %-26s %s; no change list was given%n", "source files", differs));
  }

  @Test
  void aVolumeOfZeroBlocksFailsVerification() {
    crafted().write(16 * 2048 + 80, both32(0));
    List<CliRun> runs = runAll();
    assertThat(runs.get(0).exitCode()).as(runs.get(0).err()).isZero();
    String detail =
        "the volume space size of 0 blocks is less than the 20 blocks its volume descriptors and"
            + " root directory need";
    for (CliRun verify : runs.subList(1, 3)) {
      assertThat(verify.exitCode()).as(verify.err()).isEqualTo(3);
      assertThat(verify.out())
          .contains(String.format("FAIL  %-26s %s%n", "ISO 9660 volume", detail));
    }
  }

  @Test
  void aRockRidgeNameWithASlashIsRefused() {
    CraftedIso iso = crafted();
    String where = where(iso, FILE);
    iso.changeSuspData(FILE, "NM", nm("a/b"));
    assertRefused(where + "Rock Ridge name 'a/b' contains '/'");
  }

  @Test
  void aRockRidgeNameOfDotDotIsRefused() {
    CraftedIso iso = crafted();
    String where = where(iso, FILE);
    iso.changeSuspData(FILE, "NM", nm(".."));
    assertRefused(where + "Rock Ridge name '..' is not a file name");
  }

  @Test
  void aRockRidgeNameWithANewlineIsRefusedOnOneLine() {
    CraftedIso iso = crafted();
    String where = where(iso, FILE);
    iso.changeSuspData(FILE, "NM", nm("a\nb"));
    assertRefused(where + "Rock Ridge name 'a\\x0ab' contains a line break");
  }

  @Test
  void aDirectoryPastTheImageIsRefused() {
    CraftedIso iso = crafted();
    long size = Fixture.MKRESCUE.iso().toFile().length();
    long block = size / 2048 + 10;
    iso.changeRecord("/proxmox", r -> CraftedIso.withExtent(r, block, r.dataLength()));
    assertRefused(
        iso.path()
            + ": directory /proxmox at block "
            + block
            + " holds 2048 bytes, past the image's end at "
            + size);
  }

  private static byte[] nm(String name) {
    byte[] text = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] d = new byte[1 + text.length];
    System.arraycopy(text, 0, d, 1, text.length);
    return d;
  }

  private static byte[] both32(long value) {
    byte[] b = new byte[8];
    io.github.pveiso.iso.bytes.Bytes.putBoth32(b, 0, value);
    return b;
  }

  /**
   * The fixture's size in bytes: grub-mkrescue makes it on the test machine, so its size (and that
   * of its EFI image) follows the GRUB build installed there.
   */
  private static long fixtureSize() {
    return Fixture.MKRESCUE.iso().toFile().length();
  }

  /** The last 512-byte sector of the fixture, where its backup GPT header lies. */
  private static long lastSector() {
    return fixtureSize() / 512 - 1;
  }

  private static long efiImageSize(CraftedIso iso) {
    return iso.record("/efi.img").dataLength();
  }

  private static long efiImageOffset(CraftedIso iso) {
    return 2048L * CraftedIso.blockOf(iso.path(), "/efi.img");
  }

  /** {@code h} with another entry count and size, its CRC recomputed. */
  private static GptHeader withEntries(GptHeader h, long count, long size) {
    GptHeader zeroCrc = withEntries(h, count, size, 0);
    return withEntries(h, count, size, zeroCrc.computedHeaderCrc());
  }

  private static GptHeader withEntries(GptHeader h, long count, long size, long crc) {
    return new GptHeader(
        h.signature(),
        h.revision(),
        h.headerSize(),
        crc,
        h.reserved(),
        h.currentLba(),
        h.backupLba(),
        h.firstUsableLba(),
        h.lastUsableLba(),
        h.diskGuid(),
        h.entriesLba(),
        count,
        size,
        h.entriesCrc(),
        h.rest());
  }

  static SuspEntry ce(long block, long offset, long length) {
    byte[] d = new byte[24];
    both32(d, 0, block);
    both32(d, 8, offset);
    both32(d, 16, length);
    return new SuspEntry("CE", 1, d);
  }

  private static void both32(byte[] b, int at, long value) {
    io.github.pveiso.iso.bytes.Bytes.putBoth32(b, at, value);
  }

  static byte[] le32(long value) {
    byte[] b = new byte[4];
    io.github.pveiso.iso.bytes.Bytes.putLe32(b, 0, value);
    return b;
  }

  static byte[] le64(long value) {
    byte[] b = new byte[8];
    io.github.pveiso.iso.bytes.Bytes.putLe64(b, 0, value);
    return b;
  }

  static byte[] le16(int value) {
    byte[] b = new byte[2];
    io.github.pveiso.iso.bytes.Bytes.putLe16(b, 0, value);
    return b;
  }
}
