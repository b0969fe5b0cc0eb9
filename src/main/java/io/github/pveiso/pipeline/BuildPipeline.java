package io.github.pveiso.pipeline;

import io.github.pveiso.InvalidInputException;
import io.github.pveiso.acquire.AcquireResult;
import io.github.pveiso.acquire.Acquirer;
import io.github.pveiso.config.BuildSettings;
import io.github.pveiso.events.EventListener;
import io.github.pveiso.events.StageTimer;
import io.github.pveiso.iso.IsoImage;
import io.github.pveiso.iso.write.PendingIso;
import io.github.pveiso.pipeline.plan.BootMenuPlan;
import io.github.pveiso.pipeline.plan.PlanBootMenuStep;
import io.github.pveiso.pipeline.stage.StageAutoInstallStep;
import io.github.pveiso.pipeline.stage.StageBootMenuStep;
import io.github.pveiso.pipeline.stage.StageStep;
import io.github.pveiso.pipeline.stage.Staged;
import io.github.pveiso.proc.ProcessRunner;
import io.github.pveiso.proxmox.AcquiredIso;
import io.github.pveiso.proxmox.BaseSystemReader;
import io.github.pveiso.proxmox.answer.AutoInstallSetup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The build as a list of steps, each a class that takes the values of the steps before it and
 * returns its own: resolve the request, acquire the ISO, inspect, check the automated installation,
 * acquire packages, plan the boot menu, plan, stage (packages, then the automated installation,
 * then the boot menu), write, verify, report. {@code fetch} runs them up to acquire packages,
 * {@code plan} up to stage, {@code build} all of them. One {@link Acquirer} and one open source
 * image serve the whole run; stage times go to the {@link StageTimer}.
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

  /** The steps up to acquire packages: everything the build would download, verified. */
  public Fetched fetch(BuildSettings settings, boolean force, StageTimer timer) {
    return run(
        settings,
        force,
        timer,
        run -> {
          AcquiredIso iso = run.check().verified();
          AcquireResult packages = run.packages();
          return new Fetched(
              new AcquireResult(
                  Optional.of(iso), packages.packages(), packages.indexes(), packages.skipped()),
              run.source());
        });
  }

  /** The steps up to plan: what the build would do with each package; stages nothing. */
  public Planned plan(BuildSettings settings, boolean force, StageTimer timer) {
    return run(settings, force, timer, Run::planned);
  }

  /** The steps up to stage: the plan and every file the build would add, replace or remove. */
  public Staging planAndStage(BuildSettings settings, boolean force, StageTimer timer) {
    return run(
        settings,
        force,
        timer,
        run -> {
          Planned planned = run.planned();
          return new Staging(planned, run.staged(planned));
        });
  }

  /** Every step: the output appears only when it has been verified. */
  public Built build(BuildSettings settings, boolean force, boolean overwrite, StageTimer timer) {
    return run(
        settings,
        force,
        timer,
        run -> {
          Planned planned = run.planned();
          Path output = settings.outputDir().resolve(outputName(settings, planned.iso()));
          if (Files.exists(output) && !overwrite) {
            throw new InvalidInputException(
                "output " + output + " exists; use --overwrite to replace it");
          }
          Staged staged = run.staged(planned);
          VerifyStep.Verified verified =
              timer.run(
                  "write and verify",
                  () -> {
                    try (PendingIso written =
                        new WriteStep(runner, events).call(planned, staged, settings, output)) {
                      return new VerifyStep(events).call(run.image(), written, staged);
                    }
                  });
          return timer.run("report", () -> new ReportStep(events).call(planned, staged, verified));
        });
  }

  /** What the steps share within one run, and the steps up to stage, each run once. */
  private final class Run {
    private final BuildRequest request;
    private final Path work;
    private final Acquirer acquirer;
    private final SourceCheck check;
    private final IsoImage image;
    private final StageTimer timer;
    private final SourceFacts source;
    private final Optional<AutoInstallSetup> autoInstall;
    private final AcquireResult packages;

    Run(
        BuildRequest request,
        Path work,
        Acquirer acquirer,
        SourceCheck check,
        IsoImage image,
        StageTimer timer,
        boolean force) {
      this.request = request;
      this.work = work;
      this.acquirer = acquirer;
      this.check = check;
      this.image = image;
      this.timer = timer;
      this.source =
          timer.run(
              "inspect",
              () ->
                  new InspectSourceStep(new BaseSystemReader(runner, work), acquirer.cache())
                      .call(request, check, image, force));
      events.info("base system: " + source.baseSystem().detail());
      this.autoInstall = new CheckAutoInstallStep().call(request, source);
      this.packages =
          timer.run(
              "acquire packages",
              () -> new AcquirePackagesStep(acquirer, hostMirror).call(request, source));
    }

    SourceCheck check() {
      return check;
    }

    IsoImage image() {
      return image;
    }

    SourceFacts source() {
      return source;
    }

    AcquireResult packages() {
      return packages;
    }

    Planned planned() {
      return timer.run(
          "plan",
          () -> {
            // installer_firmware's argument waits for /installer-firmware, which needs
            // pve-firmware's list (ProxmoxFirmware): until the pipeline reads it, no argument
            // points the installer's kernel at a folder the build does not add
            BootMenuPlan bootMenu =
                new PlanBootMenuStep(PlanBootMenuStep.change(request.settings(), false), events)
                    .call(image);
            return new PlanStep(acquirer.cache(), events)
                .call(request, source, packages, check.verified(), bootMenu);
          });
    }

    Staged staged(Planned planned) {
      Instant mtime = timestamp(request.settings(), planned.source());
      return timer.run(
          "stage",
          () -> {
            Path stage = work.resolve("stage");
            try {
              Staged staged =
                  new StageStep(stage, mtime, events, acquirer.cache())
                      .call(image, planned.plan(), planned.candidates())
                      .plus(
                          new StageAutoInstallStep(stage.resolve("auto-install"), mtime)
                              .call(image, autoInstall));
              return new StageBootMenuStep(stage, mtime).call(planned.bootMenu(), staged);
            } catch (IOException e) {
              throw new UncheckedIOException("cannot stage in " + work + ": " + e.getMessage(), e);
            }
          });
    }
  }

  private <T> T run(
      BuildSettings settings,
      boolean force,
      StageTimer timer,
      java.util.function.Function<Run, T> rest) {
    BuildRequest request = new ResolveRequestStep().call(settings);
    Path work = workFolder(settings);
    Acquirer acquirer = Acquirer.create(settings.firmwareCache(), work, clock, events);
    try (SourceCheck check = new AcquireIsoStep(acquirer, timer).call(request)) {
      return check.whileChecking(
          () -> {
            try (IsoImage image = IsoImage.open(check.path())) {
              return rest.apply(new Run(request, work, acquirer, check, image, timer, force));
            }
          });
    }
  }

  private static Path workFolder(BuildSettings settings) {
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
    return LocalDateTime.of(
            Integer.parseInt(p[0]),
            Integer.parseInt(p[1]),
            Integer.parseInt(p[2]),
            Integer.parseInt(p[3]),
            Integer.parseInt(p[4]),
            Integer.parseInt(p[5]))
        .toInstant(ZoneOffset.UTC);
  }
}
