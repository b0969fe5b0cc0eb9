package io.github.pveiso.testing;

import io.github.pveiso.events.EventListener;
import io.github.pveiso.iso.IsoImage;
import io.github.pveiso.iso.write.GrowingIsoWriter;
import io.github.pveiso.iso.write.IsoChange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** The mkrescue fixture with another {@code /boot/grub/grub.cfg}, for menus of unknown shape. */
public final class OtherMenus {

  /** A GRUB configuration with no Proxmox installer entries (a live system's). */
  public static final String LIVE =
      "set timeout=1\nmenuentry 'Live system' {\n  linux /live/vmlinuz boot=live\n}\n";

  private OtherMenus() {}

  /** {@code mkrescue.iso} with {@code cfg} as its menu, written to {@code dir/name}. */
  public static Path mkrescueWith(Path dir, String name, String cfg) {
    try {
      Path source = Fixtures.Fixture.MKRESCUE.iso();
      Path file = Files.writeString(Files.createDirectories(dir).resolve(name + ".cfg"), cfg);
      try (IsoImage iso = IsoImage.open(source)) {
        return new GrowingIsoWriter(EventListener.NONE)
            .write(
                source,
                iso.bootLayout(),
                List.of(
                    new IsoChange.ReplaceFile(
                        "/boot/grub/grub.cfg", file, 0644, Instant.parse("2025-06-01T00:00:00Z"))),
                dir.resolve(name))
            .output();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
