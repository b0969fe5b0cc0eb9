package io.github.pveiso.pipeline;

import io.github.pveiso.acquire.AcquireResult;
import io.github.pveiso.cache.Cache;
import io.github.pveiso.config.PackageKind;
import io.github.pveiso.debian.FetchedDeb;
import io.github.pveiso.events.EventListener;
import io.github.pveiso.pipeline.plan.Candidate;
import io.github.pveiso.pipeline.plan.DebContentsCache;
import io.github.pveiso.pipeline.plan.DebContentsReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads what each downloaded package holds (its firmware files, whether it needs DKMS...), from the
 * cache when it was read before, and names what asked for it: the candidates that {@link
 * ProxmoxFirmwareStep} and {@link PlanStep} decide on.
 */
final class ReadPackagesStep {

  private final DebContentsCache contents;

  ReadPackagesStep(Cache cache, EventListener events) {
    this.contents = new DebContentsCache(cache, new DebContentsReader(), events);
  }

  Candidates call(BuildRequest request, SourceFacts source, AcquireResult fetched) {
    String arch = source.architecture();
    Map<String, Optional<PackageKind>> kinds = request.kindsFor(arch);
    Map<String, String> requestedBy = request.requestedByFor(arch);
    List<Candidate> candidates = new ArrayList<>();
    for (FetchedDeb deb : fetched.packages()) {
      candidates.add(
          new Candidate(
              deb.metadata(),
              deb.url().toString(),
              deb.path(),
              kinds.getOrDefault(deb.name(), Optional.empty()),
              requestedBy.getOrDefault(deb.name(), "dependency"),
              contents.read(deb.name(), deb.path(), deb.sha256())));
    }
    return new Candidates(candidates);
  }
}
