package io.github.pveiso.iso.write;

import io.github.pveiso.InvalidInputException;
import io.github.pveiso.iso.bytes.Bytes;
import io.github.pveiso.iso.iso9660.DirectoryRecord;
import io.github.pveiso.iso.iso9660.RecordingDate;
import io.github.pveiso.iso.iso9660.SuspEntry;
import io.github.pveiso.iso.iso9660.VolumeDate;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * How a source writes its records, so new records look like its own: the PX length (with or without
 * an inode number), the TF flags, whether file identifiers carry {@code ;1}, whether names go
 * beyond 8.3, and the highest inode number in use.
 *
 * @param pxLength bytes of PX data: 32 (RRIP 1.10) or 40 (RRIP 1.12, with an inode number)
 * @param tfFlags the TF flags byte the source's records use
 * @param versions ISO 9660 file identifiers end in {@code ;1}
 * @param longNames ISO 9660 names longer than 8.3 occur (level 2 or 3)
 * @param jolietVersions Joliet file identifiers end in {@code ;1}
 * @param maxInode the highest PX inode number seen
 */
record RockRidgeStyle(
    int pxLength,
    int tfFlags,
    boolean versions,
    boolean longNames,
    boolean jolietVersions,
    long maxInode) {

  /** Longest record a directory can hold. */
  static final int MAX_RECORD = 255;

  /** Most data bytes one SUSP entry holds (its length byte counts the 4-byte header too). */
  static final int MAX_PIECE = 250;

  /** Collects the style while a tree is read. */
  static final class Builder {
    private int pxLength = -1;
    private int tfFlags = -1;
    private boolean versions;
    private boolean longNames;
    private boolean jolietVersions;
    private long maxInode;

    void record(DirectoryRecord record, List<SuspEntry> susp) {
      for (SuspEntry e : susp) {
        if (e.signature().equals("PX") && e.data().length >= 32) {
          if (pxLength < 0) {
            pxLength = e.data().length >= 40 ? 40 : 32;
          }
          if (e.data().length >= 40) {
            maxInode = Math.max(maxInode, Bytes.both32(e.data(), 32));
          }
        }
        if (e.signature().equals("TF") && tfFlags < 0 && e.data().length > 0) {
          tfFlags = e.data()[0] & 0xff;
        }
      }
      String id = new String(record.identifier(), StandardCharsets.ISO_8859_1);
      if (!record.isDirectory()) {
        int semi = id.indexOf(';');
        versions |= semi >= 0;
        String bare = semi >= 0 ? id.substring(0, semi) : id;
        int dot = bare.lastIndexOf('.');
        String base = dot >= 0 ? bare.substring(0, dot) : bare;
        String ext = dot >= 0 ? bare.substring(dot + 1) : "";
        longNames |= base.length() > 8 || ext.length() > 3;
      } else {
        longNames |= id.length() > 8;
      }
    }

    void joliet(DirectoryRecord record) {
      if (!record.isDirectory() && record.jolietName().length() < record.identifier().length / 2) {
        jolietVersions = true;
      }
    }

    RockRidgeStyle build() {
      return new RockRidgeStyle(
          pxLength < 0 ? 32 : pxLength,
          tfFlags < 0 ? 0x0e : tfFlags,
          versions,
          longNames,
          jolietVersions,
          maxInode);
    }
  }

  /** The same style with the Joliet convention of {@code joliet}. */
  RockRidgeStyle withJoliet(RockRidgeStyle joliet) {
    return new RockRidgeStyle(
        pxLength, tfFlags, versions, longNames, joliet.jolietVersions(), maxInode);
  }

  /** The System Use area of {@link #entries}, padded to an even length. */
  byte[] systemUse(
      int mode,
      Instant mtime,
      @org.jspecify.annotations.Nullable String name,
      long inode,
      @org.jspecify.annotations.Nullable String symlink) {
    return even(SuspEntry.recordAll(entries(mode, mtime, name, inode, symlink)));
  }

  /** {@code su} with a zero byte added when its length is odd. */
  static byte[] even(byte[] su) {
    return su.length % 2 == 0 ? su : java.util.Arrays.copyOf(su, su.length + 1);
  }

  /**
   * The SUSP entries of a new record: PX, TF, then NM (unless {@code name} is null, for "." and
   * "..") split into pieces of at most 250 bytes, and SL for a symbolic link.
   */
  List<SuspEntry> entries(
      int mode,
      Instant mtime,
      @org.jspecify.annotations.Nullable String name,
      long inode,
      @org.jspecify.annotations.Nullable String symlink) {
    List<SuspEntry> entries = new ArrayList<>();
    byte[] px = new byte[pxLength];
    Bytes.putBoth32(px, 0, mode);
    Bytes.putBoth32(px, 8, 1);
    if (pxLength >= 40) {
      Bytes.putBoth32(px, 32, inode);
    }
    entries.add(new SuspEntry("PX", 1, px));
    entries.add(new SuspEntry("TF", 1, timestamps(mtime)));
    if (name != null) {
      byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
      int at = 0;
      do {
        int end = Math.min(utf8.length, at + MAX_PIECE);
        while (end < utf8.length && (utf8[end] & 0xc0) == 0x80) {
          end--;
        }
        byte[] nm = new byte[1 + end - at];
        nm[0] = (byte) (end < utf8.length ? 0x01 : 0);
        System.arraycopy(utf8, at, nm, 1, end - at);
        entries.add(new SuspEntry("NM", 1, nm));
        at = end;
      } while (at < utf8.length);
    }
    if (symlink != null) {
      byte[] sl = symlinkData(symlink);
      if (sl.length > MAX_PIECE) {
        throw new InvalidInputException(
            "symbolic link target '"
                + symlink
                + "' needs more than "
                + MAX_PIECE
                + " bytes of Rock Ridge SL data, which the Java writer does not split; shorten it"
                + " or set iso_writer: xorriso");
      }
      entries.add(new SuspEntry("SL", 1, sl));
    }
    return entries;
  }

  private byte[] timestamps(Instant mtime) {
    boolean longForm = (tfFlags & 0x80) != 0;
    int count = Integer.bitCount(tfFlags & 0x7f);
    int size = longForm ? VolumeDate.LENGTH : RecordingDate.LENGTH;
    byte[] stamp = longForm ? VolumeDate.of(mtime).record() : new byte[RecordingDate.LENGTH];
    if (!longForm) {
      RecordingDate.of(mtime).write(stamp, 0);
    }
    byte[] tf = new byte[1 + count * size];
    tf[0] = (byte) tfFlags;
    for (int i = 0; i < count; i++) {
      Bytes.put(tf, 1 + i * size, stamp);
    }
    return tf;
  }

  /** The SL data (flags byte, then components) of a link target. */
  static byte[] symlinkData(String target) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0);
    String rest = target;
    if (rest.startsWith("/")) {
      out.write(0x08);
      out.write(0);
      rest = rest.replaceFirst("^/+", "");
    }
    for (String part : rest.split("/")) {
      if (part.isEmpty()) {
        continue;
      }
      byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
      if (part.equals(".")) {
        out.write(0x02);
        out.write(0);
      } else if (part.equals("..")) {
        out.write(0x04);
        out.write(0);
      } else {
        if (bytes.length > 250) {
          throw new InvalidInputException(
              "symbolic link target '" + target + "' has a component over 250 bytes; shorten it");
        }
        out.write(0);
        out.write(bytes.length);
        out.writeBytes(bytes);
      }
    }
    return out.toByteArray();
  }
}
