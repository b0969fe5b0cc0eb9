package io.github.pveiso.net;

import io.github.pveiso.VerificationException;
import java.net.URI;

/**
 * The most bytes a download may have, and who says so. A download stops as soon as the server sends
 * more (or announces more in its {@code Content-Length} or {@code Content-Range}): an endless body
 * never fills the disk.
 *
 * @param bytes the bound
 * @param says who sets it, completing "more than the N bytes ..." ({@code "Packages says"}, {@code
 *     "pveiso accepts for an installer ISO"})
 */
public record SizeLimit(long bytes, String says) {

  /** Checks the bound. */
  public SizeLimit {
    if (bytes < 0) {
      throw new IllegalArgumentException("a size limit cannot be negative: " + bytes);
    }
  }

  /**
   * The exact size that verified metadata ({@code origin}: "Packages", "the Release file") says.
   */
  public static SizeLimit verified(long bytes, String origin) {
    return new SizeLimit(bytes, origin + " says");
  }

  /** A bound no real file of this kind ({@code what}: "an installer ISO") comes near. */
  public static SizeLimit plausible(long bytes, String what) {
    return new SizeLimit(bytes, "pveiso accepts for " + what);
  }

  /** True when {@code size} bytes are more than this limit allows. */
  public boolean isExceededBy(long size) {
    return size > bytes;
  }

  /** The error for a server that sent more than the limit; the partial file is gone by then. */
  VerificationException sentMore(URI uri) {
    return new VerificationException(
        uri + ": the server sent more than " + bound() + "; the download was dropped");
  }

  /** The error for a server that announced more than the limit before sending any of it. */
  VerificationException announced(URI uri, long announced) {
    return new VerificationException(
        uri
            + ": the server announced "
            + announced
            + " bytes, more than "
            + bound()
            + "; nothing was downloaded");
  }

  /** The error for a local file of {@code size} bytes (-1: unknown) larger than the limit. */
  VerificationException fileHas(URI uri, long size) {
    return new VerificationException(
        uri
            + ": the file has "
            + (size < 0 ? "more than " + bound() : size + " bytes, more than " + bound()));
  }

  private String bound() {
    return "the " + bytes + " bytes " + says;
  }
}
