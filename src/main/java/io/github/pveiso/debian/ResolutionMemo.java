package io.github.pveiso.debian;

import io.github.pveiso.Sha256Digest;
import io.github.pveiso.cache.Cache;
import io.github.pveiso.cache.DerivedCache;
import io.github.pveiso.cache.DerivedCodec;
import io.github.pveiso.cache.DerivedKey;
import io.github.pveiso.events.EventListener;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Remembered resolutions: the same request against the same verified Release file (same signed
 * text, hence the same Packages indexes) and the same installed packages resolves to the same
 * packages, so a warm build need not read the parsed indexes (Debian's main is 24 MB parsed, about
 * 100 MB in memory) nor resolve again. An entry is keyed by the Release text's digest, the trusted
 * keys, the repository, the request, the installed packages and the leaves; it holds what {@link
 * RepositoryResolver} gave: the packages with their index stanzas, the skipped names, and which
 * index files they came from.
 */
public final class ResolutionMemo {

  /**
   * A remembered resolution.
   *
   * @param packages what to download, in the resolver's order
   * @param skipped optional requests no index holds
   * @param indexes the index files the resolution read
   */
  public record Entry(
      List<DebDownloader.Wanted> packages, List<String> skipped, List<IndexFile> indexes) {
    /** Copies the lists. */
    public Entry {
      packages = List.copyOf(packages);
      skipped = List.copyOf(skipped);
      indexes = List.copyOf(indexes);
    }
  }

  /**
   * One Packages index file a resolution read.
   *
   * @param component e.g. {@code main}
   * @param architecture e.g. {@code amd64}
   * @param url where it is fetched from
   * @param sha256 its digest, as the Release file lists it
   */
  public record IndexFile(String component, String architecture, URI url, Sha256Digest sha256) {
    /** The file {@code index} was parsed from. */
    public static IndexFile of(RepositoryIndex index) {
      return new IndexFile(index.component(), index.architecture(), index.url(), index.sha256());
    }
  }

  /** How many of anything an entry may hold before it is taken for damaged. */
  private static final int LIMIT = 1 << 20;

  static final DerivedCodec<Entry> CODEC =
      new DerivedCodec<>() {
        @Override
        public String kind() {
          return "resolution";
        }

        @Override
        public int format() {
          return 1;
        }

        @Override
        public byte[] encode(Entry value) throws IOException {
          ByteArrayOutputStream bytes = new ByteArrayOutputStream();
          DataOutputStream out = new DataOutputStream(bytes);
          out.writeInt(value.indexes().size());
          for (IndexFile i : value.indexes()) {
            out.writeUTF(i.component());
            out.writeUTF(i.architecture());
            out.writeUTF(i.url().toString());
            out.writeUTF(i.sha256().hex());
          }
          out.writeInt(value.skipped().size());
          for (String s : value.skipped()) {
            out.writeUTF(s);
          }
          out.writeInt(value.packages().size());
          List<BinaryPackage> packages = new ArrayList<>();
          for (DebDownloader.Wanted w : value.packages()) {
            out.writeUTF(w.component());
            packages.add(w.pkg());
          }
          out.flush();
          new PackagesIndex("resolution", packages).writeTo(bytes);
          return bytes.toByteArray();
        }

        @Override
        public Entry decode(byte[] payload) throws IOException {
          ByteArrayInputStream bytes = new ByteArrayInputStream(payload);
          DataInputStream in = new DataInputStream(bytes);
          List<IndexFile> indexes = new ArrayList<>();
          for (int i = count(in); i > 0; i--) {
            String component = in.readUTF();
            String architecture = in.readUTF();
            URI url;
            try {
              url = new URI(in.readUTF());
            } catch (URISyntaxException e) {
              throw new IOException("it names an index by a bad URL", e);
            }
            String hex = in.readUTF();
            if (!Sha256Digest.isValid(hex)) {
              throw new IOException("it names an index by a bad digest");
            }
            indexes.add(new IndexFile(component, architecture, url, Sha256Digest.parse(hex)));
          }
          List<String> skipped = new ArrayList<>();
          for (int i = count(in); i > 0; i--) {
            skipped.add(in.readUTF());
          }
          List<String> components = new ArrayList<>();
          for (int i = count(in); i > 0; i--) {
            components.add(in.readUTF());
          }
          List<BinaryPackage> packages = PackagesIndex.readFrom(bytes).packages();
          if (packages.size() != components.size()) {
            throw new IOException(
                "it holds "
                    + packages.size()
                    + " packages for "
                    + components.size()
                    + " components");
          }
          List<DebDownloader.Wanted> wanted = new ArrayList<>();
          for (int i = 0; i < packages.size(); i++) {
            wanted.add(new DebDownloader.Wanted(packages.get(i), components.get(i)));
          }
          return new Entry(wanted, skipped, indexes);
        }
      };

  private static int count(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > LIMIT) {
      throw new IOException("it gives a count of " + n);
    }
    return n;
  }

  private final DerivedCache<Entry> entries;

  /** The memo in {@code cache}. */
  public ResolutionMemo(Cache cache, EventListener events) {
    this.entries = new DerivedCache<>(cache, CODEC, events);
  }

  /**
   * The key of resolving {@code request} (names by architecture) against the indexes {@code
   * release} lists, with {@code installed} counted as present and the dependencies of {@code
   * leaves} not followed.
   */
  public static DerivedKey key(
      DebianRepository repo,
      VerifiedRelease release,
      Map<String, List<String>> request,
      List<InstalledPackage> installed,
      Set<String> leaves) {
    StringBuilder wanted = new StringBuilder();
    new TreeMap<>(request)
        .forEach((arch, names) -> wanted.append(arch).append(':').append(names).append(';'));
    Set<String> have = new TreeSet<>();
    for (InstalledPackage p : installed) {
      have.add(p.name() + "=" + p.version() + " provides " + p.provides());
    }
    return CODEC
        .key()
        .param("mirror", repo.mirror().toString())
        .param("suite", repo.suite())
        .param("components", String.join(",", repo.components()))
        .param("architectures", String.join(",", repo.architectures()))
        .param("keys", repo.keys().digest().hex())
        .param("release", digest(release.text()).hex())
        .param("request", digest(wanted.toString()).hex())
        .param("installed", digest(String.join("\n", have)).hex())
        .param("leaves", digest(String.join(",", new TreeSet<>(leaves))).hex());
  }

  private static Sha256Digest digest(String text) {
    return Sha256Digest.of(text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The remembered resolution of {@code key}, when there is one and every index file it names is
   * still what {@code release} lists.
   */
  public Optional<Entry> read(DerivedKey key, VerifiedRelease release, String label) {
    Optional<Entry> entry = entries.read(key, label);
    if (entry.isPresent()) {
      for (IndexFile i : entry.get().indexes()) {
        boolean listed =
            DebianRepositoryClient.listedIndex(release.release(), i.component(), i.architecture())
                .map(l -> Sha256Digest.parse(l.file().sha256()).equals(i.sha256()))
                .orElse(false);
        if (!listed) {
          entries.drop(key, label, "it names an index the Release file does not list");
          return Optional.empty();
        }
      }
    }
    return entry;
  }

  /** Remembers {@code entry} as the resolution of {@code key}. */
  public void write(DerivedKey key, Entry entry) {
    entries.write(key, entry);
  }
}
