package io.github.pveiso.initrd;

import io.github.pveiso.VerificationException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Intel microcode updates: splits the binary files of intel-microcode into single updates, checks
 * each the way the kernel does (header and loader version 1, sizes, checksum) and joins them into
 * one {@code GenuineIntel.bin}.
 *
 * <p>Debian's hook runs {@code iucode_tool --write-earlyfw} over the whole folder, which drops
 * duplicated and outdated updates. This does the same for the cases that occur: an update whose
 * bytes equal an earlier one is dropped, and of the updates without an extended signature table
 * that share signature and processor-flags mask only the highest revision is kept. Updates are
 * written in the order of the files sorted by name, then their order inside each file (the kernel
 * scans all of them and picks the best match, so the order does not change what it loads).
 */
final class IntelMicrocode {

  static final int HEADER_SIZE = 48;
  private static final int DEFAULT_DATA_SIZE = 2000;
  private static final int DEFAULT_TOTAL_SIZE = 2048;
  private static final int EXT_HEADER_SIZE = 20;
  private static final int EXT_SIGNATURE_SIZE = 12;

  private IntelMicrocode() {}

  /** One update, with the fields that decide which processors load it. */
  record Update(
      String file, int signature, int flags, int revision, boolean extended, byte[] bytes) {}

  /** The joined updates, and what was dropped. */
  record Bundle(byte[] data, int updates, int duplicates, int outdated) {}

  /** Joins the updates of {@code files}, which must already be sorted by name. */
  static Bundle bundle(List<MicrocodeFile> files) {
    List<Update> all = new ArrayList<>();
    for (MicrocodeFile file : files) {
      all.addAll(split(file.name(), file.data()));
    }
    Set<String> seen = new HashSet<>();
    List<Update> unique = new ArrayList<>();
    for (Update update : all) {
      if (seen.add(sha256(update.bytes()))) {
        unique.add(update);
      }
    }
    Map<Long, Update> newest = new HashMap<>();
    for (Update update : unique) {
      if (!update.extended()) {
        newest.merge(key(update), update, IntelMicrocode::newer);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int kept = 0;
    for (Update update : unique) {
      if (update.extended() || newest.get(key(update)) == update) {
        out.writeBytes(update.bytes());
        kept++;
      }
    }
    return new Bundle(out.toByteArray(), kept, all.size() - unique.size(), unique.size() - kept);
  }

  /**
   * Splits one file into updates.
   *
   * @throws VerificationException when the file is not a sequence of valid Intel updates
   */
  static List<Update> split(String file, byte[] data) {
    ByteBuffer buffer = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    List<Update> updates = new ArrayList<>();
    int offset = 0;
    if (data.length == 0) {
      throw bad(file, 0, "the file is empty");
    }
    while (offset < data.length) {
      if (data.length - offset < HEADER_SIZE) {
        throw bad(file, offset, (data.length - offset) + " bytes left, less than a header");
      }
      int headerVersion = buffer.getInt(offset);
      int loaderVersion = buffer.getInt(offset + 20);
      if (headerVersion != 1 || loaderVersion != 1) {
        throw bad(
            file,
            offset,
            "header version " + headerVersion + " and loader version " + loaderVersion + ", not 1");
      }
      long dataSize = unsigned(buffer.getInt(offset + 28), DEFAULT_DATA_SIZE);
      long totalSize = unsigned(buffer.getInt(offset + 32), DEFAULT_TOTAL_SIZE);
      checkSizes(file, offset, dataSize, totalSize, data.length - offset);
      byte[] bytes = Arrays.copyOfRange(data, offset, offset + (int) totalSize);
      checkSum(file, offset, bytes, HEADER_SIZE + (int) dataSize);
      updates.add(
          new Update(
              file,
              buffer.getInt(offset + 12),
              buffer.getInt(offset + 24),
              buffer.getInt(offset + 4),
              totalSize > HEADER_SIZE + dataSize,
              bytes));
      offset += (int) totalSize;
    }
    return updates;
  }

  private static void checkSizes(
      String file, int offset, long dataSize, long totalSize, int available) {
    if (dataSize % 4 != 0 || totalSize % 4 != 0 || HEADER_SIZE + dataSize > totalSize) {
      throw bad(file, offset, "data size " + dataSize + " and total size " + totalSize + " clash");
    }
    if (totalSize > available) {
      throw bad(file, offset, "total size " + totalSize + " but " + available + " bytes left");
    }
    long extended = totalSize - HEADER_SIZE - dataSize;
    if (extended != 0
        && (extended < EXT_HEADER_SIZE || (extended - EXT_HEADER_SIZE) % EXT_SIGNATURE_SIZE != 0)) {
      throw bad(file, offset, "extended signature table of " + extended + " bytes");
    }
  }

  private static void checkSum(String file, int offset, byte[] update, int length) {
    ByteBuffer words = ByteBuffer.wrap(update, 0, length).order(ByteOrder.LITTLE_ENDIAN);
    int sum = 0;
    while (words.hasRemaining()) {
      sum += words.getInt();
    }
    if (sum != 0) {
      throw bad(file, offset, String.format("checksum does not add up (sum 0x%08x)", sum));
    }
  }

  private static long unsigned(int value, int whenZero) {
    return value == 0 ? whenZero : Integer.toUnsignedLong(value);
  }

  private static long key(Update update) {
    return ((long) update.signature() << 32) | Integer.toUnsignedLong(update.flags());
  }

  private static Update newer(Update kept, Update candidate) {
    if (candidate.revision() == kept.revision()) {
      throw new VerificationException(
          String.format(
              "Intel microcode for signature 0x%08x, flags 0x%02x, revision 0x%x comes with two"
                  + " different contents, in %s and %s; the package is broken, use another version",
              kept.signature(), kept.flags(), kept.revision(), kept.file(), candidate.file()));
    }
    return candidate.revision() > kept.revision() ? candidate : kept;
  }

  private static VerificationException bad(String file, int offset, String reason) {
    return new VerificationException(
        "Intel microcode file "
            + file
            + " is not valid at offset "
            + offset
            + ": "
            + reason
            + "; check the intel-microcode package");
  }

  static String sha256(byte[] bytes) {
    return io.github.pveiso.Sha256Digest.of(bytes).toString();
  }
}
