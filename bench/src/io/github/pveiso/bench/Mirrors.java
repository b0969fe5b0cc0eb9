package io.github.pveiso.bench;

import io.github.pveiso.debian.AptSources;
import java.net.URI;
import java.nio.file.Path;

/** Which Debian mirror to use: the one given, else the one this host's apt configuration names. */
final class Mirrors {

  private Mirrors() {}

  static URI find(String[] args) {
    return args.length > 1 ? URI.create(args[1]) : new AptSources(Path.of("/")).debianMirror();
  }

  static String source(String[] args) {
    return args.length > 1 ? "the command line" : "this host's apt sources";
  }
}
