package io.github.pveiso.cache;

import io.github.pveiso.Sha256Digest;
import io.github.pveiso.events.EventListener;
import io.github.pveiso.net.HttpFetcher;
import io.github.pveiso.net.SizeLimit;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Run by {@link CacheTest} in a separate JVM: fetches every URL given after the cache root and its
 * expected digest ({@code url=hex}) through the cache, and prints each blob path.
 */
public final class CacheFetchMain {

  private CacheFetchMain() {}

  /** {@code <cache root> <url>=<sha256>...} */
  public static void main(String[] args) {
    Cache cache =
        Cache.open(
            Path.of(args[0]),
            HttpFetcher.create(EventListener.NONE),
            Clock.systemUTC(),
            EventListener.NONE);
    for (int i = 1; i < args.length; i++) {
      String[] pair = args[i].split("=", 2);
      CachedFile file =
          cache.fetch(
              URI.create(pair[0]),
              Expected.sha256(
                  Sha256Digest.parse(pair[1]),
                  "test",
                  SizeLimit.plausible(1L << 30, "a test file")));
      System.out.println(file.path());
    }
  }
}
