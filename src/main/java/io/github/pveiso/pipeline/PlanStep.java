package io.github.pveiso.pipeline;

import io.github.pveiso.acquire.AcquireResult;
import io.github.pveiso.cache.Cache;
import io.github.pveiso.config.PackageKind;
import io.github.pveiso.debian.FetchedDeb;
import io.github.pveiso.events.EventListener;
import io.github.pveiso.pipeline.plan.Candidate;
import io.github.pveiso.pipeline.plan.DebContentsCache;
import io.github.pveiso.pipeline.plan.DebContentsReader;
import io.github.pveiso.pipeline.plan.Plan;
import io.github.pveiso.pipeline.plan.PlanInput;
import io.github.pveiso.pipeline.plan.Planner;
import io.github.pveiso.pipeline.plan.Target;
import io.github.pveiso.proxmox.AcquiredIso;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides, per package and target, add, repack, skip or refuse: reads what each downloaded package
 * holds (from the cache when it was read before) and hands everything to the {@link Planner}.
 */
final class PlanStep {

  private final DebContentsCache contents;

  PlanStep(Cache cache, EventListener events) {
    this.contents = new DebContentsCache(cache, new DebContentsReader(), events);
  }

  Planned call(
      BuildRequest request, SourceFacts source, AcquireResult fetched, AcquiredIso verifiedIso) {
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
    List<Target> targets = request.settings().targets().stream().map(Target::of).toList();
    Plan plan =
        new Planner()
            .plan(
                new PlanInput(arch, targets, source.packages(), source.basePackages(), candidates));
    return new Planned(verifiedIso, source, candidates, plan, fetched.skipped());
  }
}
