package io.github.pveiso.pipeline.stage;

import io.github.pveiso.proxmox.InstallerFirmware;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Picks, from the staged {@code /firmware} tree, what {@code /installer-firmware} holds: every
 * firmware name that the ISO's pve-firmware lacks (plain, {@code .zst} or {@code .xz} counting as
 * one name, as the kernel tries them). The kernel searches that folder before {@code /lib/firmware}
 * and tries a plain name in every folder before a compressed one, so the folder never holds a name
 * pve-firmware has under any suffix: it would replace Proxmox's copy.
 *
 * <p>A file is taken as it is (its bytes shared with {@code /firmware}). A symbolic link is
 * followed through the tree: when it ends at a name pve-firmware has under that same name, it
 * becomes a link to {@code /lib/firmware/<name>}, Proxmox's copy in the live system; when it ends
 * at a Debian file, it becomes that file (the same bytes, shared again), since its target may be a
 * name the folder must not hold (pve-firmware has it compressed, Debian's is plain); when it ends
 * nowhere (outside the tree, a loop, or a name pve-firmware has only under another suffix), it is
 * left out.
 */
final class InstallerFirmwareGaps {

  /** More links in a row than the kernel's path walk follows (40): a loop. */
  private static final int MAX_HOPS = 40;

  private InstallerFirmwareGaps() {}

  /** What one name of the folder becomes. */
  sealed interface Pick {
    /** Its path below the folder. */
    String path();

    /** The {@code /firmware} entry it stands for. */
    FirmwareFolder.Entry entry();
  }

  /**
   * The bytes of a {@code /firmware} file.
   *
   * @param path its path below {@code /installer-firmware}
   * @param entry the entry it stands for (a file, or a link that ends at {@code file})
   * @param file the {@code /firmware} file whose bytes it holds
   */
  record Bytes(String path, FirmwareFolder.Entry entry, FirmwareFolder.Entry file)
      implements Pick {}

  /**
   * A link to pve-firmware's copy in the live system.
   *
   * @param path its path below {@code /installer-firmware}
   * @param entry the {@code /firmware} link it stands for
   * @param target {@code /lib/firmware/<name>}
   */
  record ToProxmox(String path, FirmwareFolder.Entry entry, String target) implements Pick {}

  /**
   * The choice.
   *
   * @param picks what the folder holds, sorted by path
   * @param leftToProxmox the {@code /firmware} names pve-firmware has, sorted
   * @param dropped the links that lead nowhere the installer can load, sorted
   */
  record Choice(List<Pick> picks, List<String> leftToProxmox, List<String> dropped) {
    Choice {
      picks = List.copyOf(picks);
      leftToProxmox = List.copyOf(leftToProxmox);
      dropped = List.copyOf(dropped);
    }
  }

  /**
   * Chooses from {@code entries}.
   *
   * @param proxmoxFind the name under which pve-firmware has a firmware name (plain or compressed),
   *     empty when it lacks it
   */
  static Choice choose(
      List<FirmwareFolder.Entry> entries, Function<String, Optional<String>> proxmoxFind) {
    Map<String, FirmwareFolder.Entry> byPath = new TreeMap<>();
    entries.forEach(e -> byPath.put(e.path(), e));
    List<Pick> picks = new ArrayList<>();
    List<String> left = new ArrayList<>();
    List<String> dropped = new ArrayList<>();
    for (FirmwareFolder.Entry e : byPath.values()) {
      if (proxmoxFind.apply(e.path()).isPresent()) {
        left.add(e.path());
      } else if (e.linkTarget().isEmpty()) {
        picks.add(new Bytes(e.path(), e, e));
      } else {
        follow(e, byPath, proxmoxFind).ifPresentOrElse(picks::add, () -> dropped.add(e.path()));
      }
    }
    return new Choice(picks, left, dropped);
  }

  /** Where the link {@code link} ends, as what the folder holds for it. */
  private static Optional<Pick> follow(
      FirmwareFolder.Entry link,
      Map<String, FirmwareFolder.Entry> byPath,
      Function<String, Optional<String>> proxmoxFind) {
    FirmwareFolder.Entry at = link;
    for (int hop = 0; hop < MAX_HOPS; hop++) {
      Optional<String> next = target(at.path(), at.linkTarget());
      if (next.isEmpty()) {
        return Optional.empty();
      }
      String name = next.get();
      Optional<String> proxmox = proxmoxFind.apply(name);
      if (proxmox.equals(Optional.of(name))) {
        return Optional.of(
            new ToProxmox(link.path(), link, InstallerFirmware.LIVE_FIRMWARE + "/" + name));
      }
      FirmwareFolder.Entry found = byPath.get(name);
      if (found == null) {
        return Optional.empty();
      }
      if (found.linkTarget().isEmpty()) {
        return Optional.of(new Bytes(link.path(), link, found));
      }
      at = found;
    }
    return Optional.empty();
  }

  /**
   * Where a link at {@code path} (below the tree's root) pointing at {@code target} leads, below
   * the root; empty for an absolute target or one that climbs out of the root.
   */
  static Optional<String> target(String path, String target) {
    if (target.startsWith("/")) {
      return Optional.empty();
    }
    List<String> stack = new ArrayList<>(List.of(path.split("/")));
    stack.remove(stack.size() - 1);
    for (String part : target.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (stack.isEmpty()) {
          return Optional.empty();
        }
        stack.remove(stack.size() - 1);
      } else {
        stack.add(part);
      }
    }
    return stack.isEmpty() ? Optional.empty() : Optional.of(String.join("/", stack));
  }
}
