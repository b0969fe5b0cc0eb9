package io.github.pveiso.pipeline.stage;

import io.github.pveiso.Sha256Digest;
import io.github.pveiso.cache.Cache;
import io.github.pveiso.debian.DebWriter;
import io.github.pveiso.events.EventListener;
import io.github.pveiso.initrd.EarlyMicrocode;
import io.github.pveiso.initrd.PrependResult;
import io.github.pveiso.iso.IsoImage;
import io.github.pveiso.iso.write.IsoChange;
import io.github.pveiso.pipeline.plan.Action;
import io.github.pveiso.pipeline.plan.Candidate;
import io.github.pveiso.pipeline.plan.FirmwarePrecedence;
import io.github.pveiso.pipeline.plan.PackagePlan;
import io.github.pveiso.pipeline.plan.Plan;
import io.github.pveiso.pipeline.plan.Target;
import io.github.pveiso.pipeline.stage.repack.FirmwareRepacker;
import io.github.pveiso.pipeline.stage.repack.RepackCache;
import io.github.pveiso.pipeline.stage.repack.RepackFormat;
import io.github.pveiso.pipeline.stage.repack.RepackSource;
import io.github.pveiso.proxmox.BaseSystem;
import io.github.pveiso.proxmox.ProxmoxFirmware;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the plan into bytes under the build's work folder and a change list: the {@code /firmware}
 * tree (iso), the initrd with early microcode (installer), and the packages for {@code
 * /proxmox/packages} with pveiso's repacked firmware package (system).
 */
public final class StageStep {

  static final String INITRD = "/boot/initrd.img";
  static final String PACKAGES = "/proxmox/packages/";

  private final Path work;
  private final Instant mtime;
  private final EventListener events;
  private final RepackCache repackCache;
  private final FirmwareFolderCache firmwareCache;
  private final EarlyMicrocodeCache microcodeCache;
  private final DebWriter.MemberFormat repackFormat;
  private final String repackWhy;

  /**
   * Stages under {@code work}; reuses what {@code cache} holds from earlier builds. The repacked
   * firmware package gets xz members, which every dpkg reads.
   */
  public StageStep(Path work, Instant mtime, EventListener events, Cache cache) {
    this(work, mtime, events, cache, BaseSystem.unreadable("not given"));
  }

  /**
   * Stages as above; the repacked firmware package is compressed as {@code base}'s dpkg, which
   * installs it, reads best ({@link RepackFormat}).
   */
  public StageStep(Path work, Instant mtime, EventListener events, Cache cache, BaseSystem base) {
    this.work = work;
    this.mtime = mtime;
    this.events = events;
    this.repackFormat = RepackFormat.forBase(base);
    this.repackWhy = RepackFormat.why(base);
    this.repackCache = new RepackCache(cache, events);
    this.firmwareCache = new FirmwareFolderCache(cache, events);
    this.microcodeCache = new EarlyMicrocodeCache(cache, events);
  }

  /** Stages {@code plan}; {@code proxmox} is what the ISO's pve-firmware has. */
  public Staged call(
      IsoImage sourceIso, Plan plan, List<Candidate> candidates, ProxmoxFirmware proxmox)
      throws IOException {
    Map<String, Candidate> byName = new java.util.HashMap<>();
    candidates.forEach(c -> byName.put(c.pkg().name(), c));
    // side by side, each into a part of its own, joined in this order (see StageParts)
    List<StageParts.Part> parts =
        StageParts.runAll(
            List.of(
                part ->
                    part.firmware =
                        stageFirmwareTree(plan, byName, part.changes, part.files, part.notes),
                part -> stageInitrd(sourceIso, plan, byName, part.changes, part.files, part.notes),
                part -> stageSystem(plan, proxmox, byName, part.changes, part.files, part.notes)));
    StageParts.Part all = StageParts.joined(parts);
    stageRemovals(sourceIso, plan, all.changes, all.files, all.notes);
    all.files.sort(Comparator.comparing(StagedFile::isoPath));
    return new Staged(all.changes, all.files, all.notes, Optional.empty(), all.firmware);
  }

  /** Stages {@code /firmware}; returns the tree, empty when the iso target adds nothing. */
  private Optional<FirmwareFolder> stageFirmwareTree(
      Plan plan,
      Map<String, Candidate> byName,
      List<IsoChange> changes,
      List<StagedFile> files,
      List<String> notes) {
    List<PackagePlan> add = plan.with(Target.ISO, Action.ADD);
    if (add.isEmpty()) {
      return Optional.empty();
    }
    List<StageFirmwareTreeStep.Source> sources =
        add.stream()
            .map(
                p ->
                    new StageFirmwareTreeStep.Source(
                        p.name(), p.version(), file(byName, p), Sha256Digest.parse(p.sha256())))
            .toList();
    FirmwareFolder tree = firmwareCache.stage(work.resolve("firmware"), sources);
    notes.addAll(tree.warnings());
    changes.add(new IsoChange.AddTree("/firmware", tree.root(), 0644, 0755, mtime));
    for (FirmwareFolder.Entry e : tree.files()) {
      String isoPath = "/firmware/" + e.path();
      String origin = e.pkg() + " " + e.version();
      files.add(
          e.linkTarget().isEmpty()
              ? StagedFile.file(isoPath, "add", e.sha256(), e.size(), origin)
              : StagedFile.link(isoPath, e.linkTarget(), e.size(), origin));
    }
    Path index = tree.root().resolve(FirmwareFolder.INDEX);
    files.add(
        StagedFile.file(
            "/firmware/" + FirmwareFolder.INDEX, "add", sha256(index), size(index), "pveiso"));
    return Optional.of(tree);
  }

