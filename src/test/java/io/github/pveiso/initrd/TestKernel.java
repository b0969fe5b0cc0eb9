package io.github.pveiso.initrd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The real Debian packages unpacked by scripts/fixtures/install-test-kernel.sh: a kernel, a static
 * busybox, iucode-tool, intel-microcode and amd64-microcode.
 */
public final class TestKernel {

  /**
   * The folder: {@code PVEISO_TEST_KERNEL_DIR}, by default {@code /var/cache/pveiso-test/kernel}.
   */
  public static final Path DIR =
      Path.of(
          System.getenv().getOrDefault("PVEISO_TEST_KERNEL_DIR", "/var/cache/pveiso-test/kernel"));

  private TestKernel() {}

  /** Fails with what to run when the folder is missing. */
  public static Path dir() {
    assertThat(DIR.resolve(".complete"))
        .as("run scripts/fixtures/install-test-kernel.sh (scripts/test does) to fetch the kernel")
        .exists();
    return DIR;
  }

  /** The kernel image. */
  static Path vmlinuz() throws IOException {
    try (Stream<Path> files = Files.list(dir().resolve("boot"))) {
      return files
          .filter(p -> p.getFileName().toString().startsWith("vmlinuz-"))
          .sorted()
          .findFirst()
          .orElseThrow();
    }
  }

  /** The microcode files as a .deb holds them ("./lib/firmware/..."), in listing order. */
  public static List<MicrocodeFile> microcodeFiles() throws IOException {
    List<MicrocodeFile> files = new ArrayList<>();
    for (String sub : List.of("intel-ucode", "amd-ucode")) {
      Path folder = dir().resolve("lib/firmware").resolve(sub);
      try (Stream<Path> listing = Files.list(folder)) {
        for (Path p : listing.sorted().toList()) {
          String path = "./lib/firmware/" + sub + "/" + p.getFileName();
          files.add(new MicrocodeFile(path, Files.readAllBytes(p)));
        }
      }
    }
    return files;
  }

  /** "intel-microcode=3.20251111.1~deb12u1" and the like, from the downloaded .deb names. */
  public static List<String> microcodeSources() {
    Pattern name = Pattern.compile("((?:intel|amd64)-microcode)_([^_]+)_amd64\\.deb");
    try (Stream<Path> debs = Files.list(dir().resolve("debs"))) {
      return debs.map(p -> name.matcher(p.getFileName().toString()))
          .filter(Matcher::matches)
          .map(m -> m.group(1) + "=" + m.group(2).replace("%3a", ":"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
