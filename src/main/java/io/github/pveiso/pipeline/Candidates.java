package io.github.pveiso.pipeline;

import io.github.pveiso.pipeline.plan.Candidate;
import java.util.List;

/**
 * The result of {@link ReadPackagesStep}: each downloaded package with what it holds.
 *
 * @param all the packages in download order, requested ones first
 */
public record Candidates(List<Candidate> all) {

  /** Copies the list. */
  public Candidates {
    all = List.copyOf(all);
  }
}
