package io.github.pveiso.cache;

import io.github.pveiso.Sha256Digest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Pattern;

/** Knows where everything lives under the cache root, and nothing else. */
public final class CacheStorageFiles {

  private static final Pattern KIND = Pattern.compile("[a-z0-9-]+");

  private final Path root;

  /** Paths under {@code root}. */
  public CacheStorageFiles(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** The cache root. */
  public Path root() {
    return root;
  }

  /** The folder holding every blob. */
  public Path blobsDirectory() {
    return root.resolve("blobs").resolve("sha256");
  }

  /** The file of the blob with {@code digest}. */
  public Path blobFile(Sha256Digest digest) {
    return blobsDirectory().resolve(digest.hex());
  }

  /** The folder for files being written. */
  public Path tmpDirectory() {
    return root.resolve("tmp");
  }

  /** The partial download of {@code uri} that a later fetch resumes. */
  public Path partFile(URI uri) {
    return tmpDirectory().resolve(urlKey(uri) + ".part");
  }

  /** The lock that guards {@link #partFile(URI)} between processes. */
  public Path partLockFile(URI uri) {
    return tmpDirectory().resolve(urlKey(uri) + ".lock");
  }

  /** The folder holding one index entry per URL. */
  public Path indexDirectory() {
    return root.resolve("index");
  }

  /** The index entry of {@code uri}. */
  public Path indexFile(URI uri) {
    return indexDirectory().resolve(urlKey(uri) + ".json");
  }

  /** The folder of parsed entries of one kind. */
  public Path parsedDirectory(String kind) {
    if (!KIND.matcher(kind).matches()) {
      throw new IllegalArgumentException("bad parsed-entry kind '" + kind + "'");
    }
    return root.resolve("parsed").resolve(kind);
  }

  /** The derived entry of {@code key}: named by the digest of the key's text. */
  public Path parsedFile(DerivedKey key) {
    return parsedDirectory(key.kind()).resolve(key.digest().hex());
  }

  /** The folder of all parsed entries. */
  public Path parsedRoot() {
    return root.resolve("parsed");
  }

  private static String urlKey(URI uri) {
    return Sha256Digest.of(uri.toString().getBytes(StandardCharsets.UTF_8)).hex();
  }
}
