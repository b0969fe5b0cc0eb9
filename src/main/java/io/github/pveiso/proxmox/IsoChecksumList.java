package io.github.pveiso.proxmox;

import io.github.pveiso.Sha256Digest;
import io.github.pveiso.VerificationException;
import java.net.URI;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code SHA256SUMS} file as {@code sha256sum} writes it: one {@code <64 hex> <space><space or
 * *><file name>} per line; blank lines are ignored, anything else is refused.
 */
public record IsoChecksumList(URI source, Map<String, Sha256Digest> digests) {

  private static final Pattern LINE = Pattern.compile("([0-9A-Fa-f]{64}) [ *](\\S.*)");

  /** Keeps the entries sorted by file name. */
  public IsoChecksumList {
    digests = java.util.Collections.unmodifiableMap(new TreeMap<>(digests));
  }

  /**
   * Parses {@code text} read from {@code source}.
   *
   * @throws VerificationException naming the list and the line when a line is malformed or a file
   *     is listed twice with different digests
   */
  public static IsoChecksumList parse(String text, URI source) {
    Map<String, Sha256Digest> digests = new TreeMap<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      Matcher matcher = LINE.matcher(line);
      if (!matcher.matches()) {
        throw new VerificationException(
            source
                + " line "
                + (i + 1)
                + " is not '<sha256>  <file name>': '"
                + abbreviate(line)
                + "'");
      }
      Sha256Digest digest = Sha256Digest.parse(matcher.group(1));
      Sha256Digest before = digests.put(matcher.group(2), digest);
      if (before != null && !before.equals(digest)) {
        throw new VerificationException(
            source
                + " line "
                + (i + 1)
                + " lists "
                + matcher.group(2)
                + " again with another digest");
      }
    }
    return new IsoChecksumList(source, digests);
  }

  private static String abbreviate(String line) {
    return line.length() <= 100 ? line : line.substring(0, 100) + "...";
  }
}
