package io.github.pveiso.iso.fat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pveiso.VerificationException;
import io.github.pveiso.proc.SystemProcessRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reads FAT12, FAT16 and FAT32 volumes made by mkfs.fat and filled by mtools. */
class FatFileSystemTest {
  @TempDir Path dir;

  private Path volume(int fatBits, int kib) throws IOException {
    Path img = dir.resolve("fat" + fatBits + ".img");
    Path loader = Files.writeString(dir.resolve("BOOTAA64.EFI"), "arm64 loader\n");
    Path longName = Files.writeString(dir.resolve("A long name.conf"), "x".repeat(10_000));
    SystemProcessRunner run = new SystemProcessRunner();
    run.runChecked(
        List.of(
            "mkfs.fat", "-C", "-F", String.valueOf(fatBits), img.toString(), String.valueOf(kib)));
    run.runChecked(List.of("mmd", "-i", img.toString(), "::/EFI", "::/EFI/BOOT", "::/EFI/debian"));
    run.runChecked(
        List.of("mcopy", "-i", img.toString(), loader.toString(), "::/EFI/BOOT/BOOTAA64.EFI"));
    run.runChecked(
        List.of(
            "mcopy", "-i", img.toString(), longName.toString(), "::/EFI/debian/A long name.conf"));
    return img;
  }

  @ParameterizedTest
  @CsvSource({"12, 1440, FAT12", "16, 16384, FAT16", "32, 65536, FAT32"})
  void listsAndReadsEachFatType(int bits, int kib, FatType type) throws IOException {
    byte[] bytes = Files.readAllBytes(volume(bits, kib));
    FatFileSystem fs = FatFileSystem.read("test.img", bytes);
    assertThat(fs.type()).isEqualTo(type);
    assertThat(fs.entries())
        .extracting(FatEntry::path)
        .containsExactly(
            "/EFI",
            "/EFI/BOOT",
            "/EFI/BOOT/BOOTAA64.EFI",
            "/EFI/debian",
            "/EFI/debian/A long name.conf");
    assertThat(
            new String(
                fs.read(fs.find("/efi/boot/bootaa64.efi").orElseThrow()),
                StandardCharsets.US_ASCII))
        .isEqualTo("arm64 loader\n");
    assertThat(fs.read(fs.find("/EFI/debian/A long name.conf").orElseThrow()))
        .isEqualTo("x".repeat(10_000).getBytes(StandardCharsets.US_ASCII));
    assertThat(EfiArchitecture.of(fs)).containsExactly(EfiArchitecture.ARM64);
    assertThat(fs.bootSector().record()).isEqualTo(Arrays.copyOf(bytes, 512));
  }

  @Test
  void refusesBytesThatAreNotFat() {
    assertThatThrownBy(() -> FatFileSystem.read("/efi.img", new byte[4096]))
        .isInstanceOf(VerificationException.class)
        .hasMessage("/efi.img is not a FAT file system");
  }

  @Test
  void refusesATruncatedVolume() throws IOException {
    byte[] bytes = Files.readAllBytes(volume(12, 1440));
    assertThatThrownBy(() -> FatFileSystem.read("/efi.img", Arrays.copyOf(bytes, 100_000)))
        .isInstanceOf(VerificationException.class)
        .hasMessage(
            "/efi.img is truncated: its FAT boot sector says 1474560 bytes but it has " + "100000");
  }

  @Test
  void aDirectoryChainLongerThanAnyFatDirectoryIsRefused() throws IOException {
    byte[] bytes = Files.readAllBytes(volume(16, 16384));
    FatFileSystem fs = FatFileSystem.read("test.img", bytes);
    FatBootSector boot = fs.bootSector();
    long clusterBytes = (long) boot.sectorsPerCluster() * boot.bytesPerSector();
    int fat = boot.reservedSectors() * boot.bytesPerSector();
    long efi = fs.find("/EFI").orElseThrow().firstCluster();
    // /EFI's chain goes on through free (zeroed) clusters for more than 2 MiB
    int first = 1000;
    int count = (int) ((2 << 20) / clusterBytes) + 1;
    io.github.pveiso.iso.bytes.Bytes.putLe16(bytes, fat + (int) efi * 2, first);
    for (int i = 0; i < count; i++) {
      int next = i == count - 1 ? 0xffff : first + i + 1;
      io.github.pveiso.iso.bytes.Bytes.putLe16(bytes, fat + (first + i) * 2, next);
    }
    assertThatThrownBy(() -> FatFileSystem.read("test.img", bytes))
        .isInstanceOf(VerificationException.class)
        .hasMessage(
            "test.img: the cluster chain of directory /EFI holds more than the 2097152 bytes a"
                + " FAT directory may have");
  }
}
