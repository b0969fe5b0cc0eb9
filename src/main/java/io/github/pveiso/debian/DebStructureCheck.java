package io.github.pveiso.debian;

import io.github.pveiso.VerificationException;
import io.github.pveiso.cache.ContentCheck;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks a downloaded .deb before it enters the cache: it must open as a .deb and every data entry
 * must stay inside the package root (no {@code ../} or absolute names, no links that climb out, no
 * devices), as {@link DebArchive} reads it. So {@code pveiso fetch} refuses such a package at once
 * and it never reaches the cache; the build reads it with the same rules again.
 */
public final class DebStructureCheck implements ContentCheck {

  /** The one instance; it holds no state. */
  public static final DebStructureCheck INSTANCE = new DebStructureCheck();

  private DebStructureCheck() {}

  @Override
  public void check(URI url, Path file) {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      DebArchive.open(url.toString(), in).readData((entry, content) -> {});
    } catch (IOException e) {
      throw new VerificationException(url + ": not a readable .deb: " + e.getMessage(), e);
    }
  }
}
