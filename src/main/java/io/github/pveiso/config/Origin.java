package io.github.pveiso.config;

/**
 * Where a configuration value came from: the built-in default, a line of a config file, an
 * environment variable, or a command-line flag.
 *
 * @param layer the layer; a higher layer wins over a lower one
 * @param where human-readable place, e.g. {@code pveiso.yaml:12}, {@code PVEISO_BUILD_ARCH}, {@code
 *     --output-dir}, {@code default}
 */
public record Origin(Layer layer, String where) {

  /** The configuration layers, lowest first. */
  public enum Layer {
    DEFAULT,
    FILE,
    ENVIRONMENT,
    FLAG
  }

  /** The origin of built-in defaults. */
  public static final Origin DEFAULT = new Origin(Layer.DEFAULT, "default");

  @Override
  public String toString() {
    return where;
  }
}
