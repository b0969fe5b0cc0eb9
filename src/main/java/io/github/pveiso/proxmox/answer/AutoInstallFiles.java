package io.github.pveiso.proxmox.answer;

import io.github.pveiso.InvalidInputException;
import io.github.pveiso.proxmox.ProductInfo;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The files that make an ISO install unattended: {@code /auto-installer-mode.toml}, {@code
 * /answer.toml} (mode iso) and {@code /proxmox-first-boot}. Pure: it reads nothing, and checks
 * again what the configuration checked, so that only a valid answer reaches an ISO.
 */
public final class AutoInstallFiles {
  private AutoInstallFiles() {}

  /** Where the installer looks for each file. */
  public static final String MODE_FILE = "/auto-installer-mode.toml";

  /** The answer on the ISO (mode iso). */
  public static final String ANSWER_FILE = "/answer.toml";

  /** The first-boot executable. */
  public static final String FIRST_BOOT = "/proxmox-first-boot";

  /** The marker of an ISO that supports automated installation. */
  public static final String CAPABLE = "/auto-installer-capable";

  /** The largest first-boot executable the installer takes. */
  public static final int MAX_FIRST_BOOT = 1024 * 1024;

  /** Every path this class writes, sorted. */
  public static final List<String> PATHS = List.of(ANSWER_FILE, MODE_FILE, FIRST_BOOT);

  /**
   * The files for {@code request} on an ISO with {@code product}, with the manifest's summary and a
   * note for the staging notes.
   *
   * @throws InvalidInputException as {@link #of} does
   */
  public static AutoInstallSetup setup(AutoInstallRequest request, ProductInfo product) {
    return new AutoInstallSetup(
        of(request, product),
        summary(request),
        "automated installation: the installer takes its answer from "
            + request.mode().mode().text()
            + request.firstBoot().map(f -> ", and runs " + f.name() + " at first boot").orElse(""));
  }

  /**
   * The files to add for {@code request} to an ISO with {@code product}, sorted by path.
   *
   * @throws InvalidInputException when the ISO cannot install automatically, or the request does
   *     not make sense (see {@link #requireCapable})
   */
  public static List<AutoInstallFile> of(AutoInstallRequest request, ProductInfo product) {
    requireCapable(product);
    check(request);
    List<AutoInstallFile> files = new ArrayList<>();
    AutoInstallerMode mode = request.mode();
    files.add(
        new AutoInstallFile(
            MODE_FILE,
            new Content("auto-installer-mode.toml", mode.toml().getBytes(StandardCharsets.UTF_8)),
            0644,
            "pveiso: answer from " + mode.mode().text()));
    request
        .answer()
        .ifPresent(
            a -> files.add(new AutoInstallFile(ANSWER_FILE, a, 0644, "answer file " + a.name())));
    request
        .firstBoot()
        .ifPresent(
            f ->
                files.add(
                    new AutoInstallFile(FIRST_BOOT, f, 0755, "first-boot executable " + f.name())));
    files.sort(Comparator.comparing(AutoInstallFile::isoPath));
    return List.copyOf(files);
  }

  /**
   * Refuses an ISO without {@code /auto-installer-capable}.
   *
   * @throws InvalidInputException when it has none
   */
  public static void requireCapable(ProductInfo product) {
    if (!product.autoInstallerCapable()) {
      throw new InvalidInputException(
          "the source ISO file is not able to be installed automatically: it has no "
              + CAPABLE
              + " (automated installation came with Proxmox VE 8.2); use a Proxmox VE 8.2 or"
              + " newer ISO, or drop answer_file and answer_fetch");
    }
  }

  private static void check(AutoInstallRequest request) {
    FetchMode mode = request.mode().mode();
    if ((mode == FetchMode.ISO) != request.answer().isPresent()) {
      throw new InvalidInputException(
          mode == FetchMode.ISO
              ? "answer_fetch is iso but there is no answer_file to put on the ISO"
              : "answer_file goes on the ISO only with answer_fetch iso, not " + mode.text());
    }
    request
        .firstBoot()
        .filter(f -> f.size() > MAX_FIRST_BOOT)
        .ifPresent(
            f -> {
              throw new InvalidInputException(
                  "first_boot "
                      + f.name()
                      + " is "
                      + f.size()
                      + " bytes; the installer takes at most 1 MiB ("
                      + MAX_FIRST_BOOT
                      + ")");
            });
    if (request.answer().isEmpty()) {
      return;
    }
    Content answer = request.answer().get();
    AnswerReport report = AnswerValidator.validate(answer.name(), answer.bytes(), false);
    List<String> problems = new ArrayList<>();
    report.errors().forEach(p -> problems.add(p.text()));
    FirstBootMatch.problem(report, request.firstBoot().isPresent()).ifPresent(problems::add);
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems.stream().collect(Collectors.joining("\n")));
    }
  }

  /** What the manifest records: settings, and of each secret only its digest. */
  public static AutoInstallSummary summary(AutoInstallRequest request) {
    AutoInstallerMode mode = request.mode();
    return new AutoInstallSummary(
        mode.mode().text(),
        mode.partitionLabel(),
        mode.url(),
        mode.certFingerprint(),
        mode.token().map(t -> Content.sha256(t.getBytes(StandardCharsets.UTF_8))),
        request.answer().map(Content::sha256),
        request.firstBoot().map(Content::sha256));
  }
}
