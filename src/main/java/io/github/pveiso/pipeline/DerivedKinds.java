package io.github.pveiso.pipeline;

import io.github.pveiso.cache.DerivedCodec;
import io.github.pveiso.debian.ParsedIndexes;
import io.github.pveiso.pipeline.plan.DebContentsCache;
import io.github.pveiso.pipeline.stage.StageCaches;
import io.github.pveiso.pipeline.stage.repack.RepackCache;
import io.github.pveiso.proxmox.BaseSystemReader;
import io.github.pveiso.proxmox.ProxmoxFirmwareReader;
import java.util.ArrayList;
import java.util.List;

/**
 * Every kind of derived cache entry a build makes, in the order {@code pveiso cache verify} checks
 * them (an entry checked against others comes after them).
 */
public final class DerivedKinds {

  private DerivedKinds() {}

  /** Their codecs. */
  public static List<DerivedCodec<?>> all() {
    List<DerivedCodec<?>> all = new ArrayList<>();
    all.add(ParsedIndexes.CODEC);
    all.add(BaseSystemReader.CODEC);
    all.add(ProxmoxFirmwareReader.CODEC);
    all.add(DebContentsCache.CODEC);
    all.addAll(StageCaches.codecs());
    all.add(RepackCache.CODEC);
    return List.copyOf(all);
  }
}
