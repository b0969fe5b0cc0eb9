package io.github.pveiso.iso;

import io.github.pveiso.iso.bytes.Extent;
import io.github.pveiso.iso.bytes.ImageChannel;
import io.github.pveiso.iso.iso9660.DirectoryRecord;
import io.github.pveiso.iso.iso9660.RockRidge;
import io.github.pveiso.iso.iso9660.SuspEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Makes damaged copies of an ISO by code: a directory record or its Rock Ridge entries rewritten,
 * or raw bytes written at an offset. Each method says what it changed so tests can name it.
 */
public final class CraftedIso {
  private final Path path;

  private CraftedIso(Path path) {
    this.path = path;
  }

  /** A copy of {@code source} at {@code target} to damage. */
  public static CraftedIso copy(Path source, Path target) {
    try {
      Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new CraftedIso(target);
  }

  /** The damaged copy. */
  public Path path() {
    return path;
  }

  /** The first block of the file {@code isoPath} in {@code iso}. */
  public static long blockOf(Path iso, String isoPath) {
    try (IsoImage image = IsoImage.open(iso)) {
      return image.find(isoPath).orElseThrow().firstLba();
    }
  }

  /** Writes {@code bytes} at {@code offset}. */
  public CraftedIso write(long offset, byte[] bytes) {
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        channel.write(buffer, offset + buffer.position());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** Reads {@code length} bytes at {@code offset}. */
  public byte[] read(long offset, int length) {
    try (ImageChannel channel = ImageChannel.open(path)) {
      return channel.read(offset, length);
    }
  }

  /**
   * The byte offset of the directory record of {@code isoPath} (matched by its Rock Ridge name).
   */
  public long recordOffset(String isoPath) {
    int slash = isoPath.lastIndexOf('/');
    String parent = slash == 0 ? "/" : isoPath.substring(0, slash);
    String name = isoPath.substring(slash + 1);
    Extent dir;
    try (IsoImage iso = IsoImage.open(path)) {
      dir = iso.find(parent).orElseThrow().extents().get(0);
    }
    byte[] data = read(dir.offset(), (int) dir.length());
    int at = 0;
    while (at < data.length) {
      int length = data[at] & 0xff;
      if (length == 0) {
        at = (at / Extent.BLOCK + 1) * Extent.BLOCK;
        continue;
      }
      DirectoryRecord r = DirectoryRecord.parse(data, at);
      if (!r.isSelfOrParent()
          && RockRidge.of(SuspEntry.parseAll(r.systemUse(), 0)).name().orElse("").equals(name)) {
        return dir.offset() + at;
      }
      at += length;
    }
    throw new IllegalArgumentException("no record for " + isoPath + " in " + path);
  }

  /** The directory record of {@code isoPath}. */
  public DirectoryRecord record(String isoPath) {
    long at = recordOffset(isoPath);
    return DirectoryRecord.parse(read(at, read(at, 1)[0] & 0xff), 0);
  }

  /**
   * Replaces the record of {@code isoPath} by {@code change} of it; the new record must not be
   * longer (the rest of the old one is zeroed, which ends the record's System Use area).
   */
  public CraftedIso changeRecord(String isoPath, UnaryOperator<DirectoryRecord> change) {
    long at = recordOffset(isoPath);
    DirectoryRecord old = record(isoPath);
    byte[] bytes = change.apply(old).record();
    if (bytes.length > old.length()) {
      throw new IllegalArgumentException(
          "the new record of " + isoPath + " is longer than the old " + old.length());
    }
    bytes[0] = (byte) old.length();
    return write(at, Arrays.copyOf(bytes, old.length()));
  }

  /** Replaces the SUSP entries in the record of {@code isoPath} by {@code change} of them. */
  public CraftedIso changeSusp(String isoPath, UnaryOperator<List<SuspEntry>> change) {
    return changeRecord(
        isoPath,
        r -> {
          List<SuspEntry> entries =
              change.apply(new ArrayList<>(SuspEntry.parseAll(r.systemUse(), 0)));
          return withSystemUse(r, SuspEntry.recordAll(entries));
        });
  }

  /** Replaces the data of the SUSP entry {@code signature} in the record of {@code isoPath}. */
  public CraftedIso changeSuspData(String isoPath, String signature, byte[] data) {
    return changeSusp(
        isoPath,
        entries ->
            entries.stream()
                .map(
                    e ->
                        e.signature().equals(signature)
                            ? new SuspEntry(signature, e.version(), data)
                            : e)
                .toList());
  }

  /** {@code r} with another extent and length. */
  public static DirectoryRecord withExtent(DirectoryRecord r, long extent, long dataLength) {
    return new DirectoryRecord(
        r.extAttrLength(),
        extent,
        dataLength,
        r.recorded(),
        r.flags(),
        r.fileUnitSize(),
        r.interleaveGap(),
        r.volumeSequence(),
        r.identifier(),
        r.systemUse());
  }

  /** {@code r} with another System Use area. */
  public static DirectoryRecord withSystemUse(DirectoryRecord r, byte[] systemUse) {
    return new DirectoryRecord(
        r.extAttrLength(),
        r.extent(),
        r.dataLength(),
        r.recorded(),
        r.flags(),
        r.fileUnitSize(),
        r.interleaveGap(),
        r.volumeSequence(),
        r.identifier(),
        systemUse);
  }
}
