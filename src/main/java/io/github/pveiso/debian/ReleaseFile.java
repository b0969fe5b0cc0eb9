package io.github.pveiso.debian;

import io.github.pveiso.VerificationException;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed {@code Release} file (the signed text of {@code InRelease}).
 *
 * @param suite e.g. {@code stable}; empty when absent
 * @param codename e.g. {@code trixie}; empty when absent
 * @param date when the archive generated it
 * @param validUntil after this instant apt refuses it; absent for archives that do not expire
 * @param architectures e.g. {@code [all, amd64, arm64]}
 * @param components e.g. {@code [main, contrib, non-free-firmware, non-free]}
 * @param acquireByHash whether indexes may be fetched under {@code by-hash/SHA256/<digest>}
 * @param sha256 the SHA256 section: path relative to the suite directory → size and digest
 * @param fields every field as written
 */
public record ReleaseFile(
    String suite,
    String codename,
    Instant date,
    Optional<Instant> validUntil,
    List<String> architectures,
    List<String> components,
    boolean acquireByHash,
    Map<String, IndexFile> sha256,
    Stanza fields) {

  /** Size and SHA256 (lower-case hex) of one index file named in the Release file. */
  public record IndexFile(long size, String sha256) {}

  /** The entry for {@code path} (e.g. {@code main/binary-amd64/Packages.xz}), if listed. */
  public Optional<IndexFile> file(String path) {
    return Optional.ofNullable(sha256.get(path));
  }

  /** Parses the Release text; {@code label} names it in errors. */
  public static ReleaseFile parse(String label, String text) {
    List<Stanza> stanzas = Deb822.parse(label, text);
    if (stanzas.size() != 1) {
      throw new VerificationException(
          label + ": expected one Release stanza but found " + stanzas.size());
    }
    Stanza s = stanzas.get(0);
    Instant date =
        parseDate(
            label,
            "Date",
            s.get("Date").orElseThrow(() -> new VerificationException(label + ": no Date field")));
    Optional<Instant> validUntil =
        s.get("Valid-Until").map(v -> parseDate(label, "Valid-Until", v));
    return new ReleaseFile(
        s.get("Suite", ""),
        s.get("Codename", ""),
        date,
        validUntil,
        words(s.get("Architectures", "")),
        words(s.get("Components", "")),
        s.get("Acquire-By-Hash", "no").equalsIgnoreCase("yes"),
        parseSums(label, s),
        s);
  }

  private static Map<String, IndexFile> parseSums(String label, Stanza s) {
    Map<String, IndexFile> sums = new LinkedHashMap<>();
    for (String line : s.lines("SHA256")) {
      String[] parts = line.split("[ \t]+");
      if (parts.length != 3 || !parts[0].matches("[0-9a-fA-F]{64}")) {
        throw new VerificationException(label + ": malformed SHA256 line '" + line + "'");
      }
      long size;
      try {
        size = Long.parseLong(parts[1]);
      } catch (NumberFormatException e) {
        throw new VerificationException(label + ": malformed size in SHA256 line '" + line + "'");
      }
      sums.put(parts[2], new IndexFile(size, parts[0].toLowerCase(java.util.Locale.ROOT)));
    }
    return java.util.Collections.unmodifiableMap(sums);
  }

  private static List<String> words(String value) {
    String v = value.strip();
    return v.isEmpty() ? List.of() : List.of(v.split("\\s+"));
  }

  /**
   * Parses an RFC 2822 date as Debian writes it ({@code Sat, 09 Aug 2025 09:23:33 UTC}), also
   * accepting the zones {@code GMT}, {@code Z} and numeric offsets.
   */
  static Instant parseDate(String label, String field, String value) {
    String v = value.strip();
    if (v.endsWith(" UTC") || v.endsWith(" GMT")) {
      v = v.substring(0, v.length() - 4) + " +0000";
    } else if (v.endsWith(" Z")) {
      v = v.substring(0, v.length() - 2) + " +0000";
    }
    try {
      return ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      throw new VerificationException(
          label + ": cannot read " + field + " '" + value + "' as an RFC 2822 date", e);
    }
  }
}
