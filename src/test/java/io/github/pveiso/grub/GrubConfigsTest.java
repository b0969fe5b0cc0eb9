package io.github.pveiso.grub;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GrubConfigsTest {

  static GrubConfig classify(String cfg, boolean changing) {
    return GrubConfigs.classify("x.cfg", cfg.getBytes(StandardCharsets.ISO_8859_1), changing);
  }

  @Test
  void aConfigurationThatFindsTheIsoAndLoadsItsMenuNeedsNoChange() {
    // the shape of the small grub.cfg in Proxmox's efi.img
    assertThat(
            classify(
                "search --fs-uuid --set=root 2025-02-03-04-05-06-00\n"
                    + "set prefix=($root)/boot/grub\n"
                    + "configfile $prefix/grub.cfg\n",
                true))
        .isEqualTo(
            new GrubConfig(
                "x.cfg",
                "loader",
                false,
                "finds the ISO with 'search --fs-uuid --set=root 2025-02-03-04-05-06-00' and loads"
                    + " $prefix/grub.cfg; no change needed"));
    assertThat(classify("set prefix=(cd0)/boot/grub\n", true).detail())
        .isEqualTo("loads (cd0)/boot/grub/grub.cfg; no change needed");
  }

  @Test
  void entriesOfItsOwnNeedTheChangeOtherwiseNothing() {
    String own = "menuentry 'Install Proxmox VE' { linux /boot/linux26 ro }\n";
    assertThat(classify(own, true))
        .isEqualTo(
            new GrubConfig(
                "x.cfg",
                "other menu",
                true,
                "1 entries of its own load the installer kernel; pveiso does not edit them, so they"
                    + " keep the old arguments"));
    assertThat(classify(own, false).needsChange()).isFalse();
    assertThat(classify("insmod part_gpt\n", true))
        .isEqualTo(
            new GrubConfig(
                "x.cfg",
                "other",
                false,
                "defines no installer entries and loads no configuration"));
    assertThat(classify("if x; then\n", true))
        .isEqualTo(new GrubConfig("x.cfg", "unreadable", false, "line 2: 'if' is never closed"));
  }

  /** A GRUB module area: its info (64 or 32 bits wide), then a config and a prefix module. */
  static byte[] image(boolean wide, String config, String prefix) {
    byte[] c = (config + "\0\0\0\0").getBytes(StandardCharsets.ISO_8859_1);
    byte[] p = (prefix + "\0\0\0\0").getBytes(StandardCharsets.ISO_8859_1);
    int header = wide ? 24 : 12;
    int size = header + 8 + c.length + 8 + p.length;
    ByteBuffer b = ByteBuffer.allocate(100 + size).order(ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[100]).put("mimg".getBytes(StandardCharsets.ISO_8859_1));
    if (wide) {
      b.putInt(0).putLong(header).putLong(size);
    } else {
      b.putInt(header).putInt(size);
    }
    b.putInt(2).putInt(8 + c.length).put(c);
    b.putInt(3).putInt(8 + p.length).put(p);
    return b.array();
  }

  @Test
  void theConfigurationBuiltIntoAGrubImageIsRead() {
    for (boolean wide : new boolean[] {true, false}) {
      assertThat(EmbeddedConfig.read(image(wide, "set prefix=($root)/boot/grub\n", "/boot/grub")))
          .contains(
              new EmbeddedConfig(
                  Optional.of("set prefix=($root)/boot/grub\n"), Optional.of("/boot/grub")));
    }
    byte[] broken = image(true, "x", "y");
    broken[100 + 16] = 99; // the total size no longer chains up
    assertThat(EmbeddedConfig.read(broken)).isEmpty();
    assertThat(
            EmbeddedConfig.read(
                "no modules here, not even mimg".getBytes(StandardCharsets.ISO_8859_1)))
        .isEmpty();
  }
}
