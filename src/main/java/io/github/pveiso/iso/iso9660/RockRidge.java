package io.github.pveiso.iso.iso9660;

import io.github.pveiso.VerificationException;
import io.github.pveiso.iso.bytes.Bytes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the Rock Ridge (RRIP 1.12) entries of one directory record say: its POSIX name, mode, times,
 * symlink target, and where its continuation area and relocated directory are.
 *
 * @param name the NM name, when present
 * @param mode the PX file mode (type and permission bits), or -1 when there is no PX
 * @param links the PX link count, or 0
 * @param uid the PX owner, or 0
 * @param gid the PX group, or 0
 * @param modified the TF modification time, when present
 * @param symlinkTarget the SL target, when the entry is a symbolic link
 * @param continuation the CE continuation area, when present
 * @param childLink the CL child link's block (a relocated directory), or -1
 * @param relocated an RE entry marks this directory as the relocated copy (hide it)
 */
public record RockRidge(
    Optional<String> name,
    int mode,
    long links,
    long uid,
    long gid,
    Optional<Instant> modified,
    Optional<String> symlinkTarget,
    Optional<Continuation> continuation,
    long childLink,
    boolean relocated) {

  /** POSIX file type mask. */
  public static final int S_IFMT = 0170000;

  /** POSIX symbolic link type. */
  public static final int S_IFLNK = 0120000;

  /**
   * A CE entry: the SUSP continuation area.
   *
   * @param block the area's logical block
   * @param offset the byte offset within that block
   * @param length the area's length in bytes
   */
  public record Continuation(long block, long offset, long length) {}

  /** Nothing known (no Rock Ridge entries). */
  public static final RockRidge NONE =
      new RockRidge(
          Optional.empty(),
          -1,
          0,
          0,
          0,
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          -1,
          false);

  /** The bytes of one logical block: a continuation area lies inside one (as Linux requires). */
  private static final int BLOCK = 2048;

  /**
   * Interprets a list of SUSP entries (the record's own and its continuation areas').
   *
   * @throws VerificationException when an entry is shorter than its fields or a CE entry's area
   *     does not fit in one block
   */
  public static RockRidge of(List<SuspEntry> entries) {
    StringBuilder name = null;
    StringBuilder link = null;
    boolean linkComponentOpen = false;
    int mode = -1;
    long links = 0;
    long uid = 0;
    long gid = 0;
    Instant modified = null;
    Continuation continuation = null;
    long childLink = -1;
    boolean relocated = false;
    for (SuspEntry entry : entries) {
      byte[] d = entry.data();
      switch (entry.signature()) {
        case "NM" -> {
          need(entry, 1, "it needs");
          if (name == null) {
            name = new StringBuilder();
          }
          if ((d[0] & 0x06) == 0) {
            name.append(new String(d, 1, d.length - 1, StandardCharsets.UTF_8));
          }
        }
        case "PX" -> {
          need(entry, 32, "it needs");
          mode = (int) Bytes.both32(d, 0);
          links = Bytes.both32(d, 8);
          uid = Bytes.both32(d, 16);
          gid = Bytes.both32(d, 24);
        }
        case "TF" -> modified = modifiedTime(entry).orElse(modified);
        case "SL" -> {
          if (link == null) {
            link = new StringBuilder();
          }
          linkComponentOpen = appendLink(link, d, linkComponentOpen);
        }
        case "CE" -> continuation = continuation(entry);
        case "CL" -> {
          need(entry, 8, "it needs");
          childLink = Bytes.both32(d, 0);
        }
        case "RE" -> relocated = true;
        default -> {
          // SP, ER, RR, PN, ZF and others say nothing the reader needs
        }
      }
    }
    return new RockRidge(
        Optional.ofNullable(name).map(StringBuilder::toString),
        mode,
        links,
        uid,
        gid,
        Optional.ofNullable(modified),
        Optional.ofNullable(link).map(StringBuilder::toString),
        Optional.ofNullable(continuation),
        childLink,
        relocated);
  }

  /** True when PX says this is a symbolic link. */
  public boolean isSymlink() {
    return mode >= 0 && (mode & S_IFMT) == S_IFLNK;
  }

  /**
   * Refuses {@code entry} when it has fewer than {@code bytes} data bytes; {@code why} ends the
   * message ("it needs", "its flags 0x0e need").
   */
  private static void need(SuspEntry entry, int bytes, String why) {
    if (entry.data().length < bytes) {
      throw new VerificationException(
          "Rock Ridge "
              + entry.signature()
              + " entry has "
              + entry.data().length
              + " data bytes, fewer than the "
              + bytes
              + " "
              + why);
    }
  }

  private static Continuation continuation(SuspEntry entry) {
    need(entry, 24, "it needs");
    byte[] d = entry.data();
    Continuation ce = new Continuation(Bytes.both32(d, 0), Bytes.both32(d, 8), Bytes.both32(d, 16));
    if (ce.offset() + ce.length() > BLOCK) {
      throw new VerificationException(
          "Rock Ridge CE entry gives a continuation area of "
              + ce.length()
              + " bytes at byte "
              + ce.offset()
              + " of block "
              + ce.block()
              + ", more than the "
              + BLOCK
              + " bytes of one block");
    }
    return ce;
  }

  private static Optional<Instant> modifiedTime(SuspEntry entry) {
    need(entry, 1, "it needs");
    byte[] d = entry.data();
    int flags = d[0] & 0xff;
    boolean longForm = (flags & 0x80) != 0;
    int size = longForm ? VolumeDate.LENGTH : RecordingDate.LENGTH;
    need(
        entry,
        1 + Integer.bitCount(flags & 0x7f) * size,
        String.format(java.util.Locale.ROOT, "its flags 0x%02x need", flags));
    int at = 1;
    for (int bit = 0; bit < 7; bit++) {
      if ((flags & (1 << bit)) == 0) {
        continue;
      }
      if (bit == 1 && at + size <= d.length) {
        return longForm
            ? VolumeDate.parse(d, at).toInstant()
            : RecordingDate.parse(d, at).toInstant();
      }
      at += size;
    }
    return Optional.empty();
  }

  /** Appends the SL components in {@code d}; returns whether the last component continues. */
  private static boolean appendLink(StringBuilder link, byte[] d, boolean open) {
    int at = 1;
    boolean continues = open;
    while (at + 2 <= d.length) {
      int flags = d[at] & 0xff;
      int length = d[at + 1] & 0xff;
      String part;
      if ((flags & 0x02) != 0) {
        part = ".";
      } else if ((flags & 0x04) != 0) {
        part = "..";
      } else if ((flags & 0x08) != 0) {
        part = "/";
      } else {
        part = new String(d, at + 2, Math.min(length, d.length - at - 2), StandardCharsets.UTF_8);
      }
      if (!continues && link.length() > 0 && link.charAt(link.length() - 1) != '/') {
        link.append('/');
      }
      link.append(part);
      continues = (flags & 0x01) != 0;
      at += 2 + length;
    }
    return continues;
  }
}
