package io.github.pveiso.debian;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns byte slices into strings, handing back the same instance for the same short slice: field
 * names and the many repeated values of an index (architectures, sections, dependencies) are then
 * stored once. Direct-mapped, so a collision only costs a fresh string. Not thread-safe.
 */
final class StringCache {
  private static final int SLOTS = 1 << 14;
  private static final int MAX_CACHED_LENGTH = 96;

  private final byte[][] keys = new byte[SLOTS][];
  private final String[] strings = new String[SLOTS];
  private final int[] hashes = new int[SLOTS];

  String get(byte[] buf, int from, int to) {
    int len = to - from;
    if (len == 0) {
      return "";
    }
    if (len > MAX_CACHED_LENGTH) {
      return new String(buf, from, len, StandardCharsets.UTF_8);
    }
    int h = 0x811c9dc5;
    for (int i = from; i < to; i++) {
      h = (h ^ buf[i]) * 0x01000193;
    }
    int slot = (h ^ (h >>> 16)) & (SLOTS - 1);
    byte[] key = keys[slot];
    if (key != null && hashes[slot] == h && Arrays.equals(key, 0, key.length, buf, from, to)) {
      return strings[slot];
    }
    String s = new String(buf, from, len, StandardCharsets.UTF_8);
    keys[slot] = Arrays.copyOfRange(buf, from, to);
    strings[slot] = s;
    hashes[slot] = h;
    return s;
  }

  String get(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return get(b, 0, b.length);
  }
}
