package io.github.pveiso.pipeline.stage.repack;

import io.github.pveiso.debian.DebWriter;
import io.github.pveiso.debian.DebianVersion;
import io.github.pveiso.debian.DpkgPackage;
import io.github.pveiso.proxmox.BaseSystem;
import java.util.Optional;

/**
 * How the repacked firmware package is compressed: zstd when the dpkg that installs it reads zstd,
 * else xz, which every dpkg reads.
 *
 * <p>The Proxmox installer installs {@code /proxmox/packages/*.deb} with the dpkg of the base
 * system it unpacked ({@code /pve-base.squashfs}), so that dpkg's version decides. dpkg reads
 * {@code data.tar.zst} and {@code control.tar.zst} since 1.21.18 (its changelog: "libdpkg: Add zstd
 * support for .deb archives"): Debian 12 bookworm has 1.21.22 (Proxmox VE 8), Debian 13 trixie
 * 1.22.x (Proxmox VE 9); Debian 11 bullseye's 1.20.x (Proxmox VE 7) does not. A base system pveiso
 * could not read, or one without dpkg, gets xz.
 *
 * <p>Why zstd at level {@value #ZSTD_LEVEL} on {@value #ZSTD_WORKERS} worker (bench/README.md has
 * the table): xz (preset 6) on one core took most of a cold build (84 s of 102 on an idle machine),
 * and xz-java has no multi-threaded encoder; xz at lower presets is barely faster here and unpacks
 * slower than zstd. zstd at 6 adds a few seconds to reading the sources for a package 20% larger
 * than xz's (1,832 firmware files: 79.9 MB against 66.7 MB, +1.0% on the ISO), unpacks on the
 * installed system in a fraction of xz's time, and holds a 2 MiB window: level 9 saves 4 MB more
 * for about 50 MB more memory (4 MiB window, twice the job buffers), levels 15 to 19 take minutes.
 * Its bytes do not depend on the number of workers, and its jobs are kept short for memory (see
 * {@link DebWriter.MemberFormat}).
 */
public final class RepackFormat {

  /** The first dpkg that reads zstd members. */
  static final DebianVersion ZSTD_SINCE = DebianVersion.parse("1.21.18");

  /** zstd's level. */
  public static final int ZSTD_LEVEL = 6;

  /**
   * zstd's workers: one. Each worker holds its own buffers outside the Java heap, and the
   * compression shares two cores with the stage's other parts, each decompressing its sources (see
   * {@code StageParts}): a second worker added about 15 MB to a cold build's peak memory (issue 14:
   * at most 300 MB) and no measurable speed. More workers cannot change the bytes.
   */
  public static final int ZSTD_WORKERS = 1;

  private RepackFormat() {}

  /** What every dpkg reads: xz, preset 6. */
  public static DebWriter.MemberFormat anyDpkg() {
    return DebWriter.MemberFormat.xz(6);
  }

  /** What dpkg 1.21.18 and later read: zstd at {@value #ZSTD_LEVEL}. */
  public static DebWriter.MemberFormat zstd() {
    return DebWriter.MemberFormat.zstd(ZSTD_LEVEL, ZSTD_WORKERS);
  }

  /** The format for a target whose dpkg is {@code dpkg} (empty: not known). */
  public static DebWriter.MemberFormat forDpkg(Optional<DebianVersion> dpkg) {
    return dpkg.filter(v -> v.compareTo(ZSTD_SINCE) >= 0).isPresent() ? zstd() : anyDpkg();
  }

  /** The format for the installer's target: {@code base}'s dpkg decides. */
  public static DebWriter.MemberFormat forBase(BaseSystem base) {
    return forDpkg(dpkg(base));
  }

  /**
   * One line on the choice for {@code base}, e.g. {@code repack: zstd -6 (1 worker): the base
   * system's dpkg 1.22.21 reads zstd (since 1.21.18)}.
   */
  public static String why(BaseSystem base) {
    Optional<DebianVersion> dpkg = dpkg(base);
    String format = forDpkg(dpkg).toString();
    return "repack: "
        + format
        + dpkg.map(
                v ->
                    ": the base system's dpkg "
                        + v
                        + (v.compareTo(ZSTD_SINCE) >= 0 ? " reads zstd" : " predates zstd")
                        + " (since "
                        + ZSTD_SINCE
                        + ")")
            .orElse(": the base system's dpkg is not known, and every dpkg reads xz");
  }

  /** The version of {@code base}'s dpkg, when it was read and has one. */
  public static Optional<DebianVersion> dpkg(BaseSystem base) {
    return base.packages().stream()
        .filter(p -> p.name().equals("dpkg"))
        .map(DpkgPackage::version)
        .findFirst();
  }
}
