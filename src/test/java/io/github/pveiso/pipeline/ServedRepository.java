package io.github.pveiso.pipeline;

import io.github.pveiso.debian.TestDeb;
import io.github.pveiso.debian.TestRepository;
import io.github.pveiso.net.LoopbackServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A signed trixie repository served over loopback with the three packages the build tests ask for
 * ({@code extra_packages: firmware-misc-nonfree,amd64-microcode,libextra}): firmware-misc-nonfree
 * with {@code test/a.bin}, {@code test/c.bin} and a link {@code test/b.bin} to a.bin,
 * amd64-microcode with an AMD container, and libextra (from main).
 */
record ServedRepository(LoopbackServer server, Path keyring) implements AutoCloseable {

  /** The packages a build test asks for. */
  static final String PACKAGES = "firmware-misc-nonfree,amd64-microcode,libextra";

  /** Publishes the repository under {@code dir/repo}, its key in {@code dir}, and serves it. */
  static ServedRepository start(Path dir) throws IOException {
    TestRepository repo = new TestRepository(dir.resolve("repo"), "trixie");
    repo.add(
        "non-free-firmware",
        new TestDeb("firmware-misc-nonfree", "20250410-1", "all")
            .file("./usr/lib/firmware/test/a.bin", "firmware A")
            .file("./usr/lib/firmware/test/c.bin", "firmware C")
            .symlink("./usr/lib/firmware/test/b.bin", "a.bin"));
    repo.add(
        "non-free-firmware",
        new TestDeb("amd64-microcode", "3.20250311.1", "amd64")
            .file("./lib/firmware/amd-ucode/microcode_amd_fam17h.bin", "DMA\0test container"));
    repo.add(
        "main",
        new TestDeb("libextra", "1.0-1", "amd64").file("./usr/share/doc/libextra/README", "x"));
    Path keyring = dir.resolve("test-keyring.gpg");
    repo.publishSigned(Instant.now().minus(Duration.ofHours(1)), keyring);
    return new ServedRepository(LoopbackServer.serving(dir.resolve("repo")), keyring);
  }

  /** The repository's URI. */
  URI uri() {
    return server.uri("/");
  }

  @Override
  public void close() {
    server.close();
  }
}
