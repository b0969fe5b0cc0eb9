package io.github.pveiso.grub;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The configuration and prefix built into a GRUB image by {@code grub-mkimage -c FILE -p PREFIX}:
 * GRUB keeps its modules after a header with the magic {@code mimg} (its module info: magic, then
 * the offset of the first module and the total size, 32 or 64 bits wide), each module a type and a
 * size; type 2 is the configuration, type 3 the prefix, both NUL-terminated text. In EFI images the
 * modules are stored as they are; a BIOS core image compresses them, so nothing is found there.
 *
 * @param config the built-in configuration, empty when none
 * @param prefix the built-in prefix, empty when none
 */
record EmbeddedConfig(Optional<String> config, Optional<String> prefix) {

  private static final int TYPE_CONFIG = 2;
  private static final int TYPE_PREFIX = 3;
  private static final byte[] MAGIC = {'m', 'i', 'm', 'g'};

  /** The configuration and prefix of a GRUB image, or empty when it has no module info. */
  static Optional<EmbeddedConfig> read(byte[] image) {
    ByteBuffer b = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
    for (int at = indexOf(image, 0); at >= 0; at = indexOf(image, at + 1)) {
      int info = at;
      Optional<EmbeddedConfig> found = modules(b, info, 8, 24).or(() -> modules(b, info, 4, 12));
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  /**
   * The modules after a module info at {@code at} whose fields are {@code width} bytes wide and
   * whose first module follows {@code headerSize} bytes in; empty when the sizes do not chain up.
   */
  private static Optional<EmbeddedConfig> modules(ByteBuffer b, int at, int width, int headerSize) {
    int fields = at + (width == 8 ? 8 : 4);
    if (fields + 2L * width > b.capacity() || (width == 8 && b.getInt(at + 4) != 0)) {
      return Optional.empty();
    }
    long offset = width == 8 ? b.getLong(fields) : Integer.toUnsignedLong(b.getInt(fields));
    long size = width == 8 ? b.getLong(fields + 8) : Integer.toUnsignedLong(b.getInt(fields + 4));
    if (offset != headerSize || size < headerSize || at + size > b.capacity()) {
      return Optional.empty();
    }
    long end = at + size;
    long pos = at + offset;
    List<String> config = new ArrayList<>();
    List<String> prefix = new ArrayList<>();
    while (pos + 8 <= end) {
      int type = b.getInt((int) pos);
      long length = Integer.toUnsignedLong(b.getInt((int) pos + 4));
      if (length < 8 || pos + length > end) {
        return Optional.empty();
      }
      if (type == TYPE_CONFIG) {
        config.add(text(b, (int) pos + 8, (int) (length - 8)));
      } else if (type == TYPE_PREFIX) {
        prefix.add(text(b, (int) pos + 8, (int) (length - 8)));
      }
      pos += length;
    }
    if (pos != end) {
      return Optional.empty();
    }
    return Optional.of(
        new EmbeddedConfig(config.stream().findFirst(), prefix.stream().findFirst()));
  }

  private static String text(ByteBuffer b, int start, int length) {
    int end = start;
    while (end < start + length && b.get(end) != 0) {
      end++;
    }
    byte[] bytes = new byte[end - start];
    b.get(start, bytes);
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }

  private static int indexOf(byte[] image, int from) {
    outer:
    for (int i = from; i <= image.length - MAGIC.length; i++) {
      for (int j = 0; j < MAGIC.length; j++) {
        if (image[i + j] != MAGIC[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
