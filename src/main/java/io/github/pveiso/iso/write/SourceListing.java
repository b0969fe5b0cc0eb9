package io.github.pveiso.iso.write;

import io.github.pveiso.VerificationException;
import io.github.pveiso.proc.ProcessRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the writer needs to know about the source's tree: its files and folders, the El Torito paths
 * it must not touch, and whether it has a Joliet tree to keep.
 *
 * @param files paths of every non-folder node (files, links, the boot catalog)
 * @param dirs paths of every folder, {@code /} included
 * @param bootPaths the El Torito boot images and boot catalog that are files in the tree
 * @param joliet the source has a Joliet volume descriptor
 */
record SourceListing(Set<String> files, Set<String> dirs, Set<String> bootPaths, boolean joliet) {

  private static final int SECTOR = 2048;

  SourceListing {
    files = Set.copyOf(files);
    dirs = Set.copyOf(dirs);
    bootPaths = Set.copyOf(bootPaths);
  }

  /** Whether any node exists at {@code path}. */
  boolean exists(String path) {
    return files.contains(path) || dirs.contains(path);
  }

  /** Lists {@code iso} with xorriso and reads its volume descriptors. */
  static SourceListing read(ProcessRunner runner, Path iso) {
    ProcessRunner.Result result =
        runner.runChecked(
            List.of(
                "xorriso",
                "-no_rc",
                "-indev",
                iso.toAbsolutePath().toString(),
                "-report_el_torito",
                "plain",
                "-find",
                "/",
                "-exec",
                "lsdl"));
    return parse(result.stdout(), hasJoliet(iso));
  }

  /**
   * Parses xorriso's {@code -report_el_torito plain} and {@code -find / -exec lsdl} output.
   *
   * @param joliet whether the source has a Joliet tree
   */
  static SourceListing parse(String xorrisoOutput, boolean joliet) {
    Set<String> files = new TreeSet<>();
    Set<String> dirs = new TreeSet<>();
    Set<String> boot = new TreeSet<>();
    for (String line : xorrisoOutput.lines().toList()) {
      if (line.startsWith("El Torito img path :") || line.startsWith("El Torito cat path :")) {
        String rest = line.substring(line.indexOf(':') + 1).strip();
        // "   1  /path" for images, "/path" for the catalog
        int slash = rest.indexOf('/');
        if (slash >= 0) {
          boot.add(rest.substring(slash));
        }
        continue;
      }
      int quote = line.indexOf('\'');
      if (quote < 0 || line.isEmpty()) {
        continue;
      }
      String quoted = line.substring(quote);
      int arrow = quoted.indexOf("' -> '");
      if (line.charAt(0) == 'l' && arrow >= 0) {
        quoted = quoted.substring(0, arrow + 1); // drop the link target
      }
      String path = unquote(quoted);
      if (line.charAt(0) == 'd') {
        dirs.add(path);
      } else {
        files.add(path);
      }
    }
    return new SourceListing(files, dirs, boot, joliet);
  }

  /** Undoes xorriso's shell-safe quoting: {@code 'a'"'"'b'} is {@code a'b}. */
  static String unquote(String quoted) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < quoted.length()) {
      char open = quoted.charAt(i);
      if (open != '\'' && open != '"') {
        throw new IllegalArgumentException("not a quoted xorriso path: " + quoted);
      }
      int close = quoted.indexOf(open, i + 1);
      if (close < 0) {
        throw new IllegalArgumentException("unterminated quote in xorriso path: " + quoted);
      }
      out.append(quoted, i + 1, close);
      i = close + 1;
    }
    return out.toString();
  }

  /** Reads the volume descriptors from sector 16 on and looks for Joliet's escape sequence. */
  static boolean hasJoliet(Path iso) {
    try (FileChannel channel = FileChannel.open(iso, StandardOpenOption.READ)) {
      ByteBuffer sector = ByteBuffer.allocate(SECTOR);
      for (long lba = 16; lba < 16 + 64; lba++) {
        sector.clear();
        int read = channel.read(sector, lba * SECTOR);
        byte[] bytes = sector.array();
        if (read < SECTOR || !new String(bytes, 1, 5, StandardCharsets.US_ASCII).equals("CD001")) {
          throw new VerificationException(
              "ISO "
                  + iso
                  + " has no volume descriptor at sector "
                  + lba
                  + "; is it an ISO 9660 image?");
        }
        int type = bytes[0] & 0xff;
        if (type == 255) {
          return false;
        }
        if (type == 2
            && bytes[88] == '%'
            && bytes[89] == '/'
            && (bytes[90] == '@' || bytes[90] == 'C' || bytes[90] == 'E')) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + iso + ": " + e.getMessage(), e);
    }
  }
}
