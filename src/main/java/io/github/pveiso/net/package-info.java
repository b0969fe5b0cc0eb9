/**
 * Fetching bytes from URLs: HTTP(S) with resume, retries and redirects, plus {@code file:} URIs;
 * bounded parallel downloads. The library never prints; progress goes to an event listener.
 */
package io.github.pveiso.net;
