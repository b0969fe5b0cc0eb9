package io.github.pveiso.doctor;

import java.util.Optional;

/**
 * The outcome of one host check.
 *
 * @param name what was checked, e.g. {@code xorriso}
 * @param status how it went
 * @param detail what was found (a version, a path, free space)
 * @param hint what to do about it, when something is to be done
 */
public record HostCheck(String name, Status status, String detail, Optional<String> hint) {

  /** How a check went. */
  public enum Status {
    /** Present and good. */
    OK("ok"),
    /** Present but worth a look (old version, little disk). */
    WARN("warn"),
    /** An optional tool is absent; some features are unavailable. */
    OPTIONAL("absent"),
    /** A required tool is absent or unusable. */
    MISSING("MISSING");

    private final String label;

    Status(String label) {
      this.label = label;
    }

    /** The word shown in the listing. */
    public String label() {
      return label;
    }
  }
}
