package io.github.pveiso.pipeline.stage;

import io.github.pveiso.cache.DerivedCodec;
import java.util.List;

/** The kinds of derived cache entries the stage step keeps, for {@code pveiso cache verify}. */
public final class StageCaches {

  private StageCaches() {}

  /**
   * The codecs of the per-package firmware lists, the staged firmware trees (which are checked
   * against those lists, so they come after them) and the early microcode archives.
   */
  public static List<DerivedCodec<?>> codecs() {
    return List.of(DebFirmwareList.CODEC, FirmwareFolderCache.CODEC, EarlyMicrocodeCache.CODEC);
  }
}
