package io.github.pveiso.proxmox.answer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The checks of {@code [disk-setup]}: options that fit the file system, the disk selection, RAID
 * minimums, swap size and ZFS's own limits.
 */
final class DiskRules {

  private static final Map<String, Integer> ZFS_MINIMUM =
      Map.of("RAID0", 1, "RAID1", 2, "RAID10", 4, "RAIDZ-1", 3, "RAIDZ-2", 4, "RAIDZ-3", 5);
  private static final Map<String, Integer> BTRFS_MINIMUM =
      Map.of("RAID0", 1, "RAID1", 2, "RAID10", 4);

  private final AnswerView view;
  private final Problems problems;
  private final ObjectNode setup;

  DiskRules(AnswerView view, Problems problems, ObjectNode setup) {
    this.view = view;
    this.problems = problems;
    this.setup = setup;
  }

  void check() {
    view.string("disk-setup", "filesystem").ifPresent(this::options);
    selection();
    swap();
    zfsLimits();
  }

  private void options(String fs) {
    switch (fs) {
      case "ext4", "xfs" -> {
        only(fs, "lvm", "zfs", "btrfs");
        view.strings("disk-setup", "disk-list")
            .filter(disks -> disks.size() > 1)
            .ifPresent(
                disks ->
                    problems.error(
                        view.written("disk-setup", "disk-list"),
                        "fs-options",
                        "make sure to define only one disk for ext4 and xfs; disk-list has "
                            + disks.size()
                            + " ("
                            + String.join(", ", disks)
                            + "); use zfs or btrfs for several disks"));
      }
      case "zfs" -> {
        only(fs, "zfs", "lvm", "btrfs");
        raid("zfs", "ZFS", AnswerSchema.ZFS_RAID);
      }
      default -> {
        only(fs, "btrfs", "zfs", "lvm");
        raid("btrfs", "Btrfs", AnswerSchema.BTRFS_RAID);
      }
    }
  }

  /** Reports each of the {@code others} tables: {@code fs} takes only {@code own}. */
  private void only(String fs, String own, String... others) {
    for (String other : others) {
      if (setup.has(other)) {
        problems.error(
            List.of("disk-setup", other),
            "fs-options",
            "make sure only '"
                + own
                + "' options are set; filesystem '"
                + fs
                + "' takes [disk-setup."
                + own
                + "], not [disk-setup."
                + other
                + "]");
      }
    }
  }

  private void raid(String table, String name, List<String> levels) {
    boolean set = setup.path(table).has("raid");
    if (!set) {
      problems.error(
          List.of("disk-setup", table, "raid"),
          "fs-options",
          name
              + " raid level '"
              + table
              + ".raid' must be set; expected one of: "
              + String.join(", ", levels)
              + " (or the same in lower case)",
          levels);
    }
  }

  private void selection() {
    boolean list = nonEmpty("disk-list", "disk_list");
    boolean filter = nonEmpty("filter", "filter");
    if (!list && !filter) {
      problems.error(
          List.of("disk-setup"), "disk-selection", "Need either 'disk-list' or 'filter' set");
    } else if (list && filter) {
      problems.error(
          List.of("disk-setup", "filter"),
          "disk-selection",
          "Cannot use both, 'disk-list' and 'filter'");
    }
    view.strings("disk-setup", "disk-list").ifPresent(this::diskList);
    view.table("disk-setup", "filter")
        .ifPresent(f -> Globs.check(f, List.of("disk-setup", "filter"), problems));
  }

  private boolean nonEmpty(String kebab, String snake) {
    JsonNode node = setup.has(kebab) ? setup.get(kebab) : setup.path(snake);
    return !node.isMissingNode() && !(node.isContainerNode() && node.isEmpty());
  }

  private void diskList(List<String> disks) {
    List<String> key = view.written("disk-setup", "disk-list");
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < disks.size(); i++) {
      if (!seen.add(disks.get(i))) {
        problems.errorAt(
            key,
            AnswerStructure.append(key, Integer.toString(i)),
            "disk-selection",
            "List of disks contains duplicate device " + disks.get(i));
      }
    }
    minimum("zfs", "ZFS", ZFS_MINIMUM, disks.size(), key);
    minimum("btrfs", "Btrfs", BTRFS_MINIMUM, disks.size(), key);
  }

  private void minimum(
      String fs, String name, Map<String, Integer> minimum, int disks, List<String> key) {
    if (!view.string("disk-setup", "filesystem").filter(fs::equals).isPresent()) {
      return;
    }
    view.string("disk-setup", fs, "raid")
        .map(level -> level.toUpperCase(Locale.ROOT))
        .filter(level -> disks < minimum.getOrDefault(level, 0))
        .ifPresent(
            level ->
                problems.error(
                    key,
                    "disk-selection",
                    name
                        + " "
                        + level
                        + " needs at least "
                        + minimum.get(level)
                        + " disks, got "
                        + disks));
  }

  private void swap() {
    Optional<Double> swap = view.number("disk-setup", "lvm", "swapsize");
    Optional<Double> disk = view.number("disk-setup", "lvm", "hdsize");
    if (swap.isPresent() && disk.isPresent() && swap.get() > disk.get() / 2) {
      problems.error(
          view.written("disk-setup", "lvm", "swapsize"),
          "swap",
          "Swap size "
              + number(swap.get())
              + " GiB cannot be greater than "
              + number(disk.get() / 2)
              + " GiB (hard disk size / 2)");
    }
  }

  private void zfsLimits() {
    range("ashift", 9, 16, "ZFS takes an ashift from 9 to 16");
    range("copies", 1, 3, "ZFS keeps 1 to 3 copies");
    range("arc-max", 64, Long.MAX_VALUE, "ZFS needs an ARC of at least 64 MiB");
  }

  private void range(String key, long min, long max, String why) {
    view.entry("disk-setup", "zfs", key)
        .map(e -> e.node().asLong())
        .filter(v -> v < min || v > max)
        .ifPresent(
            v ->
                problems.error(
                    view.written("disk-setup", "zfs", key),
                    "fs-options",
                    key + " " + v + " is out of range: " + why));
  }

  /** A number as the installer prints it: {@code 16}, {@code 16.01}. */
  static String number(double value) {
    return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
  }
}
