package io.github.pveiso.pipeline;

import io.github.pveiso.InvalidInputException;
import io.github.pveiso.RunOwner;
import io.github.pveiso.config.BuildSettings;
import io.github.pveiso.events.Event;
import io.github.pveiso.events.EventListener;
import io.github.pveiso.events.StageTimer;
import io.github.pveiso.iso.BootLayout;
import io.github.pveiso.iso.IsoImage;
import io.github.pveiso.iso.write.LayoutIsoWriter;
import io.github.pveiso.iso.write.NodeLayout;
import io.github.pveiso.iso.write.WriteResult;
import io.github.pveiso.pipeline.stage.Staged;
import io.github.pveiso.pipeline.stage.StagedFile;
import io.github.pveiso.proc.ProcessRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * Writes, verifies and reports the ISOs of an {@code answer_dir} build, one per node. The changes
 * every node shares (packages, firmware, the boot menu) are written once, into a base image in the
 * run's folder under {@code work_dir} that is never published and goes with that folder; each
 * node's ISO is then the base grown by that node's automated-installation files. Where the Java
 * writer grows the base the nodes are laid out alike ({@link NodeLayout}): the first is grown from
 * the base, each next one is a kernel copy of the first with its own tail written again, so an
 * extra node costs about a copy, and its verification and SHA-256 read only that tail again beside
 * the first (see {@link VerifyNodeStep}). Without shared changes the nodes grow the source itself.
 * Each node's output is claimed and published as a single build's is (see {@link OutputClaim}); its
 * verification and publishing run beside the writing of the next nodes ({@link NodeQueue}).
 */
final class NodeBuilds {

  /**
   * How many nodes may be verified and published at once while the next is written: the first
   * node's full verification takes about as long as three copies, which are made meanwhile.
   */
  static final int AHEAD = 3;

  private final ProcessRunner runner;
  private final EventListener events;
  private final StageTimer timer;
  private final RunOwner owner;
  private final boolean overwrite;

  NodeBuilds(
      ProcessRunner runner,
      EventListener events,
      StageTimer timer,
      RunOwner owner,
      boolean overwrite) {
    this.runner = runner;
    this.events = events;
    this.timer = timer;
    this.owner = owner;
    this.overwrite = overwrite;
  }

  /**
   * Refuses to start when a node's output is there already, unless {@code overwrite}; before
   * anything is staged.
   *
   * @param name the output's name without nodes ({@link OutputNames#of})
   */
  static void refuseExisting(
      BuildSettings settings, String name, List<BuildRequest.Node> nodes, boolean overwrite) {
    List<Path> existing =
        nodes.stream()
            .map(n -> settings.outputDir().resolve(OutputNames.node(name, n.name())))
            .filter(Files::exists)
            .toList();
    if (!existing.isEmpty() && !overwrite) {
      throw new InvalidInputException(
          "output "
              + existing.get(0)
              + (existing.size() > 1 ? " (and " + (existing.size() - 1) + " more)" : "")
              + " exists; use --overwrite to replace it");
    }
  }

