package io.github.pveiso.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What the configuration is made from.
 *
 * @param configFile the config file, if one was named
 * @param environment the process environment (only {@code PVEISO_*} and {@code SOURCE_DATE_EPOCH}
 *     are read; {@code HOME} and {@code XDG_CACHE_HOME} place the default cache)
 * @param flags the flags given on the command line, as text; an absent flag is absent here
 * @param workingDir the folder relative paths from the environment and flags resolve against
 */
public record ConfigRequest(
    Optional<Path> configFile,
    Map<String, String> environment,
    Map<ConfigKey, String> flags,
    Path workingDir) {

  /** Copies the maps. */
  public ConfigRequest {
    environment = Map.copyOf(environment);
    flags = Map.copyOf(flags);
  }
}
