package io.github.pveiso.build;

import io.github.pveiso.InvalidInputException;
import io.github.pveiso.acquire.AcquireRequest;
import io.github.pveiso.acquire.AcquireRequests;
import io.github.pveiso.acquire.AcquireResult;
import io.github.pveiso.acquire.Acquirer;
import io.github.pveiso.config.BuildSettings;
import io.github.pveiso.config.CatalogPackage;
import io.github.pveiso.config.FirmwareCatalog;
import io.github.pveiso.config.PackageKind;
import io.github.pveiso.debian.FetchedDeb;
import io.github.pveiso.debian.InstalledPackage;
import io.github.pveiso.debian.PackageRequest;
import io.github.pveiso.events.EventListener;
import io.github.pveiso.events.StageTimer;
import io.github.pveiso.iso.IsoImage;
import io.github.pveiso.iso.IsoVerifier;
import io.github.pveiso.iso.write.GrowingIsoWriter;
import io.github.pveiso.iso.write.IsoWriteStep;
import io.github.pveiso.iso.write.LayoutIsoWriter;
import io.github.pveiso.iso.write.WriteResult;
import io.github.pveiso.iso.write.XorrisoIsoWriter;
import io.github.pveiso.proc.ProcessRunner;
import io.github.pveiso.proxmox.AcquiredIso;
import io.github.pveiso.proxmox.BaseSystemReader;
import io.github.pveiso.proxmox.ProxmoxFirmware;
import io.github.pveiso.proxmox.ProxmoxFirmwareReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The pipeline of {@code plan} and {@code build}: acquire, inspect, plan, stage, write, verify,
 * report. Each stage hands a value to the next; stage times go to the {@link StageTimer}.
 */
public final class BuildPipeline {

  private final Clock clock;
  private final ProcessRunner runner;
  private final EventListener events;
  private final Supplier<Optional<URI>> hostMirror;

  /**
   * Creates the pipeline; {@code hostMirror} finds the host's Debian mirror when not configured.
   */
  public BuildPipeline(
      Clock clock, ProcessRunner runner, EventListener events, Supplier<Optional<URI>> hostMirror) {
    this.clock = clock;
    this.runner = runner;
    this.events = events;
    this.hostMirror = hostMirror;
  }

  /**
   * Acquires and inspects everything and makes the plan; writes no ISO. The source ISO's digest is
   * checked alongside when it is known up front (see {@link SourceCheck}).
   */
  public Planned plan(BuildSettings settings, boolean force, StageTimer timer) {
    Path work = workFolder(settings);
    Acquirer acquirer = Acquirer.create(settings.firmwareCache(), work, clock, events);
    FirmwareCatalog catalog = FirmwareCatalog.load(settings.firmwareCatalog());
    try (SourceCheck check = SourceCheck.start(acquirer, AcquireRequests.iso(settings), timer)) {
      return check.whileChecking(
          () -> plan(settings, force, timer, new Sources(work, acquirer, catalog, check)));
    }
  }

  /** What planning reads from. */
  private record Sources(Path work, Acquirer acquirer, FirmwareCatalog catalog, SourceCheck iso) {}

