package io.github.pveiso.iso.write;

import io.github.pveiso.iso.BootLayout;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a copy of an ISO with changes, keeping its identity: volume id, volume-date UUID, every El
 * Torito boot image and every boot provision of the system area that {@code layout} lists. Same
 * source and same changes give a byte-identical output.
 */
public interface IsoWriter {

  /**
   * Writes {@code source} plus {@code changes} to {@code target} (created or overwritten). The
   * caller verifies {@code target} and moves it into place; see {@link PendingIso}.
   *
   * @param source the ISO to start from (not changed)
   * @param layout the source's boot layout, as the reader found it
   * @param changes what to add or replace; applied in order, paths must not repeat
   * @param target where to write, in the output's folder
   * @throws io.github.pveiso.InvalidInputException when a change is not possible (bad path, adds an
   *     existing file, replaces a missing one, touches a boot image, missing local source)
   * @throws io.github.pveiso.proc.ProcessFailedException when the writing program fails
   */
  WriteResult write(Path source, BootLayout layout, List<IsoChange> changes, Path target);
}
