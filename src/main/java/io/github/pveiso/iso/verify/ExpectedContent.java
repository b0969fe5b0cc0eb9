package io.github.pveiso.iso.verify;

import java.util.Locale;

/**
 * What the output must hold at a path the change list names: a file with a digest, a symbolic link
 * to a target, or nothing.
 */
public sealed interface ExpectedContent {

  /** How the manifest shows it: the digest, {@code -> target}, or {@code (removed)}. */
  String text();

  /**
   * A regular file with this content.
   *
   * @param sha256 its SHA-256, hex (compared without regard to case)
   */
  record Digest(String sha256) implements ExpectedContent {
    @Override
    public String text() {
      return sha256;
    }

    /** The digest in lower case. */
    public String lowerCase() {
      return sha256.toLowerCase(Locale.ROOT);
    }
  }

  /**
   * A symbolic link.
   *
   * @param target what it points at
   */
  record Link(String target) implements ExpectedContent {
    @Override
    public String text() {
      return "-> " + target;
    }
  }

  /** No file: the change removed it. */
  record Absent() implements ExpectedContent {
    @Override
    public String text() {
      return "(removed)";
    }
  }
}