  /**
   * Builds every node's ISO, in order.
   *
   * @param source the source ISO, open
   * @param staging what every node's ISO adds, and each node's own
   * @param work the run's own folder, where the base image is written
   */
  List<Built> call(IsoImage source, Staging staging, BuildSettings settings, Path work) {
    Planned planned = staging.planned();
    Staged shared = staging.staged();
    List<Node> nodes =
        staging.nodes().stream()
            .map(n -> new Node(n.name(), n.staged(), settings.outputDir().resolve(n.output())))
            .toList();
    checkFreeSpace(settings.outputDir(), work, planned.iso().size(), shared, nodes);
    WriteStep write = new WriteStep(runner, events);
    // without shared changes the nodes grow the source, whose layout inspect already read
    Path from = planned.iso().path();
    BootLayout baseLayout = planned.source().layout();
    if (!shared.changes().isEmpty()) {
      Path baseFile = work.resolve("base.iso");
      from =
          timer
              .run(
                  "write shared",
                  () ->
                      write.write(
                          planned.iso().path(),
                          planned.source().layout(),
                          shared.changes(),
                          settings,
                          baseFile))
              .output();
      try (IsoImage image = IsoImage.open(from)) {
        baseLayout = image.bootLayout();
      }
    }
    Path base = from;
    BootLayout layout = baseLayout;
    Optional<NodeLayout> alike =
        NodeLayout.of(
            base,
            layout,
            nodes.stream().map(n -> n.staged().changes()).toList(),
            LayoutIsoWriter.Choice.of(settings.isoWriter()),
            events);
    VerifyNodeStep verify =
        new VerifyNodeStep(
            events, alike.map(a -> OptionalLong.of(a.sharedBytes())).orElse(OptionalLong.empty()));
    // the first node is the reference the next ones are copied from and verified beside: its
    // verification reads its whole ISO, each next one's only its own tail again, and only once the
    // first has been verified and published (NodeQueue runs them in order, each beside the writing
    // of the next ones)
    List<Built> built = new ArrayList<>();
    // the first node's ISO, open from when it is written: each next one is copied from it while it
    // is verified and moved into place (an open file stays the same file)
    AtomicReference<@Nullable FileChannel> first = new AtomicReference<>();
    // each node is timed from where the one before ended (its publishing), so the nodes' times add
    // up to the time they took together
    AtomicReference<Instant> ended = new AtomicReference<>(timer.now());
    // grown from the base one by one when the nodes are not laid out alike; otherwise the first
    // grown from it and kept open, each next one a copy of the first with its own tail
    NodeWriter writer =
        (index, target) -> {
          if (alike.isEmpty()) {
            return write.write(base, layout, nodes.get(index).staged().changes(), settings, target);
          } else if (index > 0) {
            FileChannel copied = Objects.requireNonNull(first.get());
            return alike.get().writeBeside(index, copied, nodes.get(0).output(), target);
          }
          // with shared changes the base is the run's own file, which nothing reads again: node
          // 1 takes it over; without, the nodes grow the user's source, which is copied
          WriteResult written =
              shared.changes().isEmpty()
                  ? alike.get().write(index, target)
                  : alike.get().writeInPlace(index, target);
          try {
            first.set(FileChannel.open(written.output(), StandardOpenOption.READ));
          } catch (IOException e) {
            throw new UncheckedIOException(
                "cannot read " + written.output() + ": " + e.getMessage(), e);
          }
          return written;
        };
    try (NodeQueue<Built> queue = new NodeQueue<>(AHEAD)) {
      for (int i = 0; i < nodes.size(); i++) {
        Node node = nodes.get(i);
        String stage = "node " + node.name();
        Staged staged = shared.plus(node.staged());
        events.on(new Event.StageStarted(stage));
        OutputClaim claim = OutputClaim.claim(node.output(), owner, overwrite, events);
        WriteResult written;
        try {
          written = writer.write(i, claim.isoTemp());
          built.addAll(queue.awaitRoom());
        } catch (RuntimeException | Error e) {
          claim.close();
          throw e;
        }
        queue.start(
            "verify " + written.output(),
            () -> {
              try (claim) {
                return verifyAndReport(verify, source, planned, staged, written, claim)
                    .forNode(node.name());
              } finally {
                ended.set(timer.finished(stage, Objects.requireNonNull(ended.get())));
              }
            },
            claim::close);
      }
      built.addAll(queue.awaitAll());
    } finally {
      FileChannel open = first.get();
      if (open != null) {
        try {
          open.close();
        } catch (IOException e) {
          events.debug("cannot close " + nodes.get(0).output() + "'s copy source: " + e);
        }
      }
    }
    return built;
  }

  /** Writes node {@code index}'s ISO to {@code target}. */
  private interface NodeWriter {
    WriteResult write(int index, Path target);
  }

  private Built verifyAndReport(
      VerifyNodeStep verify,
      IsoImage source,
      Planned planned,
      Staged staged,
      WriteResult written,
      OutputClaim claim) {
    VerifyStep.Verified verified = verify.call(source, written, staged, claim.output());
    return new ReportStep(events).call(planned, staged, verified, claim);
  }

  /**
   * One node's ISO.
   *
   * @param name the node
   * @param staged its own changes
   * @param output where its ISO goes
   */
  record Node(String name, Staged staged, Path output) {}

  /**
   * Refuses to start without room for every node's ISO in {@code output_dir} and the base in {@code
   * work}, each about the source plus the shared files plus the longest node's file at each of the
   * nodes' paths; both on one file system, for all of them together.
   */
  private static void checkFreeSpace(
      Path outputDir, Path work, long sourceSize, Staged shared, List<Node> nodes) {
    // each node's files get as many blocks as the longest at their path (see NodeLayout)
    Map<String, Long> longest = new HashMap<>();
    for (Node n : nodes) {
      for (StagedFile f : n.staged().files()) {
        if (!f.operation().equals("remove")) {
          longest.merge(f.isoPath(), f.size(), Math::max);
        }
      }
    }
    long own = longest.values().stream().mapToLong(Long::longValue).sum();
    long each = sourceSize + written(shared) + own;
    long outputs = each * nodes.size();
    long base = shared.changes().isEmpty() ? 0 : each;
    try {
      Path dir = Files.createDirectories(outputDir);
      FileStore outputStore = Files.getFileStore(dir);
      FileStore workStore = Files.getFileStore(work);
      if (outputStore.equals(workStore)) {
        WriteStep.requireFreeSpace(outputDir, outputs + base, outputStore.getUsableSpace());
      } else {
        WriteStep.requireFreeSpace(outputDir, outputs, outputStore.getUsableSpace());
        WriteStep.requireFreeSpace(work, base, workStore.getUsableSpace());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create output_dir " + outputDir, e);
    }
  }

  private static long written(Staged staged) {
    return staged.files().stream()
        .filter(f -> !f.operation().equals("remove"))
        .mapToLong(StagedFile::size)
        .sum();
  }
}
