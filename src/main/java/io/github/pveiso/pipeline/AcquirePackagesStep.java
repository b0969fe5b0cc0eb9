package io.github.pveiso.pipeline;

import io.github.pveiso.InvalidInputException;
import io.github.pveiso.acquire.AcquireRequest;
import io.github.pveiso.acquire.AcquireResult;
import io.github.pveiso.acquire.Acquirer;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Acquires the Debian packages the request names for the ISO's architecture, with their
 * dependencies, every file verified. What the ISO's {@code /proxmox/packages} and its base system
 * already have is not fetched again, nor are the dependencies of DKMS drivers. Runs after inspect,
 * which tells the architecture and what is installed.
 */
final class AcquirePackagesStep {

  private final Acquirer acquirer;
  private final Supplier<Optional<URI>> hostMirror;

  /** A step that finds the host's Debian mirror with {@code hostMirror} when none is set. */
  AcquirePackagesStep(Acquirer acquirer, Supplier<Optional<URI>> hostMirror) {
    this.acquirer = acquirer;
    this.hostMirror = hostMirror;
  }

  AcquireResult call(BuildRequest request, SourceFacts source) {
    String arch = source.architecture();
    List<String> names = request.namesFor(arch);
    if (names.isEmpty()) {
      return new AcquireResult(Optional.empty(), List.of(), List.of(), List.of());
    }
    URI mirror =
        request
            .settings()
            .debianMirror()
            .or(hostMirror)
            .orElseThrow(
                () ->
                    new InvalidInputException(
                        "debian_mirror is not set and this host's apt sources name no Debian"
                            + " archive; set debian_mirror (e.g. --debian-mirror URL)"));
    AcquireRequest.DebianPackages debian =
        new AcquireRequest.DebianPackages(
            mirror,
            request.settings().debianRelease(),
            request.settings().debianComponents(),
            request.settings().keyrings(),
            Map.of(arch, names));
    return acquirer.acquire(
        new AcquireRequest(Optional.empty(), Optional.of(debian)),
        source.installed(),
        request.driversFor(arch));
  }
}
