package io.github.pveiso.proxmox;

import io.github.pveiso.Sha256Digest;
import io.github.pveiso.VerificationException;
import io.github.pveiso.cache.Cache;
import io.github.pveiso.cache.DerivedCache;
import io.github.pveiso.cache.DerivedCodec;
import io.github.pveiso.cache.DerivedKey;
import io.github.pveiso.debian.DebLimits;
import io.github.pveiso.debian.DpkgStatusFile;
import io.github.pveiso.iso.IsoEntry;
import io.github.pveiso.iso.IsoImage;
import io.github.pveiso.iso.bytes.Extent;
import io.github.pveiso.proc.ProcessFailedException;
import io.github.pveiso.proc.ProcessRunner;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads the base system's dpkg status database straight out of an ISO: {@code unsquashfs -o OFFSET}
 * extracts only {@code var/lib/dpkg/status} from {@code /pve-base.squashfs} where it lies inside
 * the image, into a temporary folder. No root, no mount, no copy of the squashfs.
 *
 * <p>Over 300 lines because the derived-cache entry of the status file (its key, codec and bound
 * header) is this reader's format and lives with it, beside the squashfs checks and the bounded
 * extraction; a separate codec class would only forward to it.
 */
public final class BaseSystemReader {

  /** The program that reads squashfs images. */
  public static final String PROGRAM = "unsquashfs";

  /** The Debian package that has {@link #PROGRAM}. */
  public static final String PACKAGE = "squashfs-tools";

  static final Duration TIMEOUT = Duration.ofMinutes(2);

  /** {@code hsqs}, the squashfs superblock magic, little-endian. */
  private static final int MAGIC = 0x73717368;

  private static final int SUPERBLOCK = 96;

  /** The kind of the cache's derived entries that keep an ISO's base-system status database. */
  public static final String KIND = "base-system-status";

  /** The first line of such an entry; raise the number (and the format) when extraction changes. */
  private static final String HEADER = "pveiso base-system-status 1 ";

  /** The entries' codec: {@link #encode} and {@link #decode}. */
  public static final DerivedCodec<Optional<byte[]>> CODEC =
      new DerivedCodec<>() {
        @Override
        public String kind() {
          return KIND;
        }

        @Override
        public int format() {
          return 1;
        }

        @Override
        public byte[] encode(Optional<byte[]> value) {
          return BaseSystemReader.encode(value);
        }

        @Override
        public Optional<byte[]> decode(byte[] payload) throws IOException {
          return BaseSystemReader.decode(payload)
              .orElseThrow(() -> new IOException("it is not a status entry of this format"));
        }
      };

  private final ProcessRunner runner;
  private final Path tempParent;
  private final String program;

  /**
   * A reader that runs {@value #PROGRAM} with {@code runner} and extracts under {@code tempParent}.
   */
  public BaseSystemReader(ProcessRunner runner, Path tempParent) {
    this(runner, tempParent, PROGRAM);
  }

  /** As above, running {@code program} in place of {@value #PROGRAM}. */
  BaseSystemReader(ProcessRunner runner, Path tempParent, String program) {
    this.runner = runner;
    this.tempParent = tempParent;
    this.program = program;
  }

  /**
   * The base system's installed packages; empty (with the reason) when the ISO has no squashfs or
   * the squashfs no status database.
   *
   * @throws VerificationException when the squashfs is damaged or not contiguous in the image
   * @throws UncheckedIOException when {@value #PROGRAM} cannot run
   */
  public BaseSystem read(IsoImage image) {
    Optional<IsoEntry> entry = image.find(BaseSystem.SQUASHFS).filter(IsoEntry::isFile);
    if (entry.isEmpty()) {
      return BaseSystem.noSquashfs();
    }
    return of(image, status(image, entry.get()));
  }

  /**
   * As {@link #read(IsoImage)}, for an ISO that must hash to {@code sha256}. The status database
   * read from that ISO before comes from {@code cache}; otherwise {@code verified} is awaited first
   * (so that {@value #PROGRAM}, a C program, only ever reads an ISO whose digest was checked; it
   * throws when the digest does not match) and what {@value #PROGRAM} extracts is kept in {@code
   * cache}, bound to {@code sha256}.
   */
  public BaseSystem read(IsoImage image, Cache cache, Sha256Digest sha256, Runnable verified) {
    Optional<IsoEntry> entry = image.find(BaseSystem.SQUASHFS).filter(IsoEntry::isFile);
    if (entry.isEmpty()) {
      return BaseSystem.noSquashfs();
    }
    DerivedCache<Optional<byte[]>> entries = cache.derived(CODEC);
    DerivedKey key = key(sha256);
    Optional<Optional<byte[]>> cached = entries.read(key, image.path().getFileName().toString());
    if (cached.isPresent()) {
      return of(image, cached.get());
    }
    verified.run();
    Optional<byte[]> status = status(image, entry.get());
    entries.write(key, status);
    return of(image, status);
  }

  /** The entry's key: kind {@value #KIND}, its one input the ISO. */
  static DerivedKey key(Sha256Digest iso) {
    return CODEC.key().input("iso", iso);
  }

