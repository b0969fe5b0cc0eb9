package io.github.pveiso.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pveiso.cli.IsoMutation.Region;
import io.github.pveiso.testing.Fixtures.Fixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Seeded mutations of each fixture ISO (see {@link FuzzRegions}), run through {@code inspect},
 * {@code verify} and {@code verify --against} in process: each must end in exit 0, 2 or 3 with at
 * most one error line, no stack trace, bounded allocation, nothing left behind and within a hang
 * guard (see {@link MutatedIsoCheck}). A failing case prints the {@link IsoMutation} that makes it
 * again; keep it in {@link IsoMutationRegressionTest}. About a fifth of a second per case.
 */
@Tag("slow")
class IsoFuzzTest {
  /** {@code -Dpveiso.fuzzSeed=N} explores other mutations; failures print their own seed. */
  private static final long SEED = Long.getLong("pveiso.fuzzSeed", 15L);

  /** Cases per fixture and region kind ({@code -Dpveiso.fuzzCases=N}). */
  private static final int CASES = Integer.getInteger("pveiso.fuzzCases", 120);

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(Fixture.class)
  void mutationsOfTheFirst64KiBEndCleanly(Fixture fixture) throws IOException {
    fuzz(fixture, 1, FuzzRegions.head());
  }

  @ParameterizedTest
  @EnumSource(Fixture.class)
  void mutationsOfTheDirectoriesEndCleanly(Fixture fixture) throws IOException {
    List<Region> directories = FuzzRegions.directories(fixture.iso());
    assertThat(directories).hasSizeGreaterThan(3);
    fuzz(fixture, 2, directories);
  }

  @ParameterizedTest
  @EnumSource(Fixture.class)
  void mutationsOfTheBootCatalogAndImagesEndCleanly(Fixture fixture) throws IOException {
    List<Region> boot = FuzzRegions.boot(fixture.iso());
    assertThat(boot).hasSizeGreaterThan(1);
    fuzz(fixture, 3, boot);
  }

  private void fuzz(Fixture fixture, int kind, List<Region> regions) throws IOException {
    byte[] image = Files.readAllBytes(fixture.iso());
    MutatedIsoCheck check = new MutatedIsoCheck(dir);
    List<String> failures = new ArrayList<>();
    check.withTemporaryFolder(
        () -> {
          for (int i = 0; i < CASES; i++) {
            IsoMutation mutation =
                IsoMutation.random(fixture, seed(SEED, fixture, kind, i), image, regions);
            List<String> problems = check.problems(mutation);
            if (!problems.isEmpty()) {
              failures.add(mutation.code() + ": " + problems);
            }
          }
        });
    assertThat(failures).isEmpty();
    assertThat(java.util.Arrays.equals(Files.readAllBytes(fixture.iso()), image))
        .as("the fixture is unchanged")
        .isTrue();
  }

  /** The seed of case {@code i}: distinct for every fixture, region kind and case. */
  static long seed(long base, Fixture fixture, int kind, int i) {
    return ((base * 8 + fixture.ordinal()) * 8 + kind) * 100_000 + i;
  }
}
