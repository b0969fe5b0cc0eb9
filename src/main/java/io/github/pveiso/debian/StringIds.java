package io.github.pveiso.debian;

import java.util.Arrays;

/**
 * Numbers distinct strings in the order they are first seen: open addressing over two arrays rather
 * than a map of boxed numbers (trixie's main index has about 350,000 distinct strings, which a
 * {@code HashMap<String, Integer>} held in about 15 MB, these arrays in about 5). Used by {@link
 * PackagesIndexCodec} to write an index's string table; not thread-safe.
 */
final class StringIds {
  private String[] keys = new String[1 << 12];
  private int[] numbers = new int[1 << 12];
  private String[] table = new String[1 << 10];
  private int size;

  int id(String s) {
    int mask = keys.length - 1;
    for (int i = slot(s, mask); ; i = (i + 1) & mask) {
      String k = keys[i];
      if (k == null) {
        keys[i] = s;
        numbers[i] = size;
        if (size == table.length) {
          table = Arrays.copyOf(table, size * 2);
        }
        table[size] = s;
        size++;
        if (size * 4L > keys.length * 3L) {
          grow();
        }
        return size - 1;
      }
      if (k.equals(s)) {
        return numbers[i];
      }
    }
  }

  int size() {
    return size;
  }

  String string(int id) {
    return table[id];
  }

  private static int slot(String s, int mask) {
    int h = s.hashCode() * 0x9E3779B9;
    return (h ^ (h >>> 16)) & mask;
  }

  private void grow() {
    String[] oldKeys = keys;
    int[] oldNumbers = numbers;
    keys = new String[oldKeys.length * 2];
    numbers = new int[oldKeys.length * 2];
    int mask = keys.length - 1;
    for (int j = 0; j < oldKeys.length; j++) {
      String k = oldKeys[j];
      if (k != null) {
        int i = slot(k, mask);
        while (keys[i] != null) {
          i = (i + 1) & mask;
        }
        keys[i] = k;
        numbers[i] = oldNumbers[j];
      }
    }
  }
}