  static byte[] encode(Optional<byte[]> status) {
    byte[] head =
        (HEADER + (status.isPresent() ? "read" : "no-status") + "\n")
            .getBytes(StandardCharsets.US_ASCII);
    byte[] body = status.orElse(new byte[0]);
    byte[] all = java.util.Arrays.copyOf(head, head.length + body.length);
    System.arraycopy(body, 0, all, head.length, body.length);
    return all;
  }

  /** The status bytes (empty: none in the squashfs) of an entry, or empty when it is not one. */
  static Optional<Optional<byte[]>> decode(byte[] entry) {
    int newline = 0;
    while (newline < entry.length && entry[newline] != '\n') {
      newline++;
    }
    String head = new String(entry, 0, newline, StandardCharsets.US_ASCII);
    byte[] body =
        java.util.Arrays.copyOfRange(entry, Math.min(newline + 1, entry.length), entry.length);
    return switch (head) {
      case HEADER + "read" -> Optional.of(Optional.of(body));
      case HEADER + "no-status" ->
          body.length == 0 ? Optional.of(Optional.empty()) : Optional.empty();
      default -> Optional.empty();
    };
  }

  private static BaseSystem of(IsoImage image, Optional<byte[]> status) {
    if (status.isEmpty()) {
      return BaseSystem.noStatus();
    }
    return BaseSystem.read(
        DpkgStatusFile.installed(where(image) + "/" + BaseSystem.STATUS, status.get()));
  }

  /** The squashfs's status database, extracted by {@value #PROGRAM}; empty when it has none. */
  private Optional<byte[]> status(IsoImage image, IsoEntry entry) {
    long offset = offset(where(image), entry.extents());
    checkSuperblock(image, entry);
    Path temp;
    try {
      temp = Files.createTempDirectory(Files.createDirectories(tempParent), "pveiso-base-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary folder in " + tempParent, e);
    }
    try {
      Path root = temp.resolve("root");
      extract(image, offset, root);
      Path status = root.resolve(BaseSystem.STATUS);
      if (!Files.isRegularFile(status, LinkOption.NOFOLLOW_LINKS)) {
        return Optional.empty();
      }
      long size = Files.size(status);
      if (size > DebLimits.STATUS_FILE) {
        throw new VerificationException(
            where(image)
                + ": "
                + BaseSystem.STATUS
                + " is "
                + size
                + " bytes, more than pveiso's limit of "
                + DebLimits.describe(DebLimits.STATUS_FILE)
                + " for a dpkg status database");
      }
      return Optional.of(Files.readAllBytes(status));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read the base system's status extracted into " + temp + ": " + e.getMessage(), e);
    } finally {
      delete(temp);
    }
  }

  private void extract(IsoImage image, long offset, Path root) {
    ProcessRunner.Command command =
        ProcessRunner.Command.of(
                List.of(
                    program,
                    "-no-xattrs",
                    "-no-progress",
                    "-o",
                    Long.toString(offset),
                    "-d",
                    root.toString(),
                    image.path().toString(),
                    BaseSystem.STATUS))
            .withTimeout(TIMEOUT);
    ProcessRunner.Result result;
    try {
      result = runner.run(command);
    } catch (UncheckedIOException e) {
      throw new UncheckedIOException(
          String.valueOf(e.getMessage()).strip()
              + "; "
              + PROGRAM
              + " reads the base system's packages from "
              + BaseSystem.SQUASHFS
              + ": install "
              + PACKAGE
              + " (apt-get install "
              + PACKAGE
              + ")",
          e.getCause());
    }
    if (!result.ok()) {
      throw new VerificationException(
          where(image)
              + " is damaged: "
              + new ProcessFailedException(command, result).getMessage()
              + "; download the ISO again");
    }
  }

  /** The squashfs's byte offset in the image; it must be one contiguous run. */
  static long offset(String where, List<Extent> extents) {
    if (extents.isEmpty()) {
      throw new VerificationException(where + " is empty; download the ISO again");
    }
    for (int i = 1; i < extents.size(); i++) {
      Extent before = extents.get(i - 1);
      if (extents.get(i).offset() != before.offset() + before.length()) {
        throw new VerificationException(
            where
                + " is stored in "
                + extents.size()
                + " extents that are not contiguous; pveiso reads the base system only from a"
                + " contiguous file: rewrite the ISO with xorriso first");
      }
    }
    return extents.get(0).offset();
  }

  private static void checkSuperblock(IsoImage image, IsoEntry entry) {
    byte[] head;
    try (InputStream in = image.open(entry)) {
      head = in.readNBytes(SUPERBLOCK);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + where(image) + ": " + e.getMessage(), e);
    }
    ByteBuffer b = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
    if (head.length < SUPERBLOCK || b.getInt(0) != MAGIC) {
      throw new VerificationException(
          where(image) + " is not a squashfs (no 'hsqs' superblock); download the ISO again");
    }
    long used = b.getLong(40);
    if (used > entry.size()) {
      throw new VerificationException(
          where(image)
              + " is truncated: its superblock says "
              + used
              + " bytes, the file has "
              + entry.size()
              + "; download the ISO again");
    }
  }

  private static String where(IsoImage image) {
    return image.path().getFileName() + ":" + BaseSystem.SQUASHFS;
  }

  private static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the temporary folder " + dir, e);
    }
  }
}