  private Planned plan(BuildSettings settings, boolean force, StageTimer timer, Sources in) {
    Acquirer acquirer = in.acquirer();
    FirmwareCatalog catalog = in.catalog();
    BaseSystemReader baseReader = new BaseSystemReader(runner, in.work());
    SourceFacts source =
        timer.run(
            "inspect",
            () ->
                new InspectSourceStep(
                        image -> in.iso().baseSystem(image, baseReader, acquirer.cache()))
                    .call(in.iso().path(), force));
    events.info("base system: " + source.baseSystem().detail());
    if (!settings.buildArch().contains(source.architecture())) {
      throw new InvalidInputException(
          "the ISO is "
              + source.architecture()
              + " but build_arch is "
              + String.join(", ", settings.buildArch())
              + "; add "
              + source.architecture()
              + " to build_arch");
    }
    Map<String, Optional<PackageKind>> kinds = new LinkedHashMap<>();
    Map<String, String> requestedBy = new LinkedHashMap<>();
    for (String set : settings.effectiveFirmwareSets()) {
      for (CatalogPackage p : catalog.packagesOf(List.of(set))) {
        if (p.appliesTo(source.architecture())) {
          kinds.putIfAbsent(p.name(), Optional.of(p.kind()));
          requestedBy.putIfAbsent(p.name(), set);
        }
      }
    }
    List<String> names = new ArrayList<>(kinds.keySet());
    names.addAll(settings.extraPackages());
    for (String extra : settings.extraPackages()) {
      String text = extra.strip();
      String name =
          PackageRequest.parse(text.endsWith("?") ? text.substring(0, text.length() - 1) : text)
              .name();
      requestedBy.putIfAbsent(name, "extra_packages");
    }
    AcquireResult fetched =
        timer.run(
            "acquire packages",
            () ->
                fetchPackages(
                    settings,
                    acquirer,
                    source,
                    names,
                    kinds.entrySet().stream()
                        .filter(e -> e.getValue().equals(Optional.of(PackageKind.DRIVER)))
                        .map(Map.Entry::getKey)
                        .collect(java.util.stream.Collectors.toSet())));
    List<Candidate> candidates =
        timer.run(
            "plan",
            () -> {
              List<Candidate> list = new ArrayList<>();
              DebContentsCache reader =
                  new DebContentsCache(acquirer.cache(), new DebContentsReader(), events);
              for (FetchedDeb deb : fetched.packages()) {
                String by = requestedBy.getOrDefault(deb.name(), "dependency");
                list.add(
                    new Candidate(
                        deb.metadata(),
                        deb.url().toString(),
                        deb.path(),
                        kinds.getOrDefault(deb.name(), Optional.empty()),
                        by,
                        reader.read(deb.name(), deb.path(), deb.sha256())));
              }
              return list;
            });
    List<Target> targets = settings.targets().stream().map(Target::of).toList();
    ProxmoxFirmware proxmoxFirmware =
        ProxmoxFirmwareStep.needed(targets, candidates)
            ? timer.run(
                "inspect pve-firmware",
                () ->
                    new ProxmoxFirmwareStep(new ProxmoxFirmwareReader(acquirer.cache(), events))
                        .call(in.iso().path(), source))
            : ProxmoxFirmware.none();
    Plan plan =
        new Planner()
            .plan(
                new PlanInput(
                    source.architecture(),
                    targets,
                    source.packages(),
                    source.basePackages(),
                    candidates,
                    List.of(),
                    proxmoxFirmware,
                    FirmwarePrecedence.of(settings.firmwarePrecedence())));
    return new Planned(
        in.iso().verified(), source, candidates, plan, fetched.skipped(), proxmoxFirmware);
  }

