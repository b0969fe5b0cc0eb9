package io.github.pveiso.testing;

import io.github.pveiso.proc.ProcessRunner;
import io.github.pveiso.proc.SystemProcessRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The fixture ISOs made by {@code scripts/fixtures/make-iso-fixtures.sh}, built once per test JVM
 * into {@code target/fixtures/<script SHA-256>/} and reused while the script is unchanged.
 */
public final class Fixtures {

  /** Path of the script, relative to the project folder (Maven runs tests there). */
  public static final Path SCRIPT = Path.of("scripts/fixtures/make-iso-fixtures.sh");

  /** One fixture ISO and the identity the script gives it. */
  public enum Fixture {
    /** amd64 BIOS + UEFI; the EFI image is an appended GPT partition. */
    APPENDED("appended", "2025-01-01-00-00-00-00", "amd64"),
    /** amd64 like real Proxmox: /efi.img inside the ISO, GRUB hybrid MBR, GPT, APM with HFS+. */
    MKRESCUE("mkrescue", "2025-02-03-04-05-06-00", "amd64"),
    /** arm64 UEFI only; /efi.img inside the ISO holds BOOTAA64.EFI. */
    ARM64("arm64", "2025-03-04-05-06-07-00", "arm64");

    private final String fixtureName;
    private final String volumeDateUuid;
    private final String arch;

    Fixture(String fixtureName, String volumeDateUuid, String arch) {
      this.fixtureName = fixtureName;
      this.volumeDateUuid = volumeDateUuid;
      this.arch = arch;
    }

    /** The short name the script and GRUB's marker use, e.g. {@code mkrescue}. */
    public String fixtureName() {
      return fixtureName;
    }

    /** The volume-date UUID GRUB searches for, {@code YYYY-MM-DD-hh-mm-ss-cc}. */
    public String volumeDateUuid() {
      return volumeDateUuid;
    }

    /** Debian architecture: {@code amd64} or {@code arm64}. */
    public String arch() {
      return arch;
    }

    /** The line GRUB prints on the serial console once it has loaded the ISO's grub.cfg. */
    public String grubMarker() {
      return "PVEISO-GRUB-OK " + fixtureName;
    }

    /** The ISO, built on first use. */
    public Path iso() {
      return dir().resolve(fixtureName + ".iso");
    }
  }

  /** The line GRUB prints after its listing, just before it halts. */
  public static final String GRUB_DONE = "PVEISO-GRUB-DONE";

  /** The volume-date UUID of {@code kernel.iso}. */
  public static final String KERNEL_VOLUME_DATE_UUID = "2025-04-05-06-07-08-00";

  /** The line GRUB prints on {@code kernel.iso} before it loads the kernel. */
  public static final String KERNEL_GRUB_MARKER = "PVEISO-GRUB-OK kernel";

  /** The line the init of {@code kernel.iso}'s initrd prints first. */
  public static final String INIT_OK = "PVEISO-INIT-OK";

  /** The line that init prints last, just before it powers the machine off. */
  public static final String INIT_DONE = "PVEISO-INIT-DONE";

  private static @Nullable Path built;

  private Fixtures() {}

  /** The folder holding all fixture ISOs, built on first use. */
  public static synchronized Path dir() {
    Path dir = built;
    if (dir == null) {
      dir = buildIfMissing();
      built = dir;
    }
    return dir;
  }

  /**
   * {@code kernel.iso}: the mkrescue layout with the real kernel and a busybox initrd from {@code
   * kernelDir} (what {@code install-test-kernel.sh} unpacked), built on first use into {@code
   * target/fixtures/kernel-<SHA-256 of script, kernel and busybox>/}.
   */
  public static synchronized Path kernelIso(Path kernelDir) {
    Path vmlinuz;
    try (Stream<Path> files = Files.list(kernelDir.resolve("boot"))) {
      vmlinuz =
          files
              .filter(p -> p.getFileName().toString().startsWith("vmlinuz-"))
              .sorted()
              .findFirst()
              .orElseThrow(() -> new IllegalStateException("no vmlinuz-* in " + kernelDir));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String hash = sha256(SCRIPT, vmlinuz, kernelDir.resolve("bin/busybox"));
    Path target = Path.of("target", "fixtures", "kernel-" + hash).toAbsolutePath();
    buildIfMissing(target, out -> run(List.of("--kernel", kernelDir.toString(), out.toString())));
    return target.resolve("kernel.iso");
  }

  /** Runs the script into {@code outDir} (for tests of the script itself). */
  public static void build(Path outDir) {
    run(List.of(outDir.toString()));
  }

  private static void run(List<String> args) {
    List<String> argv = new java.util.ArrayList<>(List.of("bash", SCRIPT.toString()));
    argv.addAll(args);
    new SystemProcessRunner()
        .runChecked(ProcessRunner.Command.of(argv).withTimeout(Duration.ofMinutes(5)));
  }

  private static Path buildIfMissing() {
    Path target = Path.of("target", "fixtures", sha256(SCRIPT)).toAbsolutePath();
    buildIfMissing(target, Fixtures::build);
    return target;
  }

  private static void buildIfMissing(Path target, java.util.function.Consumer<Path> builder) {
    if (Files.isRegularFile(target.resolve("SHA256SUMS"))) {
      return;
    }
    try {
      Files.createDirectories(target.getParent());
      Path tmp = Files.createTempDirectory(target.getParent(), "building-");
      try {
        builder.accept(tmp);
        moveInPlace(tmp, target);
      } finally {
        deleteTree(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void moveInPlace(Path tmp, Path target) throws IOException {
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException
        | DirectoryNotEmptyException
        | AtomicMoveNotSupportedException e) {
      // another test JVM built the same fixtures first; theirs are identical
      if (!Files.isRegularFile(target.resolve("SHA256SUMS"))) {
        throw e;
      }
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static String sha256(Path... files) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (Path file : files) {
        digest.update(Files.readAllBytes(file));
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
