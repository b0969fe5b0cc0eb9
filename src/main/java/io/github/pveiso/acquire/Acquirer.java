package io.github.pveiso.acquire;

import io.github.pveiso.cache.Cache;
import io.github.pveiso.cache.ContentCheck;
import io.github.pveiso.cache.DerivedKey;
import io.github.pveiso.debian.DebDownloader;
import io.github.pveiso.debian.DebStructureCheck;
import io.github.pveiso.debian.DebianRepository;
import io.github.pveiso.debian.DebianRepositoryClient;
import io.github.pveiso.debian.FetchedDeb;
import io.github.pveiso.debian.InstalledPackage;
import io.github.pveiso.debian.RepositoryIndex;
import io.github.pveiso.debian.RepositoryResolver;
import io.github.pveiso.debian.ResolutionMemo;
import io.github.pveiso.debian.TrustedKeys;
import io.github.pveiso.debian.VerifiedRelease;
import io.github.pveiso.events.EventListener;
import io.github.pveiso.net.Fetcher;
import io.github.pveiso.net.HttpFetcher;
import io.github.pveiso.net.ParallelDownloads;
import io.github.pveiso.proxmox.AcquiredIso;
import io.github.pveiso.proxmox.IsoAcquirer;
import io.github.pveiso.proxmox.IsoReleaseResolver;
import io.github.pveiso.proxmox.IsoSource;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The acquire stage behind {@code pveiso fetch}: gets the Proxmox ISO and the requested Debian
 * packages (with their dependencies), every file verified, through the shared cache.
 */
public final class Acquirer implements AutoCloseable {

  private final Cache cache;
  private final Fetcher fetcher;
  private final Clock clock;
  private final Path workDir;
  private final EventListener listener;
  private final ParallelDownloads parallel;
  private final ContentCheck debCheck;
  private final Runnable close;

  /**
   * An acquirer over {@code cache} that downloads with {@code fetcher}, {@code parallel} at a time,
   * checks each new .deb with {@code debCheck}, and keeps temp files under {@code workDir}.
   */
  public Acquirer(
      Cache cache,
      Fetcher fetcher,
      Clock clock,
      Path workDir,
      ParallelDownloads parallel,
      ContentCheck debCheck,
      EventListener listener) {
    this(cache, fetcher, clock, workDir, parallel, debCheck, listener, () -> {});
  }

  private Acquirer(
      Cache cache,
      Fetcher fetcher,
      Clock clock,
      Path workDir,
      ParallelDownloads parallel,
      ContentCheck debCheck,
      EventListener listener,
      Runnable close) {
    this.close = close;
    this.cache = cache;
    this.fetcher = fetcher;
    this.clock = clock;
    this.workDir = workDir;
    this.parallel = parallel;
    this.debCheck = debCheck;
    this.listener = listener;
  }

  /**
   * The usual acquirer: HTTP with retries, the cache at {@code cacheDir}, four downloads at a time.
   * A new .deb must match the Size and SHA256 its verified Packages index gives and pass {@link
   * DebStructureCheck} before it is stored. Cached files unchanged since pveiso hashed them are
   * trusted, unless {@code rehash}. {@link #close} closes its HTTP client.
   */
  public static Acquirer create(
      Path cacheDir, Path workDir, Clock clock, EventListener listener, boolean rehash) {
    HttpFetcher fetcher = HttpFetcher.create(listener);
    return new Acquirer(
        Cache.open(cacheDir, fetcher, clock, listener, rehash),
        fetcher,
        clock,
        workDir,
        new ParallelDownloads(ParallelDownloads.DEFAULT_PARALLELISM),
        DebStructureCheck.INSTANCE,
        listener,
        fetcher::close);
  }

  /**
   * Closes the HTTP client {@link #create} made, once its threads have ended; an acquirer given its
   * fetcher leaves it open.
   */
  @Override
  public void close() {
    close.run();
  }

  /** The cache this acquirer uses (for {@code pveiso cache list|verify|prune}). */
  public Cache cache() {
    return cache;
  }

