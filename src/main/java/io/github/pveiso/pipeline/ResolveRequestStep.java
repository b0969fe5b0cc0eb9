package io.github.pveiso.pipeline;

import io.github.pveiso.InvalidInputException;
import io.github.pveiso.Sha256Digest;
import io.github.pveiso.config.BuildSettings;
import io.github.pveiso.config.CatalogPackage;
import io.github.pveiso.config.FirmwareCatalog;
import io.github.pveiso.debian.PackageRequest;
import io.github.pveiso.proxmox.IsoSource;
import io.github.pveiso.proxmox.answer.AnswerDir;
import io.github.pveiso.proxmox.answer.AutoInstallRequest;
import io.github.pveiso.proxmox.answer.AutoInstallerMode;
import io.github.pveiso.proxmox.answer.BearerToken;
import io.github.pveiso.proxmox.answer.Content;
import io.github.pveiso.proxmox.answer.FetchMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The first step: turns the configuration into a {@link BuildRequest}: the source ISO from {@code
 * iso} (with {@code iso_sha256}) or {@code proxmox_version} under {@code iso_base_url}, and the
 * packages of the effective firmware sets plus {@code extra_packages}, and the files for automated
 * installation ({@code answer_fetch}, {@code answer_file}, {@code first_boot}, the token).
 */
final class ResolveRequestStep {

  BuildRequest call(BuildSettings settings) {
    FirmwareCatalog catalog = FirmwareCatalog.load(settings.firmwareCatalog());
    List<RequestedPackage> packages = new ArrayList<>();
    for (String set : settings.effectiveFirmwareSets()) {
      for (CatalogPackage p : catalog.packagesOf(List.of(set))) {
        packages.add(
            new RequestedPackage(
                p.name(), p.name(), Optional.of(p.kind()), p.architectures(), set));
      }
    }
    for (String extra : settings.extraPackages()) {
      String text = extra.strip();
      String name =
          PackageRequest.parse(text.endsWith("?") ? text.substring(0, text.length() - 1) : text)
              .name();
      packages.add(
          new RequestedPackage(extra, name, Optional.empty(), List.of(), "extra_packages"));
    }
    Optional<AutoInstallRequest> autoInstall = autoInstall(settings);
    List<BuildRequest.Node> nodes = nodes(settings, autoInstall);
    return new BuildRequest(
        settings, iso(settings), packages, nodes.isEmpty() ? autoInstall : Optional.empty(), nodes);
  }

  /**
   * With {@code answer_dir}, one node per answer file in it, sorted by name: the settings' request
   * with that answer. Each file is read once, here.
   */
  static List<BuildRequest.Node> nodes(
      BuildSettings settings, Optional<AutoInstallRequest> autoInstall) {
    if (settings.answerDir().isEmpty() || autoInstall.isEmpty()) {
      return List.of();
    }
    AutoInstallRequest shared = autoInstall.get();
    List<BuildRequest.Node> nodes = new ArrayList<>();
    for (Path answer : AnswerDir.answers(settings.answerDir().get())) {
      nodes.add(
          new BuildRequest.Node(
              AnswerDir.node(answer),
              new AutoInstallRequest(
                  shared.mode(), Optional.of(read(answer, "answer_dir")), shared.firstBoot())));
    }
    if (nodes.isEmpty()) {
      throw new InvalidInputException(
          "answer_dir " + settings.answerDir().get() + " holds no answer file (*.toml)");
    }
    return nodes;
  }

  /**
   * What the settings ask for automated installation, or empty without {@code answer_fetch}. Reads
   * the answer, the first-boot executable and the token file once, here: the bytes checked are the
   * bytes staged.
   */
  static Optional<AutoInstallRequest> autoInstall(BuildSettings settings) {
    Optional<FetchMode> fetch = settings.answerFetch();
    if (fetch.isEmpty()) {
      return Optional.empty();
    }
    Optional<String> token =
        settings.answerToken().or(() -> settings.answerTokenFile().map(BearerToken::readFile));
    AutoInstallerMode mode =
        new AutoInstallerMode(
            fetch.get(),
            settings.answerPartitionLabel(),
            settings.answerUrl().map(Object::toString),
            settings.answerCertFingerprint(),
            token);
    Optional<Content> answer =
        fetch.get() == FetchMode.ISO
            ? settings.answerFile().map(f -> read(f, "answer_file"))
            : Optional.empty();
    return Optional.of(
        new AutoInstallRequest(mode, answer, settings.firstBoot().map(f -> read(f, "first_boot"))));
  }

  private static Content read(Path file, String key) {
    try {
      return new Content(String.valueOf(file.getFileName()), Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + key + " " + file + ": " + e.getMessage(), e);
    }
  }

  /** Where the source ISO comes from: {@code iso} (with {@code iso_sha256}) or the version. */
  static IsoSource iso(BuildSettings settings) {
    Optional<Object> iso = settings.iso();
    if (iso.isEmpty()) {
      return new IsoSource.Version(settings.proxmoxVersion(), settings.isoBaseUrl());
    }
    Optional<Sha256Digest> sha256 =
        settings
            .isoSha256()
            .map(
                text -> {
                  if (!Sha256Digest.isValid(text)) {
                    throw new InvalidInputException(
                        "iso_sha256 '" + text + "' is not 64 hex digits");
                  }
                  return Sha256Digest.parse(text);
                });
    return new IsoSource.Location(iso.get().toString(), sha256);
  }
}
