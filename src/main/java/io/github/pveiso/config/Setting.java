package io.github.pveiso.config;

import org.jspecify.annotations.Nullable;

/**
 * One effective configuration value and where it came from.
 *
 * @param key the key
 * @param value the typed value, or null when the key has no value (no default, not set)
 * @param origin the layer and place it came from
 */
public record Setting(ConfigKey key, @Nullable Object value, Origin origin) {

  /** Shows a secret's value only as set or not, so that no log can carry it. */
  @Override
  public String toString() {
    Object shown = key.secret() && value != null ? "(secret)" : value;
    return "Setting[key=" + key + ", value=" + shown + ", origin=" + origin + "]";
  }
}
