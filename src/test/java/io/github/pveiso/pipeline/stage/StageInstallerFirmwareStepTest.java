package io.github.pveiso.pipeline.stage;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pveiso.Sha256Digest;
import io.github.pveiso.iso.write.IsoChange;
import io.github.pveiso.pipeline.plan.BootMenuPlan;
import io.github.pveiso.proxmox.InstallerFirmware;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /installer-firmware} from a staged {@code /firmware} tree: only names pve-firmware lacks
 * (any suffix), files as hard links, links followed to Proxmox's copy or to Debian's bytes.
 */
class StageInstallerFirmwareStepTest {

  static final Instant TIME = Instant.parse("2025-06-01T12:00:00Z");

  /** What the stand-in pve-firmware has, as the package names them. */
  static final Set<String> PROXMOX =
      Set.of("rtl_nic/rtl8125b-2.fw", "amdgpu/a.bin.zst", "iwlwifi-x.ucode");

  @TempDir Path dir;

  /** The name under which the stand-in has {@code path}: plain, then .zst, then .xz. */
  static Optional<String> find(String path) {
    String base = path.replaceFirst("\\.(zst|xz)$", "");
    for (String suffix : List.of("", ".zst", ".xz")) {
      if (PROXMOX.contains(base + suffix)) {
        return Optional.of(base + suffix);
      }
    }
    return Optional.empty();
  }

  private final List<FirmwareFolder.Entry> entries = new ArrayList<>();

  private void file(Path root, String path, String text) throws IOException {
    Path file = root.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    entries.add(
        new FirmwareFolder.Entry(
            path, "", Sha256Digest.of(bytes).toString(), bytes.length, "firmware-misc", "1.0"));
  }

  private void link(Path root, String path, String target) throws IOException {
    Path link = root.resolve(path);
    Files.createDirectories(link.getParent());
    Files.createSymbolicLink(link, Path.of(target));
    entries.add(new FirmwareFolder.Entry(path, target, "", 0, "firmware-misc", "1.0"));
  }

  /** A /firmware tree with every case. */
  private FirmwareFolder firmware() throws IOException {
    Path root = Files.createDirectories(dir.resolve("firmware"));
    file(root, "rtl_nic/rtl8125b-2.fw", "debian's older rtl8125b-2\n");
    file(root, "rtl_nic/rtl8168h-1.fw", "rtl8168h-1\n");
    file(root, "amdgpu/a.bin", "debian's plain a.bin\n");
    link(root, "amdgpu/alias.bin", "a.bin");
    link(root, "rtl_nic/alias.fw", "rtl8125b-2.fw");
    link(root, "new/x.bin", "../rtl_nic/rtl8168h-1.fw");
    link(root, "dangling.bin", "nowhere.bin");
    link(root, "out.bin", "../../etc/passwd");
    link(root, "loop1", "loop2");
    link(root, "loop2", "loop1");
    file(root, "iwlwifi-x.ucode.xz", "compressed by debian\n");
    entries.sort(java.util.Comparator.comparing(FirmwareFolder.Entry::path));
    return new FirmwareFolder(root, entries, List.of());
  }

  static BootMenuPlan menuWith(List<String> added) {
    return new BootMenuPlan(
        true,
        "/boot/grub/grub.cfg",
        "00".repeat(32),
        "11".repeat(32),
        10,
        added,
        List.of(),
        List.of(),
        Optional.empty(),
        Optional.empty(),
        List.of(),
        List.of(),
        List.of(),
        added.isEmpty() ? "" : "a diff",
        new byte[10]);
  }

  @Test
  void choosesOnlyNamesProxmoxLacksAndFollowsLinks() throws IOException {
    FirmwareFolder folder = firmware();
    InstallerFirmwareGaps.Choice choice =
        InstallerFirmwareGaps.choose(folder.files(), StageInstallerFirmwareStepTest::find);
    FirmwareFolder.Entry a = byPath(folder, "amdgpu/a.bin");
    FirmwareFolder.Entry rtl8168 = byPath(folder, "rtl_nic/rtl8168h-1.fw");
    assertThat(choice.picks())
        .containsExactly(
            new InstallerFirmwareGaps.Bytes(
                "amdgpu/alias.bin", byPath(folder, "amdgpu/alias.bin"), a),
            new InstallerFirmwareGaps.Bytes("new/x.bin", byPath(folder, "new/x.bin"), rtl8168),
            new InstallerFirmwareGaps.ToProxmox(
                "rtl_nic/alias.fw",
                byPath(folder, "rtl_nic/alias.fw"),
                "/lib/firmware/rtl_nic/rtl8125b-2.fw"),
            new InstallerFirmwareGaps.Bytes("rtl_nic/rtl8168h-1.fw", rtl8168, rtl8168));
    assertThat(choice.leftToProxmox())
        .containsExactly("amdgpu/a.bin", "iwlwifi-x.ucode.xz", "rtl_nic/rtl8125b-2.fw");
    assertThat(choice.dropped()).containsExactly("dangling.bin", "loop1", "loop2", "out.bin");
  }

