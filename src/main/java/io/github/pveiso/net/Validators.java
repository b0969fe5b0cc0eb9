package io.github.pveiso.net;

import java.util.Optional;

/**
 * What a server said identifies one version of a resource: its HTTP {@code ETag} and {@code
 * Last-Modified} headers, sent back later as {@code If-None-Match} and {@code If-Modified-Since} to
 * ask whether it changed.
 *
 * @param etag the entity tag, quotes included, as the server sent it
 * @param lastModified the HTTP date of the last change, as the server sent it
 */
public record Validators(Optional<String> etag, Optional<String> lastModified) {

  /** No validators: a request with these is not conditional. */
  public static final Validators NONE = new Validators(Optional.empty(), Optional.empty());

  /** True when there is nothing to make a request conditional with. */
  public boolean isEmpty() {
    return etag.isEmpty() && lastModified.isEmpty();
  }

  /** These, with each one {@code newer} has replacing ours (a 304 may send fresh ones). */
  public Validators updatedBy(Validators newer) {
    return new Validators(newer.etag.or(() -> etag), newer.lastModified.or(() -> lastModified));
  }

  /** For messages: "ETag X, Last-Modified Y", or "no validators". */
  public String describe() {
    if (isEmpty()) {
      return "no validators";
    }
    StringBuilder out = new StringBuilder();
    etag.ifPresent(e -> out.append("ETag ").append(e));
    lastModified.ifPresent(
        m -> out.append(out.isEmpty() ? "" : ", ").append("Last-Modified ").append(m));
    return out.toString();
  }
}
