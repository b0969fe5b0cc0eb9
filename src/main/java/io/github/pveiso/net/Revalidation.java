package io.github.pveiso.net;

/** What a conditional fetch ({@link Fetcher#fetchIfModified}) found. */
public sealed interface Revalidation {

  /**
   * The server said the copy the validators describe is still current; nothing was written.
   *
   * @param validators the validators sent, updated by any the answer carried
   */
  record NotModified(Validators validators) implements Revalidation {}

  /**
   * The resource was downloaded in full (it changed, or the request could not be conditional).
   *
   * @param downloaded the download
   * @param validators the validators the server sent with it (none for {@code file:} URIs)
   */
  record Modified(Downloaded downloaded, Validators validators) implements Revalidation {}
}
