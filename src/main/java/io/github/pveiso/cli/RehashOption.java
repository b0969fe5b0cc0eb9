package io.github.pveiso.cli;

import picocli.CommandLine.Option;

/** {@code --rehash}, for the commands that acquire inputs (fetch, plan, build). */
final class RehashOption {

  @Option(
      names = "--rehash",
      description =
          "Hash the source ISO and every cached file again, even those unchanged (same inode,"
              + " size and times) since pveiso last hashed them.")
  boolean rehash;
}
