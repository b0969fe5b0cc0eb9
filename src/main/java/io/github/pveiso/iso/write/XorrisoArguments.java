package io.github.pveiso.iso.write;

import io.github.pveiso.InvalidInputException;
import io.github.pveiso.iso.BootLayout;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Builds xorriso's argument list for one write. Every ISO path is absolute and every local path is
 * made absolute, so no argument starts with {@code -}; patterns are switched off, so {@code *?[}
 * are plain characters; each variable-length list ends with {@code --}. Local files that several
 * ISO paths map (hard links: same device and inode) are stored once by libisofs itself, each record
 * pointing at the one extent, as {@link GrowingIsoWriter} does.
 */
final class XorrisoArguments {

  private static final Pattern UUID = Pattern.compile("\\d{4}(-\\d{2}){6}");

  private XorrisoArguments() {}

  /**
   * The argument list.
   *
   * @param strategy how to write
   * @param source the source ISO (read by REPLAY; GROW_COPY grows {@code target}, a copy of it)
   * @param target the file to write
   * @param layout the source's layout (volume-date UUID)
   * @param listing the source's tree (which parent folders are new)
   * @param changes the checked changes
   */
  static List<String> build(
      WriteStrategy strategy,
      Path source,
      Path target,
      BootLayout layout,
      SourceListing listing,
      List<IsoChange> changes) {
    List<String> argv = new ArrayList<>();
    argv.addAll(List.of("xorriso", "-no_rc", "-report_about", "WARNING"));
    argv.addAll(List.of("-iso_rr_pattern", "off", "-disk_pattern", "off"));
    // no fsync of the output: like a plain copy, durability is left to the file system; the
    // caller verifies the file before it moves it into place
    argv.addAll(List.of("-stdio_sync", "off"));
    switch (strategy) {
      case GROW_COPY -> {
        argv.addAll(List.of("-dev", absolute(target)));
        argv.addAll(List.of("-boot_image", "any", "keep"));
      }
      case REPLAY -> {
        // no_emul_toc: start the new image at block 0 like the source, without xorriso's 64 KiB
        // multi-session head
        argv.addAll(List.of("-compliance", "no_emul_toc"));
        argv.addAll(List.of("-indev", absolute(source), "-outdev", absolute(target)));
        // padding inside the image: its 300 KiB otherwise follow the backup GPT, which then no
        // longer sits at the file's last block; inside, xorriso covers it with a Gap partition
        argv.addAll(List.of("-padding", "included"));
        argv.addAll(List.of("-boot_image", "any", "replay"));
      }
      case GROW ->
          throw new IllegalArgumentException("GROW is the Java writer's strategy, not xorriso's");
    }
    argv.addAll(List.of("-volume_date", "uuid", volumeDateDigits(layout.volumeDateUuid())));
    if (listing.joliet()) {
      argv.addAll(List.of("-joliet", "on"));
    }
    Map<String, Instant> newDirs = new TreeMap<>();
    for (IsoChange change : changes) {
      addChange(argv, change);
      Instant time = change instanceof IsoChange.Content c ? c.mtime() : Instant.EPOCH;
      for (String dir = ChangeCheck.parentOf(change.isoPath());
          !dir.equals("/") && !listing.dirs().contains(dir);
          dir = ChangeCheck.parentOf(dir)) {
        newDirs.putIfAbsent(dir, time);
      }
    }
    // Folders xorriso creates on the way get owner 0 and mode 0755 like the rest of the tree, and
    // the time of the change that needs them (xorriso would give them the clock's time, so the
    // output would differ from run to run).
    for (Map.Entry<String, Instant> e : newDirs.entrySet()) {
      String dir = e.getKey();
      String time = "=" + e.getValue().getEpochSecond();
      argv.addAll(List.of("-chown", "0", dir, "--", "-chgrp", "0", dir, "--"));
      argv.addAll(List.of("-chmod", "0755", dir, "--"));
      argv.addAll(List.of("-alter_date", "b-c", time, dir, "--"));
      argv.addAll(List.of("-alter_date", "c", time, dir, "--"));
    }
    argv.add("-commit");
    return List.copyOf(argv);
  }

  private static void addChange(List<String> argv, IsoChange change) {
    String path = change.isoPath();
    if (!(change instanceof IsoChange.Content content)) {
      argv.addAll(List.of("-rm", path, "--"));
      return;
    }
    String time = "=" + content.mtime().getEpochSecond();
    argv.addAll(List.of("-map", absolute(content.source()), path));
    switch (content) {
      case IsoChange.AddTree tree -> {
        argv.addAll(List.of("-chown_r", "0", path, "--", "-chgrp_r", "0", path, "--"));
        argv.addAll(List.of("-find", path, "-type", "d", "-exec", "chmod", octal(tree.dirMode())));
        argv.add("--");
        argv.addAll(List.of("-find", path, "-type", "f", "-exec", "chmod", octal(tree.mode())));
        argv.add("--");
        argv.addAll(List.of("-alter_date_r", "b-c", time, path, "--"));
        argv.addAll(List.of("-alter_date_r", "c", time, path, "--"));
      }
      case IsoChange.AddFile a -> fileAttributes(argv, path, a.mode(), time);
      case IsoChange.ReplaceFile r -> fileAttributes(argv, path, r.mode(), time);
    }
  }

  private static void fileAttributes(List<String> argv, String path, int mode, String time) {
    argv.addAll(List.of("-chown", "0", path, "--", "-chgrp", "0", path, "--"));
    argv.addAll(List.of("-chmod", octal(mode), path, "--"));
    argv.addAll(List.of("-alter_date", "b-c", time, path, "--"));
    argv.addAll(List.of("-alter_date", "c", time, path, "--"));
  }

  /** {@code 2025-02-03-04-05-06-00} becomes {@code 2025020304050600}, xorriso's uuid form. */
  static String volumeDateDigits(String uuid) {
    if (!UUID.matcher(uuid).matches()) {
      throw new InvalidInputException(
          "volume-date UUID '"
              + uuid
              + "' is not of the form YYYY-MM-DD-hh-mm-ss-cc; the reader should have found it in"
              + " the primary volume descriptor");
    }
    return uuid.replace("-", "");
  }

  /** The volume date as seconds since 1970 (UTC), for SOURCE_DATE_EPOCH. */
  static long volumeDateEpoch(String uuid) {
    String d = volumeDateDigits(uuid);
    return java.time.LocalDateTime.of(
            Integer.parseInt(d.substring(0, 4)),
            Integer.parseInt(d.substring(4, 6)),
            Integer.parseInt(d.substring(6, 8)),
            Integer.parseInt(d.substring(8, 10)),
            Integer.parseInt(d.substring(10, 12)),
            Integer.parseInt(d.substring(12, 14)))
        .toEpochSecond(java.time.ZoneOffset.UTC);
  }

  private static String octal(int mode) {
    return "0" + Integer.toOctalString(mode);
  }

  private static String absolute(Path path) {
    return path.toAbsolutePath().normalize().toString();
  }
}
