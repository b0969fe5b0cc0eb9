package io.github.pveiso.iso.verify;

import io.github.pveiso.events.EventListener;
import io.github.pveiso.iso.IsoEntry;
import io.github.pveiso.iso.IsoImage;
import io.github.pveiso.iso.verify.VerificationReport.Check;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Verifies a written ISO by reading it back: on its own (structure consistent), or against the
 * source it was made from (boot provisions and identity kept, every file identical unless the
 * change list replaced it, every changed file with its expected SHA-256, changed files sharing
 * bytes only as whole extents).
 */
public final class IsoVerifier {

  private final EventListener events;

  /** A verifier that reports progress to {@code events}. */
  public IsoVerifier(EventListener events) {
    this.events = events;
  }

  /** Checks the ISO's own structure: catalog, boot images, MBR, GPT (CRCs, backup), APM. */
  public VerificationReport standalone(Path iso) {
    try (IsoImage image = IsoImage.open(iso)) {
      return new VerificationReport(iso.toString(), null, StructureChecks.run(image));
    }
  }

  /**
   * Compares {@code output} with {@code source}.
   *
   * @param changes what the output must hold at every path the change list adds, replaces or
   *     removes
   */
  public VerificationReport compare(
      Path source, Path output, Map<String, ExpectedContent> changes) {
    return compareFiles(source, output, changes);
  }

  /**
   * Compares {@code output} with {@code source} when no change list is known (the CLI's {@code
   * verify --against}): boot provisions and identity as strictly, files that differ or were added
   * as warnings, missing source files as failures.
   */
  public VerificationReport compareWithoutChangeList(Path source, Path output) {
    return compareFiles(source, output, null);
  }

  private VerificationReport compareFiles(
      Path source, Path output, @Nullable Map<String, ExpectedContent> changes) {
    try (IsoImage src = IsoImage.open(source)) {
      return compareFiles(src, output, changes);
    }
  }

  private VerificationReport compareFiles(
      IsoImage src, Path output, @Nullable Map<String, ExpectedContent> changes) {
    try (IsoImage out = IsoImage.open(output)) {
      List<Check> checks = new ArrayList<>(StructureChecks.run(out));
      checks.addAll(IdentityChecks.run(src, out));
      checks.addAll(BootChecks.run(src, out));
      checks.addAll(SizeChecks.run(src, out));
      events.info("comparing the files of " + output + " with " + src.path());
      checks.addAll(new FileChecks(events).run(src, out, changes));
      checks.add(SharedExtents.run(out, changedPaths(src, out, changes)));
      return new VerificationReport(output.toString(), src.path().toString(), checks);
    }
  }

  /**
   * A verified image that the output shares most of its bytes with: another ISO of the same build
   * (one per node), written from the same base.
   *
   * @param image the verified image
   * @param changes the change list its verification was given
   */
  public record Sibling(Path image, Map<String, ExpectedContent> changes) {
    /** Copies the map. */
    public Sibling {
      changes = Map.copyOf(changes);
    }
  }

  /**
   * What {@link #verifyBeside} found.
   *
   * @param report every check, all passed
   * @param samePrefix how many leading bytes the output shares with the sibling
   */
  public record Beside(VerificationReport report, long samePrefix) {}

  /**
   * Verifies {@code output} against {@code source} as {@link #verify(IsoImage, Path, Map)} does,
   * with every check, but reads again only what a verified {@code sibling} does not vouch for: the
   * two images are compared from their first byte to their first difference, and an entry whose
   * bytes lie wholly before it, at the sibling's place for that path and with the same expectation
   * there, is the sibling's (see {@link SiblingEntries}). Everything else is read and compared with
   * the source or hashed, as without a sibling.
   *
   * @throws io.github.pveiso.VerificationException with the first failed check's one-line message
   */
  public Beside verifyBeside(
      IsoImage source, Path output, Map<String, ExpectedContent> changes, Sibling sibling) {
    events.info("comparing " + output + " with " + sibling.image());
    long same = PrefixCompare.samePrefix(sibling.image(), output);
    return new Beside(verifyBeside(source, output, changes, sibling, same), same);
  }

  /**
   * As {@link #verifyBeside(IsoImage, Path, Map, Sibling)}, where the output's first {@code
   * samePrefix} bytes are the sibling's by how it was written (a copy of them), so they are not
   * read to find where the two differ. Every check still runs on the output's own bytes: its
   * descriptors, folder records, boot catalog, boot images and system area are read from it, and an
   * entry is the sibling's only where its record gives the sibling's extents, wholly inside that
   * prefix.
   *
   * @throws io.github.pveiso.VerificationException with the first failed check's one-line message
   */
  public VerificationReport verifyBeside(
      IsoImage source,
      Path output,
      Map<String, ExpectedContent> changes,
      Sibling sibling,
      long samePrefix) {
    try (IsoImage out = IsoImage.open(output);
        IsoImage twin = IsoImage.open(sibling.image())) {
      List<Check> checks = new ArrayList<>(StructureChecks.run(out));
      checks.addAll(IdentityChecks.run(source, out));
      checks.addAll(BootChecks.run(source, out));
      checks.addAll(SizeChecks.run(source, out));
      checks.addAll(
          new FileChecks(events)
              .run(
                  source,
                  out,
                  changes,
                  new SiblingEntries(twin, sibling.changes(), changes, samePrefix)));
      checks.add(SharedExtents.run(out, changedPaths(source, out, changes)));
      return new VerificationReport(output.toString(), source.path().toString(), checks).orThrow();
    }
  }

  /**
   * The paths whose bytes the output wrote anew: what the change list adds or replaces, or without
   * a change list every file the source lacks.
   */
  private static Set<String> changedPaths(
      IsoImage src, IsoImage out, @Nullable Map<String, ExpectedContent> changes) {
    Set<String> paths = new TreeSet<>();
    if (changes != null) {
      changes.forEach(
          (path, expected) -> {
            if (expected instanceof ExpectedContent.Digest) {
              paths.add(path);
            }
          });
      return paths;
    }
    for (IsoEntry e : out.entries()) {
      if (e.isFile() && src.find(e.path()).isEmpty()) {
        paths.add(e.path());
      }
    }
    return paths;
  }

  /**
   * Compares and throws on the first failure.
   *
   * @throws io.github.pveiso.VerificationException with the first failed check's one-line message
   */
  public VerificationReport verify(Path source, Path output, Map<String, ExpectedContent> changes) {
    return compare(source, output, changes).orThrow();
  }

  /**
   * As {@link #verify(Path, Path, Map)}, with the source already open (a build opens it once).
   *
   * @throws io.github.pveiso.VerificationException with the first failed check's one-line message
   */
  public VerificationReport verify(
      IsoImage source, Path output, Map<String, ExpectedContent> changes) {
    return compareFiles(source, output, changes).orThrow();
  }
}
