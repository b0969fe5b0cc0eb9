package io.github.pveiso.grub;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pveiso.iso.IsoImage;
import io.github.pveiso.testing.Fixtures;
import java.nio.charset.StandardCharsets;

/**
 * The Proxmox-shaped GRUB menu of the fixture ISOs ({@code make-iso-fixtures.sh}'s {@code
 * proxmox_menu}, followed by the fixture's listing), and exact text surgery for expected results.
 */
final class ProxmoxMenu {
  private ProxmoxMenu() {}

  /** {@code /boot/grub/grub.cfg} of {@code mkrescue.iso}. */
  static String text() {
    try (IsoImage iso = IsoImage.open(Fixtures.Fixture.MKRESCUE.iso())) {
      return new String(
          iso.readAllBytes(iso.find("/boot/grub/grub.cfg").orElseThrow()),
          StandardCharsets.ISO_8859_1);
    }
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  static String string(byte[] bytes) {
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }

  /** {@code text} with {@code old}, which occurs exactly {@code times} times, replaced. */
  static String replace(String text, String old, String replacement, int times) {
    int count = 0;
    for (int at = text.indexOf(old); at >= 0; at = text.indexOf(old, at + 1)) {
      count++;
    }
    assertThat(count).as("occurrences of %s", old).isEqualTo(times);
    return text.replace(old, replacement);
  }

  static String replace(String text, String old, String replacement) {
    return replace(text, old, replacement, 1);
  }
}
