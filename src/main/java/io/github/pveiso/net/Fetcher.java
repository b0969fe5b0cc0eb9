package io.github.pveiso.net;

import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;

/** Fetches a resource into a file. The one real implementation is {@link HttpFetcher}. */
public interface Fetcher {

  /**
   * Downloads {@code uri} into {@code target}. When {@code target} already holds a prefix of the
   * resource (an earlier, interrupted download), only the rest is requested; a server that ignores
   * the range request gets a full download. Transient failures are retried. The download stops as
   * soon as the resource is longer than {@code limit}.
   *
   * @throws UncheckedIOException naming the URL and the reason when the download fails for good
   * @throws io.github.pveiso.VerificationException when the server sends or announces more than
   *     {@code limit}; {@code target} is deleted then
   * @throws io.github.pveiso.InvalidInputException when the URI's scheme is not http, https or file
   */
  Downloaded fetch(URI uri, Path target, SizeLimit limit);

  /**
   * Downloads {@code uri} into the empty file {@code target} unless the server says the copy that
   * {@code known} describes is still current. This default cannot ask, so it always downloads; an
   * {@link HttpFetcher} sends a conditional request ({@code If-None-Match}, {@code
   * If-Modified-Since}) when {@code known} is not empty. The download is bounded by {@code limit}
   * as in {@link #fetch}.
   *
   * @throws UncheckedIOException naming the URL and the reason when the download fails for good
   * @throws io.github.pveiso.VerificationException when the server sends more than {@code limit}
   */
  default Revalidation fetchIfModified(URI uri, Path target, Validators known, SizeLimit limit) {
    return new Revalidation.Modified(fetch(uri, target, limit), Validators.NONE);
  }
}
