package io.github.pveiso.pipeline.stage.repack;

import io.github.pveiso.debian.DebWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * The control files that keep {@value FirmwareRepacker#PACKAGE}'s links right on the installed
 * system, when it installs its firmware in {@link #FOLDER} (where the kernel does not look):
 *
 * <ul>
 *   <li>{@code postinst} ({@code configure}, {@code triggered}, the {@code abort-*} cases): removes
 *       its links under {@code /lib/firmware/updates} whose firmware {@code /lib/firmware} now has
 *       or the package no longer ships, then links every firmware of the package that {@code
 *       /lib/firmware} lacks (plain, {@code .zst} or {@code .xz});
 *   <li>{@code postrm} ({@code remove}, {@code purge}, {@code disappear}, {@code abort-install}):
 *       removes all its links, and the folders under {@code updates} that become empty and that no
 *       package lists;
 *   <li>{@code triggers}: {@code interest-noawait} on {@code /lib/firmware} and {@code
 *       /usr/lib/firmware} (dpkg matches the paths as packages ship them, and both are in use), so
 *       the {@code postinst} runs again whenever a package adds or removes firmware, e.g. a newer
 *       pve-firmware.
 * </ul>
 *
 * <p>The scripts are POSIX sh, idempotent, and touch only symbolic links that point into {@link
 * #FOLDER}; they honour {@code DPKG_ROOT} and {@code DPKG_ADMINDIR}. Their text is in {@code
 * firmware-links.sh} next to this class.
 */
final class FirmwareLinkScripts {

  /** Where the package keeps its firmware, relative to the root. */
  static final String FOLDER = "usr/lib/pveiso-firmware";

  private static final String BODY = resource("firmware-links.sh");

  private FirmwareLinkScripts() {}

  /** {@code postinst}, {@code postrm} (mode 0755) and {@code triggers} (0644). */
  static List<DebWriter.Item> controlFiles() {
    return List.of(
        DebWriter.Item.file("postinst", 0755, bytes(postinst())),
        DebWriter.Item.file("postrm", 0755, bytes(postrm())),
        DebWriter.Item.file("triggers", 0644, bytes(triggers())));
  }

  static String postinst() {
    return script(
        "postinst",
        """
        case "$1" in
          configure | triggered | abort-upgrade | abort-remove | abort-deconfigure)
            drop_links
            add_links
            ;;
        esac
        exit 0
        """);
  }

  static String postrm() {
    return script(
        "postrm",
        """
        case "$1" in
          remove | purge | disappear | abort-install)
            drop_links all
            ;;
        esac
        exit 0
        """);
  }

  static String triggers() {
    return "interest-noawait /lib/firmware\ninterest-noawait /usr/lib/firmware\n";
  }

  /** The SHA-256 (hex) of {@code postinst}, {@code postrm} and {@code triggers} in a row. */
  static String digest() {
    return io.github.pveiso.Sha256Digest.of(bytes(postinst() + postrm() + triggers())).hex();
  }

  private static String script(String name, String tail) {
    return "#!/bin/sh\n# "
        + name
        + " of "
        + FirmwareRepacker.PACKAGE
        + ", written by pveiso\n"
        + BODY
        + "\n"
        + tail;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String resource(String name) {
    try (InputStream in =
        Objects.requireNonNull(
            FirmwareLinkScripts.class.getResourceAsStream(name), "resource " + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the resource " + name, e);
    }
  }
}
