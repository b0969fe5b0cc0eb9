package io.github.pveiso.config;

/** The type of a configuration value, which decides how text from the environment is parsed. */
public enum ValueType {
  /** Free text. */
  STRING,
  /** true/false; from the environment also 1/0/yes/no. */
  BOOLEAN,
  /** A whole number. */
  INTEGER,
  /** A file system path; relative paths resolve against the config file's folder. */
  PATH,
  /** A list of text items; in the environment and on the command line comma-separated. */
  LIST,
  /** A list of paths. */
  PATH_LIST,
  /**
   * A list of kernel arguments; in the environment and on the command line separated by blanks, as
   * on a kernel command line (they may hold commas).
   */
  ARGUMENTS,
  /** A URL (http, https or file). */
  URL,
  /** A URL, or else a local path (resolved like {@link #PATH}). */
  PATH_OR_URL
}
