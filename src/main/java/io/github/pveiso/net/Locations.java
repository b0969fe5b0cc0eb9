package io.github.pveiso.net;

import io.github.pveiso.InvalidInputException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** Turns what a user wrote (a URL or a local path) into a URI. */
public final class Locations {

  private Locations() {}

  /**
   * {@code http:}, {@code https:} and {@code file:} URLs stay as they are; anything else is a local
   * path, made absolute.
   *
   * @throws InvalidInputException when {@code text} looks like a URL with another scheme
   */
  public static URI toUri(String text) {
    Optional<String> scheme = scheme(text);
    if (scheme.isEmpty()) {
      return Path.of(text).toAbsolutePath().normalize().toUri();
    }
    String name = scheme.get();
    if (!name.equals("http") && !name.equals("https") && !name.equals("file")) {
      throw new InvalidInputException(
          "'" + text + "' has scheme '" + name + "'; use an http, https or file URL or a path");
    }
    try {
      return new URI(text);
    } catch (URISyntaxException e) {
      throw new InvalidInputException("'" + text + "' is not a valid URL: " + e.getReason(), e);
    }
  }

  /** True when {@code uri} names a local file ({@code file:} scheme). */
  public static boolean isLocal(URI uri) {
    return "file".equalsIgnoreCase(uri.getScheme());
  }

  /** The last path segment of {@code uri}, for progress and messages. */
  public static String fileName(URI uri) {
    String path = Optional.ofNullable(uri.getPath()).orElse("");
    String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    String name = trimmed.substring(trimmed.lastIndexOf('/') + 1);
    return name.isEmpty() ? uri.toString() : name;
  }

  /** {@code base} with {@code relative} resolved against it as a directory. */
  public static URI resolve(URI base, String relative) {
    String text = base.toString();
    return URI.create(text.endsWith("/") ? text : text + "/").resolve(relative);
  }

  private static Optional<String> scheme(String text) {
    int colon = text.indexOf(':');
    if (colon < 2) {
      return Optional.empty(); // "C:" style drive letters and plain names are paths
    }
    String head = text.substring(0, colon);
    if (!head.matches("[A-Za-z][A-Za-z0-9+.-]*")
        || !text.startsWith(head + "://") && !text.startsWith(head + ":/")) {
      return Optional.empty();
    }
    return Optional.of(head.toLowerCase(Locale.ROOT));
  }
}
