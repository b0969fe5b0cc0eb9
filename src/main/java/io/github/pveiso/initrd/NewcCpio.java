package io.github.pveiso.initrd;

import io.github.pveiso.VerificationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Reads and writes newc ("070701") cpio archives, the format of Linux initramfs images.
 *
 * <p>{@link #write} is reproducible: entries sorted by name, inode numbers 0, 1, 2... in that
 * order, owner and group root, one modification time given by the caller, no device numbers, and
 * directory link counts as a file system would have them (2 plus the number of subdirectories), so
 * that the bytes equal what {@code cpio -o -H newc --reproducible -R 0:0} writes for the same tree
 * (without its padding to 512 bytes).
 */
public final class NewcCpio {

  private static final long DIR_MODE = NewcHeader.S_IFDIR | 0755;
  private static final long FILE_MODE = NewcHeader.S_IFREG | 0644;
  private static final long EXECUTABLE_MODE = NewcHeader.S_IFREG | 0755;

  private NewcCpio() {}

  /**
   * What to put in an archive: a regular file with its bytes, or a directory.
   *
   * @param name the path, relative, without empty or dot parts
   * @param mode file type and permissions: {@code 0100644}, {@code 0100755} or {@code 040755}
   * @param data the file's bytes, empty for a directory
   */
  public record Member(String name, long mode, byte[] data) {

    /** Checks the name, the mode and that a directory holds no data. */
    public Member {
      Objects.requireNonNull(name);
      data = data.clone();
      if (name.isEmpty() || name.startsWith("/") || name.endsWith("/")) {
        throw new IllegalArgumentException("cpio member name must be relative: " + name);
      }
      for (String part : name.split("/", -1)) {
        if (part.isEmpty() || part.equals(".") || part.equals("..")) {
          throw new IllegalArgumentException("cpio member name has an empty or dot part: " + name);
        }
      }
      if (mode != FILE_MODE && mode != EXECUTABLE_MODE && mode != DIR_MODE) {
        throw new IllegalArgumentException(
            "cpio member mode must be 0100644, 0100755 or 040755, not 0"
                + Long.toOctalString(mode)
                + ": "
                + name);
      }
      if (mode == DIR_MODE && data.length > 0) {
        throw new IllegalArgumentException("cpio directory holds data: " + name);
      }
    }

    /** A regular file (mode 0644). */
    public static Member file(String name, byte[] data) {
      return new Member(name, FILE_MODE, data);
    }

    /** An executable file (mode 0755). */
    public static Member executable(String name, byte[] data) {
      return new Member(name, EXECUTABLE_MODE, data);
    }

    /** A directory (mode 0755). */
    public static Member directory(String name) {
      return new Member(name, DIR_MODE, new byte[0]);
    }

    /** True for a directory. */
    public boolean directory() {
      return mode == DIR_MODE;
    }

    /** The file's bytes (a copy). */
    @Override
    public byte[] data() {
      return data.clone();
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Member that
          && name.equals(that.name)
          && mode == that.mode
          && Arrays.equals(data, that.data);
    }

    @Override
    public int hashCode() {
      return Objects.hash(name, mode, Arrays.hashCode(data));
    }

    @Override
    public String toString() {
      return (directory() ? "directory " : "file ") + name + " (" + data.length + " bytes)";
    }
  }

  /**
   * Builds a reproducible archive of {@code members}, sorted by name (byte order of the UTF-8 name,
   * as {@code LC_ALL=C sort}).
   *
   * @param mtime the modification time of every entry, seconds since the epoch
   * @throws IllegalArgumentException when two members have the same name
   */
  public static CpioArchive write(List<Member> members, long mtime) {
    List<Member> sorted = new ArrayList<>(members);
    sorted.sort(Comparator.comparing(Member::name, NewcCpio::compareBytes));
    Set<String> seen = new HashSet<>();
    List<CpioEntry> entries = new ArrayList<>();
    long ino = 0;
    for (Member member : sorted) {
      if (!seen.add(member.name())) {
        throw new IllegalArgumentException("cpio member listed twice: " + member.name());
      }
      long nlink = member.directory() ? 2 + subdirectories(member.name(), sorted) : 1;
      long mode = member.mode();
      NewcHeader header =
          new NewcHeader(
              NewcHeader.MAGIC,
              ino++,
              mode,
              0,
              0,
              nlink,
              mtime,
              member.data.length,
              0,
              0,
              0,
              0,
              0,
              member.name());
      entries.add(CpioEntry.owning(header, member.data));
    }
    entries.add(trailer());
    return new CpioArchive(entries);
  }

  /** The {@code TRAILER!!!} entry as GNU cpio writes it: every field 0 but a link count of 1. */
  public static CpioEntry trailer() {
    return new CpioEntry(
        new NewcHeader(NewcHeader.MAGIC, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, NewcHeader.TRAILER),
        new byte[0]);
  }

  /**
   * Reads one archive from the start of {@code in}, up to and including its trailer and the
   * trailer's 4-byte padding; what follows (such as the zero padding to 512 bytes GNU cpio adds) is
   * left in the stream.
   *
   * @throws VerificationException when the bytes are not a complete newc archive
   */
  public static CpioArchive read(InputStream in) throws IOException {
    return read(new NewcReader(in));
  }

  static CpioArchive read(NewcReader reader) throws IOException {
    List<CpioEntry> entries = new ArrayList<>();
    while (true) {
      long at = reader.offset();
      CpioEntry entry =
          reader
              .readEntry()
              .orElseThrow(
                  () ->
                      new VerificationException(
                          "newc cpio archive ends at offset "
                              + at
                              + " without "
                              + NewcHeader.TRAILER));
      entries.add(entry);
      if (entry.header().isTrailer()) {
        return new CpioArchive(entries);
      }
    }
  }

  private static long subdirectories(String dir, List<Member> members) {
    String prefix = dir + "/";
    return members.stream()
        .filter(m -> m.directory() && m.name().startsWith(prefix))
        .filter(m -> m.name().indexOf('/', prefix.length()) < 0)
        .count();
  }

  static int compareBytes(String a, String b) {
    return Arrays.compareUnsigned(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