  /**
   * Where the ISO {@code source} names is and the digest it must have, when that is known before
   * acquiring it (see {@link IsoAcquirer#claimed}).
   */
  public Optional<IsoAcquirer.Claimed> claimedIso(IsoSource source) {
    return isoAcquirer().claimed(source);
  }

  private IsoAcquirer isoAcquirer() {
    return new IsoAcquirer(
        cache, new IsoReleaseResolver(cache, fetcher, workDir, listener), listener);
  }

  /** Downloads and verifies everything {@code request} names. */
  public AcquireResult acquire(AcquireRequest request) {
    return acquire(request, List.of());
  }

  /**
   * Acquires what {@code request} names; dependencies that {@code installed} (the packages already
   * on the ISO) meet are not fetched.
   */
  public AcquireResult acquire(AcquireRequest request, List<InstalledPackage> installed) {
    return acquire(request, installed, java.util.Set.of());
  }

  /**
   * As {@link #acquire(AcquireRequest, List)}; the dependencies of the packages named in {@code
   * leaves} are not fetched (drivers the build refuses anyway).
   */
  public AcquireResult acquire(
      AcquireRequest request, List<InstalledPackage> installed, java.util.Set<String> leaves) {
    Optional<AcquiredIso> iso = request.iso().map(source -> isoAcquirer().acquire(source));
    if (request.debian().isEmpty()) {
      return new AcquireResult(iso, List.of(), List.of(), List.of());
    }
    AcquireRequest.DebianPackages debian = request.debian().get();
    DebianRepository repo =
        new DebianRepository(
            debian.mirror(),
            debian.suite(),
            debian.components(),
            debian.architectures(),
            keys(debian.keyrings()));
    DebianRepositoryClient client =
        new DebianRepositoryClient(cache, fetcher, clock, workDir, listener);
    ResolutionMemo.Entry resolved = resolve(client, repo, debian, installed, leaves);
    resolved
        .skipped()
        .forEach(
            name ->
                listener.warn(
                    "optional package " + name + " is not in " + debian.suite() + "; skipped"));
    List<DebDownloader.Wanted> wanted = resolved.packages();
    List<FetchedDeb> debs =
        new DebDownloader(cache, parallel, debCheck)
            .download(repo.mirror(), wanted).stream()
                .sorted(
                    Comparator.comparing(FetchedDeb::name).thenComparing(FetchedDeb::architecture))
                .toList();
    return new AcquireResult(iso, debs, resolved.indexes(), resolved.skipped());
  }

  /**
   * The packages to download for {@code debian}: remembered from an earlier run against the same
   * verified Release file with the same request ({@link ResolutionMemo}), else resolved over the
   * verified indexes and remembered.
   */
  private ResolutionMemo.Entry resolve(
      DebianRepositoryClient client,
      DebianRepository repo,
      AcquireRequest.DebianPackages debian,
      List<InstalledPackage> installed,
      java.util.Set<String> leaves) {
    ResolutionMemo memo = new ResolutionMemo(cache, listener);
    VerifiedRelease release = client.release(repo);
    DerivedKey key = ResolutionMemo.key(repo, release, debian.packages(), installed, leaves);
    String label = "the packages of " + repo.suite() + " at " + repo.mirror();
    Optional<ResolutionMemo.Entry> known = memo.read(key, release, label);
    if (known.isPresent()) {
      listener.debug(
          "resolved " + label + " as an earlier run did (same Release file and request)");
      return known.get();
    }
    List<RepositoryIndex> indexes = client.indexes(repo, release);
    RepositoryResolver.Resolved resolved =
        new RepositoryResolver(repo, indexes, installed, leaves).resolve(debian.packages());
    ResolutionMemo.Entry entry =
        new ResolutionMemo.Entry(
            resolved.packages(),
            resolved.skipped(),
            indexes.stream().map(ResolutionMemo.IndexFile::of).toList());
    memo.write(key, entry);
    return entry;
  }

  private static TrustedKeys keys(List<Path> keyrings) {
    TrustedKeys keys = TrustedKeys.debianArchive();
    for (Path keyring : keyrings) {
      keys = keys.plus(TrustedKeys.load(keyring));
    }
    return keys;
  }
}