  private AcquireResult fetchPackages(
      BuildSettings settings,
      Acquirer acquirer,
      SourceFacts source,
      List<String> names,
      java.util.Set<String> drivers) {
    if (names.isEmpty()) {
      return new AcquireResult(Optional.empty(), List.of(), List.of(), List.of());
    }
    URI mirror =
        settings
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
            settings.debianRelease(),
            settings.debianComponents(),
            settings.keyrings(),
            Map.of(source.architecture(), names));
    // what /proxmox/packages and the base system have is not fetched again
    List<InstalledPackage> installed = source.installed();
    // a DKMS driver is refused for the system and carries no firmware: its dependencies (Xorg,
    // libraries) are not wanted on the ISO
    return acquirer.acquire(
        new AcquireRequest(Optional.empty(), Optional.of(debian)), installed, drivers);
  }

  /** Plans, stages, writes, verifies and reports; the output appears only when verified. */
  public Built build(BuildSettings settings, boolean force, boolean overwrite, StageTimer timer) {
    Planned planned = plan(settings, force, timer);
    Path output = settings.outputDir().resolve(outputName(settings, planned.iso()));
    if (Files.exists(output) && !overwrite) {
      throw new InvalidInputException(
          "output " + output + " exists; use --overwrite to replace it");
    }
    Staged staged = stage(settings, planned, timer);
    checkFreeSpace(settings.outputDir(), planned.iso().size(), staged);
    IsoVerifier verifier = new IsoVerifier(events);
    java.util.concurrent.atomic.AtomicReference<String> digest =
        new java.util.concurrent.atomic.AtomicReference<>("");
    WriteResult result =
        timer.run(
            "write and verify",
            () ->
                new IsoWriteStep(
                        new LayoutIsoWriter(
                            LayoutIsoWriter.Choice.of(settings.isoWriter()),
                            new GrowingIsoWriter(events),
                            new XorrisoIsoWriter(runner, events, java.time.Duration.ofMinutes(30))),
                        events)
                    .call(
                        planned.iso().path(),
                        planned.source().layout(),
                        staged.changes(),
                        output,
                        written ->
                            digest.set(
                                VerifyAndDigest.run(
                                    written,
                                    () ->
                                        verifier.verify(
                                            planned.iso().path(),
                                            written,
                                            staged.expectedDigests())))));
    return timer.run(
        "report",
        () ->
            new ReportStep(events)
                .call(
                    planned,
                    staged,
                    output,
                    result.strategy(),
                    java.util.Objects.requireNonNull(digest.get())));
  }

  /**
   * Stages {@code planned} under work_dir: the bytes of every file the writer will add or replace,
   * and the change list. Writes no ISO; {@code plan} shows its file list.
   */
  public Staged stage(BuildSettings settings, Planned planned, StageTimer timer) {
    Instant mtime = timestamp(settings, planned.source());
    Path work = workFolder(settings);
    io.github.pveiso.cache.Cache cache =
        Acquirer.create(settings.firmwareCache(), work, clock, events).cache();
    return timer.run(
        "stage",
        () -> {
          try {
            return new StageStep(work.resolve("stage"), mtime, events, cache)
                .call(
                    planned.iso().path(),
                    planned.plan(),
                    planned.candidates(),
                    planned.proxmoxFirmware());
          } catch (IOException e) {
            throw new UncheckedIOException("cannot stage in " + work + ": " + e.getMessage(), e);
          }
        });
  }

  private Path workFolder(BuildSettings settings) {
    try {
      return Files.createDirectories(settings.workDir().resolve("build"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create work_dir " + settings.workDir(), e);
    }
  }

  /** {@code output_name}, or the source's file name with {@code -pveiso} before {@code .iso}. */
  static String outputName(BuildSettings settings, AcquiredIso iso) {
    if (settings.outputName().isPresent()) {
      return settings.outputName().get();
    }
    String name =
        iso.release().map(r -> r.fileName()).orElseGet(() -> lastSegment(iso.source().getPath()));
    return (name.endsWith(".iso") ? name.substring(0, name.length() - 4) : name) + "-pveiso.iso";
  }

  private static String lastSegment(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? path : path.substring(slash + 1);
  }

  /** SOURCE_DATE_EPOCH when set, else the source ISO's volume date. */
  static Instant timestamp(BuildSettings settings, SourceFacts source) {
    if (settings.sourceDateEpoch().isPresent()) {
      return Instant.ofEpochSecond(settings.sourceDateEpoch().get());
    }
    String[] p = source.layout().volumeDateUuid().split("-");
    return java.time.LocalDateTime.of(
            Integer.parseInt(p[0]),
            Integer.parseInt(p[1]),
            Integer.parseInt(p[2]),
            Integer.parseInt(p[3]),
            Integer.parseInt(p[4]),
            Integer.parseInt(p[5]))
        .toInstant(java.time.ZoneOffset.UTC);
  }

  private static void checkFreeSpace(Path outputDir, long sourceSize, Staged staged) {
    long needed =
        sourceSize
            + staged.files().stream()
                .filter(f -> !f.operation().equals("remove"))
                .mapToLong(StagedFile::size)
                .sum();
    try {
      Path dir = Files.createDirectories(outputDir);
      requireFreeSpace(outputDir, needed, Files.getFileStore(dir).getUsableSpace());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create output_dir " + outputDir, e);
    }
  }

  /** Refuses to start writing when the output's folder has less than {@code needed} bytes free. */
  static void requireFreeSpace(Path outputDir, long needed, long free) {
    if (free < needed) {
      throw new InvalidInputException(
          "not enough free space in "
              + outputDir
              + ": the output needs about "
              + needed
              + " bytes, "
              + free
              + " are free; free some space or choose another output_dir");
    }
  }

  /** The output's boot layout, read back. */
  static io.github.pveiso.iso.BootLayout layoutOf(Path iso) {
    try (IsoImage image = IsoImage.open(iso)) {
      return image.bootLayout();
    }
  }
}
