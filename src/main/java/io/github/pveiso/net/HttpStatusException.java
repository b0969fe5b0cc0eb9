package io.github.pveiso.net;

import java.io.IOException;
import java.net.URI;

/** A server answered with an HTTP status that retrying will not change (e.g. 404). */
public final class HttpStatusException extends IOException {
  private static final long serialVersionUID = 1L;

  private final int status;

  /** {@code GET <uri> failed: HTTP <status>}. */
  public HttpStatusException(URI uri, int status) {
    super("GET " + uri + " failed: HTTP " + status);
    this.status = status;
  }

  /** The HTTP status code. */
  public int status() {
    return status;
  }

  /** True when {@code e} is an {@link HttpStatusException} with status 404 (or wraps one). */
  public static boolean isNotFound(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof HttpStatusException http && http.status() == 404) {
        return true;
      }
    }
    return false;
  }
}
