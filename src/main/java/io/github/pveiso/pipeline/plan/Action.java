package io.github.pveiso.pipeline.plan;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What the plan does with a package for one target. */
public enum Action {
  /** Added as it is. */
  ADD,
  /** Its firmware files go into pveiso's own repacked package. */
  REPACK,
  /** Not needed here (with the reason). */
  SKIP,
  /** Cannot go here (with the reason). */
  REFUSE;

  /** The word shown in plans and manifests. */
  @JsonValue
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }
}
