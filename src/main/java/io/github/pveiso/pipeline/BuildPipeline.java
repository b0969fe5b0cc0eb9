package io.github.pveiso.pipeline;

import io.github.pveiso.RunOwner;
import io.github.pveiso.acquire.AcquireResult;
import io.github.pveiso.acquire.Acquirer;
import io.github.pveiso.config.BuildSettings;
import io.github.pveiso.events.EventListener;
import io.github.pveiso.events.StageTimer;
import io.github.pveiso.iso.IsoImage;
import io.github.pveiso.iso.write.WriteResult;
import io.github.pveiso.pipeline.plan.BootMenuPlan;
import io.github.pveiso.pipeline.plan.InstallerFirmwarePlan;
import io.github.pveiso.pipeline.plan.Plan;
import io.github.pveiso.pipeline.plan.PlanBootMenuStep;
import io.github.pveiso.pipeline.plan.PlanInstallerFirmwareStep;
import io.github.pveiso.pipeline.stage.StageAutoInstallStep;
import io.github.pveiso.pipeline.stage.StageBootMenuStep;
import io.github.pveiso.pipeline.stage.StageInstallerFirmwareStep;
import io.github.pveiso.pipeline.stage.StageStep;
import io.github.pveiso.pipeline.stage.Staged;
import io.github.pveiso.proc.ProcessRunner;
import io.github.pveiso.proxmox.AcquiredIso;
import io.github.pveiso.proxmox.BaseSystemReader;
import io.github.pveiso.proxmox.ProxmoxFirmware;
import io.github.pveiso.proxmox.ProxmoxFirmwareReader;
import io.github.pveiso.proxmox.answer.AutoInstallSetup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The build as a list of steps, each a class that takes the values of the steps before it and
 * returns its own: resolve the request, acquire the ISO, inspect, check the automated installation,
 * acquire packages, read packages (the boot menu checked first), inspect pve-firmware, plan the
 * packages, the installer's firmware and the boot menu, stage (packages, then the automated
 * installation, then the boot menu, then the installer's firmware), write, verify, report. {@code
 * fetch} runs them up to acquire packages, {@code plan} up to stage, {@code build} all of them. One
 * {@link Acquirer} and one open source image serve the whole run; stage times go to the {@link
 * StageTimer}. With {@code answer_dir}, {@link NodeBuilds} writes, verifies and reports one ISO per
 * node.
 *
 * <p>Over 300 lines because this is the one place where the order of the steps is written down:
 * each step is a class of its own, and what is left here is which value goes into which step, in
 * order, for each command; split, that order would be spread over several files.
 */
public final class BuildPipeline {

  private final Clock clock;
  private final ProcessRunner runner;
  private final EventListener events;
  private final Supplier<Optional<URI>> hostMirror;
  private final boolean rehash;

  /**
   * Creates the pipeline; {@code hostMirror} finds the host's Debian mirror when not configured.
   */
  public BuildPipeline(
      Clock clock, ProcessRunner runner, EventListener events, Supplier<Optional<URI>> hostMirror) {
    this(clock, runner, events, hostMirror, false);
  }

  private BuildPipeline(
      Clock clock,
      ProcessRunner runner,
      EventListener events,
      Supplier<Optional<URI>> hostMirror,
      boolean rehash) {
    this.clock = clock;
    this.runner = runner;
    this.events = events;
    this.hostMirror = hostMirror;
    this.rehash = rehash;
  }

