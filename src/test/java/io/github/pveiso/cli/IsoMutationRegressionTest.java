package io.github.pveiso.cli;

import io.github.pveiso.cli.IsoMutation.Patch;
import io.github.pveiso.testing.Fixtures.Fixture;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutations {@link IsoFuzzTest} found that once made pveiso fail, kept as the seed that made them
 * and their patches; each must now end cleanly (see {@link MutatedIsoCheck}).
 */
class IsoMutationRegressionTest {
  @TempDir Path dir;

  private void assertClean(IsoMutation mutation) {
    MutatedIsoCheck check = new MutatedIsoCheck(dir);
    check.withTemporaryFolder(() -> check.assertClean(mutation));
  }

  @Test
  void theUnchangedFixturesPass() {
    for (Fixture fixture : Fixture.values()) {
      assertClean(new IsoMutation(fixture, 0, List.of(new Patch(0, ""))));
    }
  }

  /**
   * A copied run of boot code over /proxmox/packages left a record with a PX entry of no data: exit
   * 4 (ArrayIndexOutOfBoundsException) from all commands.
   */
  @Test
  void aPosixEntryWithoutData() {
    assertClean(
        new IsoMutation(
            Fixture.APPENDED,
            8847L,
            List.of(
                new Patch(53490, "04"),
                new Patch(53400, "10"),
                new Patch(
                    55498,
                    "000000000031d25049b8000000000000000048b9000000000000000048be000000000000000048bf"
                        + "000000000000000048b80000000000000000ffd048a3000000000000000048b80000000000"
                        + "00000048a300000000000000005ac35048b80000000000000000488b3848b8000000000000"
                        + "0000ffd031d2"),
                new Patch(55621, "54"))));
  }

  /**
   * A copied run of arm64 code over /proxmox gave a directory a name with line breaks: the error
   * that named it came out on three lines.
   */
  @Test
  void aDirectoryNameWithLineBreaks() {
    assertClean(
        new IsoMutation(
            Fixture.ARM64,
            70931L,
            List.of(
                new Patch(50898, "ff"),
                new Patch(
                    49396,
                    "e1a30079e10315aa000040f9000040f90000009460f4ffb4012840b921f42736172040f9e00a40"
                        + "f9c0f3ffb4140000900000009082008052810240f9000040f94cfeff97e0faff35f50a40f9"
                        + "a00a40f9c00300b50000009082008052810240f9000040f943feff97c0f9ff350000009082"
                        + "008052810240f9000040f93dfeff9700f9ff35f70a40f918000090e00a40f980f0ffb4e102"
                        + "40f9210300b4000340f900000094f50300aac0f7ffb4810240f982008052"
                        + "2ffeff97e0010034e00315aa00000094b7ffff17a00a40b960000035b5a20091deffff17"
                        + "8102"),
                new Patch(49124, "20"),
                new Patch(52364, "04"))));
  }
}
