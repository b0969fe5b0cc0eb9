package io.github.pveiso.debian;

import io.github.pveiso.Sha256Digest;
import io.github.pveiso.VerificationException;
import io.github.pveiso.cache.DerivedAudit;
import io.github.pveiso.cache.DerivedCodec;
import io.github.pveiso.cache.DerivedKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** The parsed form of Packages indexes as derived cache entries of kind {@code packages-index}. */
public final class ParsedIndexes {

  private ParsedIndexes() {}

  /**
   * The parsed indexes' codec ({@link PackagesIndex#writeTo}, {@link PackagesIndex#readFrom}); each
   * entry is bound to the digest of the index file it was parsed from, named by its file name
   * ({@code Packages.gz}, {@code Packages.xz} or {@code Packages}); {@code cache verify} parses
   * that file again and compares.
   */
  public static final DerivedCodec<PackagesIndex> CODEC =
      new DerivedCodec<>() {
        @Override
        public String kind() {
          return "packages-index";
        }

        @Override
        public int format() {
          return 2; // PackagesIndexCodec's
        }

        @Override
        public byte[] encode(PackagesIndex value) throws IOException {
          ByteArrayOutputStream out = new ByteArrayOutputStream();
          value.writeTo(out);
          return out.toByteArray();
        }

        @Override
        public void encodeTo(PackagesIndex value, java.io.OutputStream out) throws IOException {
          value.writeTo(out); // tens of MB: streamed, never whole in memory
        }

        @Override
        public PackagesIndex decode(byte[] payload) throws IOException {
          return PackagesIndex.readFrom(payload);
        }

        @Override
        public void audit(DerivedKey key, PackagesIndex value, DerivedAudit context)
            throws IOException {
          if (key.inputs().size() != 1
              || !DebianRepositoryClient.INDEX_NAMES.contains(key.inputs().get(0).name())) {
            throw new IOException("it does not name one Packages file");
          }
          DerivedKey.Input file = key.inputs().get(0);
          Path blob =
              context
                  .blob(file.digest())
                  .orElseThrow(() -> new IOException("its index file is not in the cache"));
          PackagesIndex again;
          try {
            again = PackagesIndex.parse(value.label(), file.name(), Files.newInputStream(blob));
          } catch (VerificationException e) {
            throw new IOException("its index file does not parse: " + e.getMessage(), e);
          }
          if (!Arrays.equals(encode(again), encode(value))) {
            throw new IOException("it is not what its index file holds");
          }
        }
      };

  /**
   * The key of the parsed form of the index file {@code path} (its last part is the file name)
   * whose SHA-256 is {@code digest}.
   */
  static DerivedKey key(String path, Sha256Digest digest) {
    return CODEC.key().input(path.substring(path.lastIndexOf('/') + 1), digest);
  }
}
