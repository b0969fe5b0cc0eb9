package io.github.pveiso.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.pveiso.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Named sets of Debian packages (firmware, microcode, drivers): the built-in catalog, with a user's
 * catalog file laid over it (a set of the same name replaces the built-in one).
 *
 * @param sets the sets by name, sorted
 */
public record FirmwareCatalog(Map<String, FirmwareSet> sets) {

  private static final String BUILT_IN = "firmware-catalog.yaml";

  /** Copies the map, sorted by name. */
  public FirmwareCatalog {
    sets = java.util.Collections.unmodifiableMap(new TreeMap<>(sets));
  }

  /** The file format: a mapping {@code sets:} of name to set. */
  private record CatalogFile(Map<String, FirmwareSet> sets) {}

  /** The built-in catalog (parsed once: a build asks for it when validating and when planning). */
  public static FirmwareCatalog builtIn() {
    return BuiltIn.CATALOG;
  }

  /** Holds the built-in catalog, parsed when first asked for. */
  private static final class BuiltIn {
    static final FirmwareCatalog CATALOG = parseBuiltIn();

    private BuiltIn() {}
  }

  private static FirmwareCatalog parseBuiltIn() {
    try (InputStream in = FirmwareCatalog.class.getResourceAsStream(BUILT_IN)) {
      if (in == null) {
        throw new IllegalStateException("built-in catalog " + BUILT_IN + " is missing");
      }
      return new FirmwareCatalog(mapper(false).readValue(in, CatalogFile.class).sets());
    } catch (IOException e) {
      throw new IllegalStateException("built-in catalog " + BUILT_IN + " is broken", e);
    }
  }

  /** The built-in catalog with {@code userFile} (YAML, or JSON by suffix) laid over it. */
  public static FirmwareCatalog load(Optional<Path> userFile) {
    FirmwareCatalog catalog = builtIn();
    if (userFile.isEmpty()) {
      return catalog;
    }
    Path file = userFile.get();
    CatalogFile user;
    try {
      byte[] bytes = SmallFile.read(file, "firmware catalog");
      ObjectMapper mapper = mapper(file.toString().endsWith(".json"));
      List<DuplicateKeys.Duplicate> duplicates =
          DuplicateKeys.in(mapper.getFactory(), new String(bytes, StandardCharsets.UTF_8));
      if (!duplicates.isEmpty()) {
        DuplicateKeys.Duplicate first = duplicates.get(0);
        throw new InvalidInputException(
            "firmware catalog " + file + ":" + first.secondLine() + ": " + first.describe());
      }
      user = mapper.readValue(bytes, CatalogFile.class);
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new InvalidInputException(
          "firmware catalog "
              + file
              + ":"
              + line
              + ": "
              + e.getOriginalMessage().lines().findFirst().orElse("")
              + "; expected 'sets: {NAME: {description: ..., packages: [{name, kind,"
              + " architectures}]}}'",
          e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read firmware catalog " + file, e);
    }
    if (user == null || user.sets() == null) {
      throw new InvalidInputException("firmware catalog " + file + ": no 'sets' mapping");
    }
    Map<String, FirmwareSet> merged = new LinkedHashMap<>(catalog.sets());
    merged.putAll(user.sets());
    return new FirmwareCatalog(merged);
  }

  private static ObjectMapper mapper(boolean json) {
    ObjectMapper mapper = json ? new ObjectMapper() : new ObjectMapper(new YAMLFactory());
    mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    mapper.enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES);
    mapper.enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);
    return mapper;
  }

  /**
   * The packages of the named sets, each once (first set wins), in set order.
   *
   * @throws InvalidInputException naming every unknown set, with the known ones
   */
  public List<CatalogPackage> packagesOf(List<String> setNames) {
    List<String> unknown = setNames.stream().filter(n -> !sets.containsKey(n)).toList();
    if (!unknown.isEmpty()) {
      String first = unknown.get(0);
      throw new InvalidInputException(
          "unknown firmware set"
              + (unknown.size() > 1 ? "s " : " ")
              + String.join(", ", unknown.stream().map(n -> "'" + n + "'").toList())
              + DidYouMean.nearest(first, sets.keySet())
                  .map(s -> " (did you mean '" + s + "'?)")
                  .orElse("")
              + "; known sets: "
              + String.join(", ", sets.keySet()));
    }
    Set<String> seen = new LinkedHashSet<>();
    List<CatalogPackage> packages = new ArrayList<>();
    for (String name : setNames) {
      FirmwareSet set = java.util.Objects.requireNonNull(sets.get(name));
      for (CatalogPackage p : set.packages()) {
        if (seen.add(p.name())) {
          packages.add(p);
        }
      }
    }
    return packages;
  }
}