  private void stageInitrd(
      IsoImage sourceIso,
      Plan plan,
      Map<String, Candidate> byName,
      List<IsoChange> changes,
      List<StagedFile> files,
      List<String> notes)
      throws IOException {
    List<PackagePlan> add = plan.with(Target.INSTALLER, Action.ADD);
    if (add.isEmpty()) {
      return;
    }
    List<EarlyMicrocodeCache.Source> sources =
        add.stream()
            .map(
                p ->
                    new EarlyMicrocodeCache.Source(
                        p.name(), p.version(), file(byName, p), Sha256Digest.parse(p.sha256())))
            .toList();
    EarlyMicrocodeCache.Made made = microcodeCache.build(sources, mtime.getEpochSecond());
    // with the installer target alone, nothing else has made the stage folder yet
    Files.createDirectories(work);
    Path modified = work.resolve("initrd.img");
    PrependResult result = prepend(sourceIso, made.early(), modified);
    notes.add(result.summary());
    events.info(result.summary());
    changes.add(new IsoChange.ReplaceFile(INITRD, modified, 0644, mtime));
    files.add(
        StagedFile.file(
            INITRD,
            "replace",
            result.sha256After(),
            result.sizeAfter(),
            "early microcode from " + String.join(", ", made.sources()) + " + the source initrd"));
  }

  /**
   * Writes the ISO's initrd with {@code early} in front to {@code modified}, streamed from the ISO
   * straight into the new file (no copy of the original in between).
   */
  private static PrependResult prepend(IsoImage image, EarlyMicrocode early, Path modified)
      throws IOException {
    try (InputStream in =
            new BufferedInputStream(
                image
                    .find(INITRD)
                    .map(image::open)
                    .orElseThrow(
                        () ->
                            new io.github.pveiso.InvalidInputException(
                                image.path().getFileName()
                                    + " has no "
                                    + INITRD
                                    + " to add early microcode to; drop 'installer' from"
                                    + " targets")),
                1 << 16);
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(modified), 1 << 16)) {
      return early.prepend(in, out);
    }
  }

  private void stageSystem(
      Plan plan,
      ProxmoxFirmware proxmox,
      Map<String, Candidate> byName,
      List<IsoChange> changes,
      List<StagedFile> files,
      List<String> notes)
      throws IOException {
    for (PackagePlan p : plan.with(Target.SYSTEM, Action.ADD)) {
      Candidate c = byName.get(p.name());
      if (c == null) {
        continue;
      }
      String isoPath = PACKAGES + c.pkg().debFileName();
      changes.add(new IsoChange.AddFile(isoPath, c.file(), 0644, mtime));
      files.add(
          StagedFile.file(
              isoPath, "add", p.sha256(), c.pkg().size(), p.name() + " " + p.version()));
    }
    List<PackagePlan> repack = plan.with(Target.SYSTEM, Action.REPACK);
    if (repack.isEmpty()) {
      return;
    }
    List<RepackSource> sources =
        repack.stream()
            .map(
                p ->
                    new RepackSource(
                        file(byName, p),
                        p.name(),
                        p.version(),
                        Optional.of(Sha256Digest.parse(p.sha256()))))
            .toList();
    Path out = Files.createDirectories(work.resolve("repacked"));
    events.debug(repackWhy);
    FirmwareRepacker repacker = new FirmwareRepacker(mtime.getEpochSecond(), repackFormat, events);
    RepackCache.Repacked repacked =
        plan.firmwarePrecedence() == FirmwarePrecedence.PROXMOX
            ? repackCache.repack(repacker, sources, proxmox, out)
            : repackCache.repack(repacker, sources, out);
    String isoPath = PACKAGES + repacked.packageName() + "_" + repacked.version() + "_all.deb";
    changes.add(new IsoChange.AddFile(isoPath, repacked.deb(), 0644, mtime));
    files.add(
        StagedFile.file(
            isoPath,
            "add",
            repacked.sha256(),
            repacked.size(),
            "repacked from "
                + String.join(
                    ", ",
                    sources.stream().map(s -> s.packageName() + " " + s.version()).toList())));
    notes.add(
        "repacked "
            + repacked.fileCount()
            + " firmware files into "
            + repacked.packageName()
            + " "
            + repacked.version()
            + (plan.firmwarePrecedence() == FirmwarePrecedence.PROXMOX
                ? ", which links them under /lib/firmware/updates while /lib/firmware lacks them"
                : ", under /lib/firmware/updates"));
  }

  /** An older package on the ISO that a newer one replaces is removed, never left beside it. */
  private static void stageRemovals(
      IsoImage sourceIso,
      Plan plan,
      List<IsoChange> changes,
      List<StagedFile> files,
      List<String> notes) {
    if (plan.replacedIsoPackages().isEmpty()) {
      return;
    }
    for (String isoPath : plan.replacedIsoPackages()) {
      long size = sourceIso.find(isoPath).map(e -> e.size()).orElse(0L);
      changes.add(new IsoChange.RemoveFile(isoPath));
      files.add(StagedFile.removed(isoPath, size, "older version of a package the build adds"));
      notes.add("removed " + isoPath + ": the build adds a newer version");
    }
  }

  private static Path file(Map<String, Candidate> byName, PackagePlan p) {
    Candidate c = byName.get(p.name());
    if (c == null) {
      throw new IllegalStateException("planned package " + p.name() + " has no downloaded file");
    }
    return c.file();
  }

  static String sha256(Path file) {
    return io.github.pveiso.Sha256Digest.ofFile(file).toString();
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
