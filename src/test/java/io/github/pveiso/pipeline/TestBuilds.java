package io.github.pveiso.pipeline;

import io.github.pveiso.config.BuildSettings;
import io.github.pveiso.config.ConfigKey;
import io.github.pveiso.config.ConfigLoader;
import io.github.pveiso.config.ConfigRequest;
import io.github.pveiso.events.EventListener;
import io.github.pveiso.events.StageTimer;
import io.github.pveiso.proc.SystemProcessRunner;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** Settings and runs of the real build pipeline against a loopback repository, for build tests. */
final class TestBuilds {
  private TestBuilds() {}

  /**
   * Settings for one build: {@code iso} from the repository at {@code mirror} (trusted through
   * {@code keyring}), no firmware sets or vendors, cache and home under {@code home}, output and
   * work folder under {@code out}, a fixed SOURCE_DATE_EPOCH; {@code more} overrides any of it.
   */
  static BuildSettings settings(
      Path home, URI mirror, Path keyring, Path iso, Path out, Map<ConfigKey, String> more) {
    Map<ConfigKey, String> flags = new EnumMap<>(ConfigKey.class);
    flags.put(ConfigKey.ISO, iso.toString());
    flags.put(ConfigKey.DEBIAN_MIRROR, mirror.toString());
    flags.put(ConfigKey.DEBIAN_COMPONENTS, "main,non-free-firmware");
    flags.put(ConfigKey.KEYRINGS, keyring.toString());
    flags.put(ConfigKey.INCLUDE_AMD, "false");
    flags.put(ConfigKey.INCLUDE_INTEL, "false");
    flags.put(ConfigKey.INCLUDE_NVIDIA, "false");
    flags.put(ConfigKey.FIRMWARE_SETS, "");
    flags.put(ConfigKey.OUTPUT_DIR, out.toString());
    flags.put(ConfigKey.WORK_DIR, out.resolve("work").toString());
    flags.put(ConfigKey.FIRMWARE_CACHE, home.resolve("cache").toString());
    flags.put(ConfigKey.SOURCE_DATE_EPOCH, "1700000000");
    flags.putAll(more);
    return new ConfigLoader(EventListener.NONE)
        .load(new ConfigRequest(Optional.empty(), Map.of("HOME", home.toString()), flags, home));
  }

  /** Runs {@code pveiso build} (no --force, no --overwrite) with {@code settings}. */
  static Built build(BuildSettings settings, EventListener events) {
    return build(settings, events, EventListener.NONE);
  }

  /** The same, with the stage events ({@link StageTimer}'s) going to {@code stages}. */
  static Built build(BuildSettings settings, EventListener events, EventListener stages) {
    return new BuildPipeline(Clock.systemUTC(), new SystemProcessRunner(), events, Optional::empty)
        .build(settings, false, false, new StageTimer(Clock.systemUTC(), stages));
  }
}
