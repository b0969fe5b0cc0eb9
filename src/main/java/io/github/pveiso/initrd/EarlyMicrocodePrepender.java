package io.github.pveiso.initrd;

import io.github.pveiso.CountingOutputStream;
import io.github.pveiso.VerificationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Puts an early microcode archive in front of an initrd, idempotently.
 *
 * <p>The rule: the uncompressed archives at the start of the initrd that hold nothing but the
 * microcode tree ({@code .}, {@code kernel}, {@code kernel/x86}, {@code kernel/x86/microcode} and
 * what is inside it) are early microcode archives; they are taken off, with the zero padding after
 * them. An archive that holds anything else, and everything after it, is copied through unchanged
 * and unread; so is the compressed main part. Ours goes in front. Running this on its own output
 * therefore gives the same bytes again. Whether a removed archive was ours is told by the marker
 * file {@value EarlyMicrocode#MARKER_PATH} starting with {@value EarlyMicrocode#MARKER_FIRST_LINE}.
 */
final class EarlyMicrocodePrepender {

  private static final Set<String> TREE =
      Set.of(".", "kernel", "kernel/x86", EarlyMicrocode.MICROCODE_DIR);

  private final EarlyMicrocode early;

  EarlyMicrocodePrepender(EarlyMicrocode early) {
    this.early = early;
  }

  PrependResult prepend(InputStream initrd, OutputStream out) throws IOException {
    MessageDigest inDigest = sha256();
    MessageDigest outDigest = sha256();
    CountingOutputStream counted = new CountingOutputStream(new DigestOutputStream(out, outDigest));
    CountingInputStream source = new CountingInputStream(new DigestInputStream(initrd, inDigest));
    NewcReader reader = new NewcReader(source);
    early.writeTo(counted);
    Leading leading = takeOffEarlyArchives(reader, counted);
    // The caller owns the initrd stream and closes it; the remainder is read, not closed.
    reader.remainder().transferTo(counted);
    counted.flush();
    return new PrependResult(
        action(leading.replaced()),
        leading.replaced(),
        early.size(),
        early.vendors(),
        leading.rest(),
        source.count(),
        counted.count(),
        HexFormat.of().formatHex(inDigest.digest()),
        HexFormat.of().formatHex(outDigest.digest()));
  }

  /** The early archives taken off the start, and what the first part kept is. */
  private record Leading(List<PrependResult.Replaced> replaced, Payload rest) {}

  /**
   * Reads the archives at the start while they hold only the microcode tree and drops them; the
   * first archive that holds more is written to {@code out} as it was read.
   */
  private static Leading takeOffEarlyArchives(NewcReader reader, OutputStream out)
      throws IOException {
    List<PrependResult.Replaced> replaced = new ArrayList<>();
    while (true) {
      Payload next = Payload.detect(reader.peek(Payload.MAGIC_LENGTH));
      if (next == Payload.UNKNOWN) {
        throw new VerificationException(
            "initrd at offset "
                + reader.offset()
                + " is neither a cpio archive nor compressed data the kernel reads (starts with "
                + NewcHeader.hex(reader.peek(Payload.MAGIC_LENGTH))
                + "); is this really an initrd?");
      }
      if (!next.isCpio()) {
        return new Leading(replaced, next);
      }
      long start = reader.offset();
      Scanned scanned = scanArchive(reader);
      if (!scanned.microcodeOnly()) {
        out.write(scanned.captured());
        return new Leading(replaced, next);
      }
      reader.skipZeros();
      replaced.add(
          new PrependResult.Replaced(
              start, reader.offset() - start, scanned.names(), scanned.marker()));
    }
  }

  /** An archive read entry by entry while it is microcode only; its bytes kept. */
  private record Scanned(
      boolean microcodeOnly, List<String> names, String marker, byte[] captured) {}

  private static Scanned scanArchive(NewcReader reader) throws IOException {
    reader.startCapture();
    List<String> names = new ArrayList<>();
    String marker = "";
    while (true) {
      NewcHeader header = reader.readHeader();
      if (header.isTrailer()) {
        return new Scanned(true, names, marker, reader.endCapture());
      }
      if (!inMicrocodeTree(header.name())) {
        return new Scanned(false, names, marker, reader.endCapture());
      }
      names.add(header.name());
      if (header.name().equals(EarlyMicrocode.MARKER_PATH) && header.fileSize() <= 65536) {
        String text = new String(reader.readData(header), StandardCharsets.UTF_8);
        marker = text.startsWith(EarlyMicrocode.MARKER_FIRST_LINE + "\n") ? text : "";
      } else {
        reader.skipData(header);
      }
    }
  }

  static boolean inMicrocodeTree(String name) {
    return TREE.contains(name) || name.startsWith(EarlyMicrocode.MICROCODE_DIR + "/");
  }

  private static PrependResult.Action action(List<PrependResult.Replaced> replaced) {
    if (replaced.stream().anyMatch(PrependResult.Replaced::fromPveiso)) {
      return PrependResult.Action.REPLACED_PVEISO;
    }
    return replaced.isEmpty()
        ? PrependResult.Action.PREPENDED
        : PrependResult.Action.REPLACED_FOREIGN;
  }

  private static MessageDigest sha256() {
    return io.github.pveiso.Sha256Digest.newMessageDigest();
  }
}
