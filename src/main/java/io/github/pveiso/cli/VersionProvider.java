package io.github.pveiso.cli;

import picocli.CommandLine;

/** Reads pveiso's version from the jar's manifest or the build's resources. */
public final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {"pveiso " + io.github.pveiso.Version.current()};
  }
}