  private static FirmwareFolder.Entry byPath(FirmwareFolder folder, String path) {
    return folder.files().stream().filter(e -> e.path().equals(path)).findFirst().orElseThrow();
  }

  @Test
  void stagesHardLinksIntoFirmwareAndOneTreeChange() throws IOException {
    FirmwareFolder folder = firmware();
    Staged before =
        new Staged(
            List.of(new IsoChange.AddTree("/firmware", folder.root(), 0644, 0755, TIME)),
            List.of(),
            List.of("staged /firmware"),
            Optional.empty(),
            Optional.of(folder));
    Path root = dir.resolve("installer-firmware");
    Staged after =
        new StageInstallerFirmwareStep(root, TIME)
            .call(
                before,
                menuWith(List.of(InstallerFirmware.ARGUMENT)),
                StageInstallerFirmwareStepTest::find,
                "pve-firmware 3.14-1");

    assertThat(after.changes())
        .containsExactly(
            new IsoChange.AddTree("/firmware", folder.root(), 0644, 0755, TIME),
            new IsoChange.AddTree("/installer-firmware", root, 0644, 0755, TIME));
    String a = byPath(folder, "amdgpu/a.bin").sha256();
    String rtl = byPath(folder, "rtl_nic/rtl8168h-1.fw").sha256();
    assertThat(after.files())
        .containsExactly(
            StagedFile.sharing(
                "/installer-firmware/amdgpu/alias.bin",
                a,
                21,
                "firmware-misc 1.0",
                "/firmware/amdgpu/a.bin"),
            StagedFile.sharing(
                "/installer-firmware/new/x.bin",
                rtl,
                11,
                "firmware-misc 1.0",
                "/firmware/rtl_nic/rtl8168h-1.fw"),
            StagedFile.link(
                "/installer-firmware/rtl_nic/alias.fw",
                "/lib/firmware/rtl_nic/rtl8125b-2.fw",
                0,
                "firmware-misc 1.0, to pve-firmware's copy"),
            StagedFile.sharing(
                "/installer-firmware/rtl_nic/rtl8168h-1.fw",
                rtl,
                11,
                "firmware-misc 1.0",
                "/firmware/rtl_nic/rtl8168h-1.fw"));
    assertThat(after.notes())
        .containsExactly(
            "staged /firmware",
            "/installer-firmware: 4 names pve-firmware 3.14-1 lacks (3 files, 1 links to its"
                + " copies), 3 of /firmware left to pve-firmware 3.14-1, 4 links that lead nowhere"
                + " left out; the installer's kernel loads them with"
                + " firmware_class.path=/cdrom/installer-firmware");
    assertThat(after.firmwareFolder()).contains(folder);
    assertThat(
            Files.isSameFile(
                root.resolve("new/x.bin"), folder.root().resolve("rtl_nic/rtl8168h-1.fw")))
        .isTrue();
    assertThat(
            Files.isSameFile(
                root.resolve("amdgpu/alias.bin"), folder.root().resolve("amdgpu/a.bin")))
        .isTrue();
    assertThat(Files.readSymbolicLink(root.resolve("rtl_nic/alias.fw")))
        .isEqualTo(Path.of("/lib/firmware/rtl_nic/rtl8125b-2.fw"));
    try (var all = Files.walk(root)) {
      assertThat(all.map(p -> root.relativize(p).toString()).sorted().toList())
          .containsExactly(
              "",
              "amdgpu",
              "amdgpu/alias.bin",
              "new",
              "new/x.bin",
              "rtl_nic",
              "rtl_nic/alias.fw",
              "rtl_nic/rtl8168h-1.fw");
    }
  }

  @Test
  void withoutTheArgumentInTheMenuNothingIsStaged() throws IOException {
    FirmwareFolder folder = firmware();
    Staged before =
        new Staged(List.of(), List.of(), List.of(), Optional.empty(), Optional.of(folder));
    Path root = dir.resolve("installer-firmware");
    Function<String, Optional<String>> find = StageInstallerFirmwareStepTest::find;
    assertThat(
            new StageInstallerFirmwareStep(root, TIME)
                .call(before, menuWith(List.of()), find, "pve-firmware 3.14-1"))
        .isSameAs(before);
    assertThat(root).doesNotExist();
  }
}
