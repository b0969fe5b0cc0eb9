package io.github.pveiso.proxmox;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pveiso.iso.BootFixtures;
import io.github.pveiso.iso.IsoImage;
import io.github.pveiso.iso.Xorriso;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProductInfoReaderTest {
  @TempDir Path dir;

  @Test
  void readsAProxmoxLikeIso() throws IOException {
    Path iso = BootFixtures.grubAmd64(dir);
    try (IsoImage image = IsoImage.open(iso)) {
      ProductInfo info = ProductInfoReader.read(image);
      assertThat(info.findings()).isEmpty();
      assertThat(info.isProxmox()).isTrue();
      assertThat(info.cdInfo())
          .isEqualTo(
              Map.of(
                  "PRODUCT", "pve",
                  "PRODUCTLONG", "Proxmox VE",
                  "RELEASE", "9.1",
                  "ISORELEASE", "1",
                  "ISONAME", "proxmox-ve"));
      assertThat(info.diskInfo()).containsEntry("PRODUCTLONG", "Proxmox VE");
      assertThat(info.cdId()).isEqualTo("9c5c7d2b-1e7a-4c1b-9a52-0d3f1c2b7e11");
      assertThat(info.autoInstallerCapable()).isTrue();
      assertThat(info.baseFileCount()).isEqualTo(52311L);
      assertThat(info.packages())
          .containsExactly(
              new DebFile("/proxmox/packages/hello_1.0_amd64.deb", 3),
              new DebFile("/proxmox/packages/zlib_2.0_all.deb", 3000));
      try (InputStream in = ProductInfoReader.openDeb(image, info.packages().get(0))) {
        assertThat(in.readAllBytes()).containsExactly(1, 2, 3);
      }
    }
  }

  @Test
  void saysWhatAPlainDataIsoLacks() throws IOException {
    Path src = Files.createDirectories(dir.resolve("data"));
    Files.writeString(src.resolve("readme.txt"), "data\n");
    Files.createDirectories(src.resolve(".disk"));
    Files.writeString(src.resolve(".disk/info"), "Debian GNU/Linux 13 \"Trixie\" - Official\n");
    Path iso = Xorriso.mkisofs(dir.resolve("data.iso"), src, "-R", "-V", "DATA");
    try (IsoImage image = IsoImage.open(iso)) {
      ProductInfo info = ProductInfoReader.read(image);
      assertThat(info.isProxmox()).isFalse();
      assertThat(info.packages()).isEmpty();
      assertThat(info.findings())
          .isEqualTo(
              List.of(
                  "/.cd-info is missing: a Proxmox ISO names its product there",
                  "line 1 of /.disk/info is not KEY='value': Debian GNU/Linux 13 \"Trixie\" - "
                      + "Official",
                  "/.pve-cd-id.txt is missing: the installer cannot find its own medium",
                  "/auto-installer-capable is missing: the ISO does not support automated "
                      + "installation",
                  "/proxmox/pve-base.cnt is missing: the installer dies without it",
                  "/proxmox/packages/ is missing: a Proxmox ISO installs the packages it holds",
                  "/boot/linux26 is missing: a Proxmox installer ISO has it",
                  "/boot/initrd.img is missing: a Proxmox installer ISO has it",
                  "/pve-base.squashfs is missing: a Proxmox installer ISO has it",
                  "/pve-installer.squashfs is missing: a Proxmox installer ISO has it"));
    }
  }
}
