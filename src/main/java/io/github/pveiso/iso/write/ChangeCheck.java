package io.github.pveiso.iso.write;

import io.github.pveiso.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Refuses changes that cannot be written or would break the source's identity. */
final class ChangeCheck {

  /** Files whose bytes are the ISO's identity (see the Proxmox facts); never changed. */
  static final Set<String> IDENTITY_FILES = Set.of("/.pve-cd-id.txt", "/.cd-info");

  /** Longest file name component xorriso accepts for Rock Ridge. */
  static final int MAX_NAME_BYTES = 255;

  private ChangeCheck() {}

  /** Checks every change against the others and against {@code source}. */
  static void check(List<IsoChange> changes, SourceListing source, Path sourceIso) {
    Set<String> seen = new HashSet<>();
    for (IsoChange change : changes) {
      checkPath(change.isoPath());
      if (change instanceof IsoChange.Content content) {
        checkMode(change, content.mode());
        checkSource(content);
      }
      if (change instanceof IsoChange.AddTree tree) {
        checkMode(change, tree.dirMode());
      }
      for (String earlier : seen) {
        if (earlier.equals(change.isoPath())
            || isUnder(change.isoPath(), earlier)
            || isUnder(earlier, change.isoPath())) {
          throw new InvalidInputException(
              "cannot "
                  + change.describe()
                  + ": another change already writes "
                  + earlier
                  + "; give each ISO path one change");
        }
      }
      seen.add(change.isoPath());
      checkAgainstSource(change, source, sourceIso);
    }
  }

  /** An absolute ISO path with non-empty components and no control characters. */
  static void checkPath(String path) {
    if (!path.startsWith("/") || path.equals("/") || path.endsWith("/")) {
      throw new InvalidInputException(
          "ISO path '"
              + path
              + "' is not an absolute file path; write it like /proxmox/packages/foo.deb");
    }
    for (String name : path.substring(1).split("/", -1)) {
      if (name.isEmpty() || name.equals(".") || name.equals("..")) {
        throw new InvalidInputException(
            "ISO path '" + path + "' has an empty, '.' or '..' component; write it without them");
      }
      if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
        throw new InvalidInputException(
            "ISO path '"
                + path
                + "' has a name longer than "
                + MAX_NAME_BYTES
                + " bytes; shorten it");
      }
    }
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        throw new InvalidInputException(
            "ISO path '"
                + path.replaceAll("\\p{Cntrl}", "?")
                + "' contains a control character (code "
                + (int) c
                + "); use printable characters only");
      }
    }
  }

  private static void checkMode(IsoChange change, int mode) {
    if (mode < 0 || mode > 07777) {
      throw new InvalidInputException(
          "cannot "
              + change.describe()
              + ": mode "
              + Integer.toOctalString(mode)
              + " is not a permission mode; use an octal value from 0 to 7777");
    }
  }

  private static void checkSource(IsoChange.Content change) {
    Path local = change.source();
    boolean ok =
        change instanceof IsoChange.AddTree
            ? Files.isDirectory(local, LinkOption.NOFOLLOW_LINKS)
            : Files.isRegularFile(local);
    if (!ok) {
      throw new InvalidInputException(
          "cannot "
              + change.describe()
              + ": local source "
              + local
              + (change instanceof IsoChange.AddTree ? " is not a folder" : " is not a file")
              + "; check the path");
    }
  }

  private static void checkAgainstSource(IsoChange change, SourceListing source, Path iso) {
    String path = change.isoPath();
    if (source.bootPaths().contains(path)) {
      throw new InvalidInputException(
          "cannot "
              + change.describe()
              + ": it is an El Torito boot image or catalog of "
              + iso
              + " and must stay byte for byte; leave it out of the changes");
    }
    if (IDENTITY_FILES.contains(path)) {
      throw new InvalidInputException(
          "cannot "
              + change.describe()
              + ": the installer identifies its medium by it, so it must not change; leave it"
              + " out of the changes");
    }
    for (String parent = parentOf(path); !parent.equals("/"); parent = parentOf(parent)) {
      if (source.files().contains(parent)) {
        throw new InvalidInputException(
            "cannot " + change.describe() + ": " + parent + " is a file on " + iso);
      }
    }
    switch (change) {
      case IsoChange.ReplaceFile r ->
          requireExisting(change, source, iso, "; use an add change for new files");
      case IsoChange.RemoveFile r -> requireExisting(change, source, iso, "; nothing to remove");
      case IsoChange.AddFile a -> refuseExisting(change, source, iso);
      case IsoChange.AddTree t -> refuseExisting(change, source, iso);
    }
  }

  private static void requireExisting(
      IsoChange change, SourceListing source, Path iso, String hint) {
    if (!source.files().contains(change.isoPath())) {
      throw new InvalidInputException(
          "cannot " + change.describe() + ": no such file on " + iso + hint);
    }
  }

  private static void refuseExisting(IsoChange change, SourceListing source, Path iso) {
    if (source.exists(change.isoPath())) {
      throw new InvalidInputException(
          "cannot "
              + change.describe()
              + ": it already exists on "
              + iso
              + (change instanceof IsoChange.AddFile && source.files().contains(change.isoPath())
                  ? "; use a replace change instead"
                  : "; choose a new path"));
    }
  }

  /** The parent of an absolute path; {@code /} for top-level names. */
  static String parentOf(String path) {
    int slash = path.lastIndexOf('/');
    return slash <= 0 ? "/" : path.substring(0, slash);
  }

  private static boolean isUnder(String path, String folder) {
    return path.startsWith(folder + "/");
  }
}
