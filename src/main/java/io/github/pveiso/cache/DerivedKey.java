package io.github.pveiso.cache;

import io.github.pveiso.Sha256Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a derived cache entry is made from: its kind, the format of its payload, the digests of the
 * inputs it was made from (each with a name that says which input it is) and its parameters, in the
 * order given. The entry is stored under {@link #digest()}, and its header holds {@link #text()},
 * so reading checks that the entry was made from exactly these inputs (see {@link DerivedCache}).
 *
 * <p>The text is UTF-8 lines: {@code derived <kind> <format>}, then {@code input <sha256 hex>
 * <name>} per input and {@code param <name> <value>} per parameter. In names and values, {@code %},
 * control characters and DEL are written as {@code %XX}, so the text reads back to one key only.
 *
 * <pre>{@code
 * DerivedKey.of("firmware-folder", 1)
 *     .input("firmware-misc-nonfree 20250410-1", debSha)
 *     .param("mtime", 1700000000)
 * }</pre>
 */
public final class DerivedKey {

  /**
   * One input: a blob (or, for an ISO used in place, a file) by its digest.
   *
   * @param name what the input is, e.g. {@code firmware-a 1.0}
   * @param digest its SHA-256
   */
  public record Input(String name, Sha256Digest digest) {}

  /**
   * One parameter the entry depends on besides its inputs.
   *
   * @param name a lower-case name
   * @param value its value as text
   */
  public record Param(String name, String value) {}

  private static final Pattern NAME = Pattern.compile("[a-z0-9-]+");

  private final String kind;
  private final int format;
  private final List<Input> inputs;
  private final List<Param> params;
  private final String text;

  private DerivedKey(String kind, int format, List<Input> inputs, List<Param> params) {
    this.kind = kind;
    this.format = format;
    this.inputs = List.copyOf(inputs);
    this.params = List.copyOf(params);
    this.text = write(kind, format, this.inputs, this.params);
  }

  /**
   * The key of an entry of {@code kind} (lower-case letters, digits, {@code -}) in payload format
   * {@code format} (raise it whenever the same inputs would give other stored bytes), with no
   * inputs or parameters yet.
   */
  public static DerivedKey of(String kind, int format) {
    if (!NAME.matcher(kind).matches()) {
      throw new IllegalArgumentException("bad derived-entry kind '" + kind + "'");
    }
    if (format < 0) {
      throw new IllegalArgumentException("bad format " + format + " of " + kind);
    }
    return new DerivedKey(kind, format, List.of(), List.of());
  }

  /** This key with one more input, {@code name} (not empty) with {@code digest}, at the end. */
  public DerivedKey input(String name, Sha256Digest digest) {
    if (name.isEmpty()) {
      throw new IllegalArgumentException("an input of " + kind + " needs a name");
    }
    List<Input> more = new ArrayList<>(inputs);
    more.add(new Input(name, digest));
    return new DerivedKey(kind, format, more, params);
  }

  /** This key with one more parameter at the end. */
  public DerivedKey param(String name, String value) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("bad parameter name '" + name + "' of " + kind);
    }
    List<Param> more = new ArrayList<>(params);
    more.add(new Param(name, value));
    return new DerivedKey(kind, format, inputs, more);
  }

  /** This key with one more numeric parameter at the end. */
  public DerivedKey param(String name, long value) {
    return param(name, Long.toString(value));
  }

  /** The kind of entry. */
  public String kind() {
    return kind;
  }

  /** The payload format. */
  public int format() {
    return format;
  }

  /** The inputs, in order. */
  public List<Input> inputs() {
    return inputs;
  }

  /** The parameters, in order. */
  public List<Param> params() {
    return params;
  }

  /** The input names joined by {@code ", "}: what a message calls the entry by default. */
  public String label() {
    return String.join(", ", inputs.stream().map(Input::name).toList());
  }

  /** The key as text (see the class documentation); an entry's header starts with it. */
  public String text() {
    return text;
  }

  private static String write(String kind, int format, List<Input> inputs, List<Param> params) {
    StringBuilder text = new StringBuilder();
    text.append("derived ").append(kind).append(' ').append(format).append('\n');
    for (Input input : inputs) {
      text.append("input ").append(input.digest().hex()).append(' ');
      text.append(PercentEscape.escape(input.name(), PercentEscape.Set.CONTROLS)).append('\n');
    }
    for (Param param : params) {
      text.append("param ").append(param.name()).append(' ');
      text.append(PercentEscape.escape(param.value(), PercentEscape.Set.CONTROLS)).append('\n');
    }
    return text.toString();
  }

  /** The SHA-256 of {@link #text()}: the entry's file name. */
  public Sha256Digest digest() {
    return Sha256Digest.of(text().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The key {@code text} holds, which must be exactly what {@link #text()} writes.
   *
   * @throws IOException saying what is wrong when it is not
   */
  public static DerivedKey parse(String text) throws IOException {
    if (!text.endsWith("\n")) {
      throw new IOException("the key does not end with a line break");
    }
    String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
    String[] head = lines[0].split(" ", -1);
    if (head.length != 3 || !head[0].equals("derived") || !NAME.matcher(head[1]).matches()) {
      throw new IOException("the key does not start with 'derived <kind> <format>'");
    }
    DerivedKey key;
    try {
      key = of(head[1], Integer.parseInt(head[2]));
      for (int i = 1; i < lines.length; i++) {
        key = line(key, lines[i]);
      }
    } catch (IllegalArgumentException e) {
      throw new IOException("the key is malformed: " + e.getMessage(), e);
    }
    if (!key.text().equals(text)) {
      throw new IOException("the key is not written the way pveiso writes it");
    }
    return key;
  }

  private static DerivedKey line(DerivedKey key, String line) throws IOException {
    if (line.startsWith("input ") && line.length() > 6 + 64 + 1 && line.charAt(6 + 64) == ' ') {
      return key.input(
          PercentEscape.unescape(line.substring(6 + 64 + 1), "the key"),
          new Sha256Digest(line.substring(6, 70)));
    }
    int space = line.indexOf(' ', 6);
    if (line.startsWith("param ") && space > 6) {
      return key.param(
          line.substring(6, space), PercentEscape.unescape(line.substring(space + 1), "the key"));
    }
    throw new IOException("the key has a line that is neither an input nor a parameter");
  }

  @Override
  public boolean equals(@org.jspecify.annotations.Nullable Object other) {
    return other instanceof DerivedKey k && k.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  @Override
  public String toString() {
    return kind + " " + digest().hex();
  }
}