  /**
   * This pipeline, hashing every input again when {@code rehash} ({@code --rehash}): the source ISO
   * and every cached file, even those unchanged since pveiso last hashed them (see {@link
   * io.github.pveiso.cache.KnownDigests}).
   */
  public BuildPipeline rehashing(boolean rehash) {
    return new BuildPipeline(clock, runner, events, hostMirror, rehash);
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

  /**
   * The steps up to stage: the plan and every file the build would add, replace or remove; with
   * {@code answer_dir}, the files all nodes share and each node's own.
   */
  public Staging planAndStage(BuildSettings settings, boolean force, StageTimer timer) {
    return run(
        settings,
        force,
        timer,
        run -> {
          Planned planned = run.planned();
          return run.request().nodes().isEmpty()
              ? new Staging(planned, run.staged(planned), List.of())
              : run.nodeStaging(planned);
        });
  }

  /**
   * Every step, for one ISO or, with {@code answer_dir}, one per node (sorted by name): each
   * appears only when it has been verified, with its side files (see {@link OutputClaim}); a second
   * build of the same output meanwhile fails at once.
   */
  public List<Built> buildAll(
      BuildSettings settings, boolean force, boolean overwrite, StageTimer timer) {
    if (settings.answerDir().isEmpty()) {
      return List.of(build(settings, force, overwrite, timer));
    }
    return run(
        settings,
        force,
        timer,
        run -> {
          Planned planned = run.planned();
          String name = OutputNames.of(settings, planned.iso());
          NodeBuilds.refuseExisting(settings, name, run.request().nodes(), overwrite);
          return new NodeBuilds(runner, events, timer, run.owner(), overwrite)
              .call(run.image(), run.nodeStaging(planned), settings, run.work());
        });
  }

  /**
   * Every step: the output appears only when it has been verified, with its side files (see {@link
   * OutputClaim}); a second build of the same output meanwhile fails at once. Not for {@code
   * answer_dir}.
   */
  public Built build(BuildSettings settings, boolean force, boolean overwrite, StageTimer timer) {
    if (settings.answerDir().isPresent()) {
      throw new IllegalArgumentException("answer_dir makes one ISO per node: use buildAll");
    }
    return run(
        settings,
        force,
        timer,
        run -> {
          Planned planned = run.planned();
          Path output = settings.outputDir().resolve(OutputNames.of(settings, planned.iso()));
          try (OutputClaim claim = OutputClaim.claim(output, run.owner(), overwrite, events)) {
            Staged staged = run.staged(planned);
            VerifyStep.Verified verified =
                timer.run(
                    "write and verify",
                    () -> {
                      // the output is hashed as it is written, then while it is verified
                      try (FollowingDigest digest = FollowingDigest.of(claim.isoTemp())) {
                        WriteResult written =
                            new WriteStep(runner, events)
                                .call(planned, staged, settings, claim.isoTemp(), digest);
                        return new VerifyStep(events).call(run.image(), written, staged, digest);
                      }
                    });
            return timer.run(
                "report", () -> new ReportStep(events).call(planned, staged, verified, claim));
          }
        });
  }

  /** What the steps share within one run, and the steps up to stage, each run once. */
  private final class Run {
    private final BuildRequest request;
    private final RunOwner owner;
    private final Path work;
    private final Acquirer acquirer;
    private final SourceCheck check;
    private final IsoImage image;
    private final StageTimer timer;
    private final SourceFacts source;
    private final CheckAutoInstallStep.Checked autoInstall;
    private final AcquireResult packages;

    Run(
        BuildRequest request,
        RunOwner owner,
        Path work,
        Acquirer acquirer,
        SourceCheck check,
        IsoImage image,
        StageTimer timer,
        boolean force) {
      this.request = request;
      this.owner = owner;
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

    RunOwner owner() {
      return owner;
    }

    /** The run's own folder under {@code work_dir}, removed when the run ends. */
    Path work() {
      return work;
    }

    BuildRequest request() {
      return request;
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

    /**
     * Read packages, inspect pve-firmware, plan the packages, the installer's firmware and the boot
     * menu. The stage timed as {@code plan} is reading the packages (deciding takes no time); what
     * the user asked of the boot menu is refused before that when the menu cannot take it. {@code
     * inspect pve-firmware} runs and shows only when the plan may send Debian firmware to the
     * system or to {@code /installer-firmware}, since cold it takes many seconds.
     */
    Planned planned() {
      BuildSettings settings = request.settings();
      Candidates candidates =
          timer.run(
              "plan",
              () -> {
                new PlanBootMenuStep(PlanBootMenuStep.change(settings), EventListener.NONE)
                    .call(image);
                return new ReadPackagesStep(acquirer.cache(), events)
                    .call(request, source, packages);
              });
      ProxmoxFirmware proxmoxFirmware =
          ProxmoxFirmwareStep.needed(request, candidates)
              ? timer.run(
                  "inspect pve-firmware",
                  () ->
                      new ProxmoxFirmwareStep(new ProxmoxFirmwareReader(acquirer.cache(), events))
                          .call(image, source, check))
              : ProxmoxFirmware.none();
      Plan plan = new PlanStep().call(request, source, candidates, proxmoxFirmware);
      InstallerFirmwarePlan installerFirmware =
          new PlanInstallerFirmwareStep().call(settings, plan, candidates.all(), proxmoxFirmware);
      // installer_firmware's argument only where /installer-firmware will be staged
      BootMenuPlan bootMenu =
          new PlanBootMenuStep(PlanBootMenuStep.change(settings, installerFirmware.on()), events)
              .call(image);
      // and the folder only where the menu got the argument (no argument, no folder)
      installerFirmware = installerFirmware.reaching(bootMenu);
      return new Planned(
          check.verified(),
          source,
          candidates.all(),
          plan,
          packages.skipped(),
          proxmoxFirmware,
          installerFirmware,
          bootMenu);
    }

    Staged staged(Planned planned) {
      Instant mtime = planned.source().timestamp(request.settings().sourceDateEpoch());
      return timer.run("stage", () -> staged(planned, mtime, autoInstall.single()));
    }

    /**
     * With {@code answer_dir}: the packages and the boot menu staged once for all nodes, then each
     * node's automated installation under a folder of its own.
     */
    Staging nodeStaging(Planned planned) {
      Instant mtime = planned.source().timestamp(request.settings().sourceDateEpoch());
      String name = OutputNames.of(request.settings(), planned.iso());
      return timer.run(
          "stage",
          () -> {
            Staged shared = staged(planned, mtime, Optional.empty());
            List<Staging.Node> nodes = new ArrayList<>();
            autoInstall
                .nodes()
                .forEach(
                    (node, setup) ->
                        nodes.add(
                            new Staging.Node(
                                node,
                                OutputNames.node(name, node),
                                new StageAutoInstallStep(
                                        work.resolve("stage/nodes").resolve(node), mtime)
                                    .call(image, Optional.of(setup)))));
            return new Staging(planned, shared, nodes);
          });
    }

    /**
     * The packages, then the automated installation of {@code auto}, then the boot menu, then
     * {@code /installer-firmware} (only when the menu got its argument).
     */
    private Staged staged(Planned planned, Instant mtime, Optional<AutoInstallSetup> auto) {
      Path stage = work.resolve("stage");
      try {
        Staged staged =
            new StageStep(stage, mtime, events, acquirer.cache(), planned.source().baseSystem())
                .call(image, planned.plan(), planned.candidates(), planned.proxmoxFirmware())
                .plus(
                    new StageAutoInstallStep(stage.resolve("auto-install"), mtime)
                        .call(image, auto));
        staged = new StageBootMenuStep(stage, mtime).call(planned.bootMenu(), staged);
        return new StageInstallerFirmwareStep(stage.resolve("installer-firmware"), mtime)
            .call(staged, planned.bootMenu(), planned.proxmoxFirmware());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot stage in " + work + ": " + e.getMessage(), e);
      }
    }
  }

  /**
   * Runs {@code rest} with the steps up to acquire packages done, in a folder of the run's own
   * under {@code work_dir} that is removed when the run ends (see {@link RunFolder}).
   */
  private <T> T run(
      BuildSettings settings,
      boolean force,
      StageTimer timer,
      java.util.function.Function<Run, T> rest) {
    BuildRequest request = new ResolveRequestStep().call(settings);
    RunOwner owner = RunOwner.next();
    try (RunFolder folder = RunFolder.create(settings.workDir(), owner, events)) {
      Path work = folder.path();
      try (Acquirer acquirer =
              Acquirer.create(settings.firmwareCache(), work, clock, events, rehash);
          SourceCheck check = new AcquireIsoStep(acquirer, timer).call(request)) {
        return check.whileChecking(
            () -> {
              try (IsoImage image = IsoImage.open(check.path())) {
                return rest.apply(
                    new Run(request, owner, work, acquirer, check, image, timer, force));
              }
            });
      }
    }
  }
}
