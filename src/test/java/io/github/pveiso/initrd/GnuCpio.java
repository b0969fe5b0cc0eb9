package io.github.pveiso.initrd;

import io.github.pveiso.proc.ProcessRunner;
import io.github.pveiso.proc.SystemProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** GNU cpio, the reference tool: writes archives the way Debian's hooks do and lists ours. */
final class GnuCpio {

  static final ProcessRunner RUNNER = new SystemProcessRunner();

  private GnuCpio() {}

  /**
   * What {@code find . | LC_ALL=C sort | cpio -o -H newc --reproducible -R 0:0} writes in {@code
   * dir} (the amd64-microcode hook's command). cpio reads the list on standard input, which the
   * process runner closes, so a fixed sh script does the piping; the folders are its arguments.
   */
  static byte[] create(Path dir, String findRoot, Path work) throws IOException {
    Path out = work.resolve("gnu-" + System.nanoTime() + ".cpio");
    RUNNER.runChecked(
        List.of(
            "sh",
            "-c",
            "cd \"$1\" && find \"$2\" -print0 | LC_ALL=C sort -z"
                + " | cpio --null -o -H newc --reproducible -R 0:0 --quiet > \"$3\"",
            "sh",
            dir.toString(),
            findRoot,
            out.toString()));
    return Files.readAllBytes(out);
  }

  /** {@code cpio -i -t -v -H newc -F archive}: GNU cpio's listing, one line per entry. */
  static List<String> listVerbose(Path archive) {
    String out =
        RUNNER
            .runChecked(
                ProcessRunner.Command.of(
                        List.of(
                            "cpio",
                            "-i",
                            "-t",
                            "-v",
                            "-H",
                            "newc",
                            "--quiet",
                            "-F",
                            archive.toString()))
                    .withEnv(java.util.Map.of("TZ", "UTC")))
            .stdout();
    return out.lines().map(line -> line.replaceAll(" +", " ")).toList();
  }

  /** Extracts {@code archive} into {@code dir} with GNU cpio. */
  static void extract(Path archive, Path dir) throws IOException {
    Files.createDirectories(dir);
    RUNNER.runChecked(
        List.of(
            "cpio",
            "-i",
            "-d",
            "-H",
            "newc",
            "--quiet",
            "--no-absolute-filenames",
            "-D",
            dir.toString(),
            "-F",
            archive.toString()));
  }
}
