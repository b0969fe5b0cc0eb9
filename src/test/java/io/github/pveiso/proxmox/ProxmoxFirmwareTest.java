package io.github.pveiso.proxmox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProxmoxFirmwareTest {

  final ProxmoxFirmware pve =
      new ProxmoxFirmware(
          "/proxmox/packages/pve-firmware_3.14-1_all.deb",
          "3.14-1",
          List.of("rtl_nic/b.fw", "amd/x.bin.zst", "amd/y.bin.xz", "amd/y.bin", "link.bin"));

  @Test
  void namesAreSortedAndPlainOrCompressedNamesCountAsOne() {
    assertThat(pve.names())
        .containsExactly("amd/x.bin.zst", "amd/y.bin", "amd/y.bin.xz", "link.bin", "rtl_nic/b.fw");
    assertThat(pve.has("rtl_nic/b.fw")).isTrue();
    assertThat(pve.has("rtl_nic/b.fw.xz")).isTrue();
    assertThat(pve.has("rtl_nic/b.fw.zst")).isTrue();
    assertThat(pve.has("amd/x.bin")).isTrue();
    assertThat(pve.has("amd/x.bin.xz")).isTrue();
    assertThat(pve.has("rtl_nic/c.fw")).isFalse();
    assertThat(pve.has("rtl_nic")).isFalse();
    assertThat(pve.has("b.fw")).isFalse();
  }

  @Test
  void findPrefersThePlainNameThenZstThenXz() {
    assertThat(pve.find("amd/y.bin.zst")).isEqualTo(Optional.of("amd/y.bin"));
    assertThat(pve.find("amd/x.bin")).isEqualTo(Optional.of("amd/x.bin.zst"));
    assertThat(pve.find("nothing.bin")).isEmpty();
    assertThat(ProxmoxFirmware.plain("a.bin.zst")).isEqualTo("a.bin");
    assertThat(ProxmoxFirmware.plain("a.bin.xz")).isEqualTo("a.bin");
    assertThat(ProxmoxFirmware.plain("a.xz.zst")).isEqualTo("a.xz");
    assertThat(ProxmoxFirmware.plain(".zst")).isEqualTo(".zst");
  }

  @Test
  void noneHasNothingAndSaysSo() {
    ProxmoxFirmware none = ProxmoxFirmware.none();
    assertThat(none.present()).isFalse();
    assertThat(none.label()).isEqualTo("no pve-firmware");
    assertThat(none.has("rtl_nic/b.fw")).isFalse();
    assertThat(pve.present()).isTrue();
    assertThat(pve.label()).isEqualTo("pve-firmware 3.14-1");
  }

  @Test
  void theDigestCoversPackageVersionAndNames() {
    ProxmoxFirmware same =
        new ProxmoxFirmware(pve.debPath(), pve.version(), pve.names().reversed());
    ProxmoxFirmware fewer =
        new ProxmoxFirmware(pve.debPath(), pve.version(), pve.names().subList(1, 5));
    ProxmoxFirmware newer = new ProxmoxFirmware(pve.debPath(), "3.15-1", pve.names());
    assertThat(same.digest()).isEqualTo(pve.digest());
    assertThat(fewer.digest()).isNotEqualTo(pve.digest());
    assertThat(newer.digest()).isNotEqualTo(pve.digest());
  }
}
