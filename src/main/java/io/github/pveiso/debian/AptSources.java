package io.github.pveiso.debian;

import io.github.pveiso.InvalidInputException;
import io.github.pveiso.VerificationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads the host's apt sources to find its Debian mirror: {@code etc/apt/sources.list} first, then
 * {@code etc/apt/sources.list.d/*.list} and {@code *.sources} (deb822) in file name order, as apt
 * does. Only enabled {@code deb} entries with an http(s) URI count; {@code deb-src}, flat
 * repositories and comments are ignored.
 */
public final class AptSources {
  private final Path root;

  /** Reads the configuration below {@code root} ({@code /} for the host). */
  public AptSources(Path root) {
    this.root = root;
  }

  /** Every enabled {@code deb} entry, one per URI, in apt's order. */
  public List<AptSource> entries() {
    List<AptSource> out = new ArrayList<>();
    Path apt = root.resolve("etc/apt");
    Path main = apt.resolve("sources.list");
    if (Files.isRegularFile(main)) {
      out.addAll(OneLineSources.parse(main, read(main)));
    }
    Path dir = apt.resolve("sources.list.d");
    if (Files.isDirectory(dir)) {
      List<Path> files;
      try (Stream<Path> s = Files.list(dir)) {
        files = s.filter(Files::isRegularFile).sorted().toList();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
      }
      for (Path f : files) {
        String name = f.getFileName().toString();
        if (name.endsWith(".list")) {
          out.addAll(OneLineSources.parse(f, read(f)));
        } else if (name.endsWith(".sources")) {
          out.addAll(deb822(f, read(f)));
        }
      }
    }
    return out;
  }

  /**
   * The base URI (ending with {@code /}) of the first entry that is Debian's archive (see {@link
   * AptSource#isDebianArchive()}); invalid input when there is none.
   */
  public URI debianMirror() {
    return entries().stream()
        .filter(AptSource::isDebianArchive)
        .findFirst()
        .map(AptSource::uri)
        .orElseThrow(
            () ->
                new InvalidInputException(
                    "no Debian archive found among the deb entries of "
                        + root.resolve("etc/apt/sources.list")
                        + " and "
                        + root.resolve("etc/apt/sources.list.d")
                        + "; set debian_mirror to your Debian mirror's URL"));
  }

  private static List<AptSource> deb822(Path file, String text) {
    List<Stanza> stanzas;
    try {
      stanzas = Deb822.parse(file.toString(), text);
    } catch (VerificationException e) {
      throw new InvalidInputException(e.getMessage() + "; fix the apt sources file", e);
    }
    List<AptSource> out = new ArrayList<>();
    for (Stanza s : stanzas) {
      if (s.get("Enabled", "yes").strip().equalsIgnoreCase("no")
          || !words(s.get("Types", "")).contains("deb")) {
        continue;
      }
      List<String> suites = words(s.get("Suites", ""));
      if (suites.isEmpty() || suites.stream().anyMatch(x -> x.endsWith("/"))) {
        continue;
      }
      Optional<String> signedBy = s.get("Signed-By").map(String::strip);
      for (String uri : words(s.get("URIs", ""))) {
        uri(uri)
            .ifPresent(
                u ->
                    out.add(
                        new AptSource(file, u, suites, words(s.get("Components", "")), signedBy)));
      }
    }
    return out;
  }

  static Optional<URI> uri(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
      return Optional.empty();
    }
    try {
      return Optional.of(new URI(text.endsWith("/") ? text : text + "/"));
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }

  static List<String> words(String value) {
    String v = value.strip();
    return v.isEmpty() ? List.of() : Arrays.asList(v.split("\\s+"));
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
