package io.github.pveiso.initrd;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * How an initrd is put together: the uncompressed newc archives at its start (such as an early
 * microcode archive), each ending after its {@code TRAILER!!!}, then whatever follows them. The
 * kernel reads it the same way: it skips zero bytes between archives and decompresses what is not a
 * cpio header.
 *
 * @param archives the uncompressed archives at the start, in order
 * @param restOffset where the rest begins (after the last archive and any zero padding)
 * @param rest what the rest is: compressed data of some kind, {@link Payload#END} or {@link
 *     Payload#UNKNOWN}
 */
public record InitrdLayout(List<Archive> archives, long restOffset, Payload rest) {

  /** Copies the list. */
  public InitrdLayout {
    archives = List.copyOf(archives);
  }

  /**
   * One uncompressed archive.
   *
   * @param offset where its first header starts
   * @param length its length up to the end of the trailer's padding
   * @param kind {@link Payload#CPIO} or {@link Payload#CPIO_CRC}
   * @param names the names of its entries, trailer excluded, in archive order
   * @param zeroPadding zero bytes after it, before what follows
   */
  public record Archive(
      long offset, long length, Payload kind, List<String> names, long zeroPadding) {

    /** Copies the list. */
    public Archive {
      names = List.copyOf(names);
    }
  }

  /**
   * Scans {@code initrd} from its start, reading only headers (file data is skipped, never held),
   * up to the first part that is not an uncompressed cpio archive.
   *
   * @throws io.github.pveiso.VerificationException when an archive at the start is broken
   */
  public static InitrdLayout scan(InputStream initrd) throws IOException {
    NewcReader reader = new NewcReader(initrd);
    List<Archive> archives = new ArrayList<>();
    while (true) {
      Payload next = Payload.detect(reader.peek(Payload.MAGIC_LENGTH));
      if (!next.isCpio()) {
        return new InitrdLayout(archives, reader.offset(), next);
      }
      long start = reader.offset();
      List<String> names = new ArrayList<>();
      while (true) {
        NewcHeader header = reader.readHeader();
        reader.skipData(header);
        if (header.isTrailer()) {
          break;
        }
        names.add(header.name());
      }
      long end = reader.offset();
      long zeros = reader.skipZeros();
      archives.add(new Archive(start, end - start, next, names, zeros));
    }
  }
}
