package io.github.pveiso.cli;

import io.github.pveiso.testing.Fixtures.Fixture;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * Bytes written over a fixture ISO at given offsets. {@link #random} makes one from a seed, so a
 * mutation that breaks pveiso is kept as its seed and patches ({@link #code()} prints them as
 * Java).
 *
 * @param fixture the ISO the patches apply to
 * @param seed the seed that made the patches (0 for hand-made ones)
 * @param patches the bytes to write, in order
 */
record IsoMutation(Fixture fixture, long seed, List<Patch> patches) {

  /**
   * Bytes to write at an offset.
   *
   * @param offset the byte offset in the image
   * @param hex the bytes, lower-case hex
   */
  record Patch(long offset, String hex) {
    byte[] bytes() {
      return HexFormat.of().parseHex(hex);
    }
  }

  /**
   * A byte range of the image to mutate.
   *
   * @param offset the first byte
   * @param length the number of bytes
   */
  record Region(long offset, long length) {}

  /** Values that are lengths, counts and block numbers at their limits. */
  private static final long[] BOUNDARIES = {
    0,
    1,
    2,
    3,
    4,
    0x7f,
    0x80,
    0xff,
    0x100,
    0x7ff,
    0x800,
    0xffff,
    0x10000,
    0x7fff_ffffL,
    0x8000_0000L,
    0xffff_ff00L,
    0xffff_ffffL
  };

  IsoMutation {
    patches = List.copyOf(patches);
  }

  /**
   * One to four patches inside {@code regions}, chosen by {@code seed}: a flipped bit, a random
   * byte, a boundary value as one byte, as a little-endian 32-bit or as an ISO 9660 both-endian
   * field, a run of zeros, or a copy of other bytes of the image.
   */
  static IsoMutation random(Fixture fixture, long seed, byte[] image, List<Region> regions) {
    Random random = new Random(seed);
    List<Patch> patches = new ArrayList<>();
    int count = 1 + random.nextInt(4);
    for (int i = 0; i < count; i++) {
      Region region = regions.get(random.nextInt(regions.size()));
      long at = region.offset() + (long) (random.nextDouble() * region.length());
      byte[] bytes =
          switch (random.nextInt(7)) {
            case 0 -> new byte[] {(byte) (image[(int) at] ^ (1 << random.nextInt(8)))};
            case 1 -> new byte[] {(byte) random.nextInt(256)};
            case 2 -> new byte[] {(byte) boundary(random)};
            case 3 -> le32(boundary(random));
            case 4 -> both32(boundary(random));
            case 5 -> new byte[1 + random.nextInt(64)];
            default -> {
              int length = 16 + random.nextInt(240);
              int from = random.nextInt(Math.max(1, Math.min(image.length, 1 << 20) - length));
              yield java.util.Arrays.copyOfRange(image, from, from + length);
            }
          };
      int fits = (int) Math.min(bytes.length, image.length - at);
      patches.add(new Patch(at, HexFormat.of().formatHex(java.util.Arrays.copyOf(bytes, fits))));
    }
    return new IsoMutation(fixture, seed, patches);
  }

  private static long boundary(Random random) {
    long value = BOUNDARIES[random.nextInt(BOUNDARIES.length)];
    return random.nextInt(4) == 0 ? (value - 1 + random.nextInt(3)) & 0xffff_ffffL : value;
  }

  private static byte[] le32(long value) {
    return new byte[] {
      (byte) value, (byte) (value >>> 8), (byte) (value >>> 16), (byte) (value >>> 24)
    };
  }

  private static byte[] both32(long value) {
    byte[] le = le32(value);
    return new byte[] {le[0], le[1], le[2], le[3], le[3], le[2], le[1], le[0]};
  }

  /** Writes the patches into {@code iso}, a copy of the fixture. */
  void applyTo(Path iso) throws IOException {
    try (FileChannel channel = FileChannel.open(iso, StandardOpenOption.WRITE)) {
      for (Patch patch : patches) {
        ByteBuffer buffer = ByteBuffer.wrap(patch.bytes());
        while (buffer.hasRemaining()) {
          channel.write(buffer, patch.offset() + buffer.position());
        }
      }
    }
  }

  /** The mutation as the Java expression that makes it again, for a regression test. */
  String code() {
    return "new IsoMutation(Fixture."
        + fixture.name()
        + ", "
        + seed
        + "L, List.of("
        + patches.stream()
            .map(p -> "new Patch(" + p.offset() + ", \"" + p.hex() + "\")")
            .collect(Collectors.joining(", "))
        + "))";
  }
}
