package io.github.pveiso.config;

import io.github.pveiso.InvalidInputException;
import io.github.pveiso.events.EventListener;
import io.github.pveiso.proxmox.answer.AnswerDir;
import io.github.pveiso.proxmox.answer.AnswerReport;
import io.github.pveiso.proxmox.answer.AnswerValidator;
import io.github.pveiso.proxmox.answer.BearerToken;
import io.github.pveiso.proxmox.answer.CertFingerprint;
import io.github.pveiso.proxmox.answer.FetchMode;
import io.github.pveiso.proxmox.answer.FirstBootMatch;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Checks the automated-installation keys together: each key only with the fetch mode that uses it,
 * the answer file against the installer's rules (before anything is downloaded), and the first-boot
 * executable against what the answer asks for. Every problem is reported.
 */
final class AutoInstallCheck {

  private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9._-]{1,16}");

  private final Map<ConfigKey, Setting> settings;
  private final List<ConfigProblem> problems;
  private final EventListener events;

  AutoInstallCheck(
      Map<ConfigKey, Setting> settings, List<ConfigProblem> problems, EventListener events) {
    this.settings = settings;
    this.problems = problems;
    this.events = events;
  }

  void check() {
    Optional<String> fetch = value(ConfigKey.ANSWER_FETCH, String.class);
    if (fetch.isPresent() && FetchMode.of(fetch.get()).isEmpty()) {
      problem(
          ConfigKey.ANSWER_FETCH,
          "'" + fetch.get() + "' is not valid; expected iso, http or partition");
      return;
    }
    Optional<FetchMode> mode =
        fetch
            .flatMap(FetchMode::of)
            .or(
                () ->
                    set(ConfigKey.ANSWER_FILE) || set(ConfigKey.ANSWER_DIR)
                        ? Optional.of(FetchMode.ISO)
                        : Optional.empty());
    combinations(mode.orElse(null));
    values();
    if (mode.isPresent()) {
      answer(mode.get());
    }
  }

  /** Each key only with the mode that uses it; each mode with what it needs. */
  private void combinations(@Nullable FetchMode mode) {
    String now =
        mode == null ? "no answer_fetch or answer_file is set" : "answer_fetch is " + mode.text();
    if (mode != FetchMode.HTTP) {
      for (ConfigKey key :
          List.of(
              ConfigKey.ANSWER_URL,
              ConfigKey.ANSWER_CERT_FINGERPRINT,
              ConfigKey.ANSWER_TOKEN,
              ConfigKey.ANSWER_TOKEN_FILE)) {
        if (set(key)) {
          problem(key, "is only used with answer_fetch http, but " + now);
        }
      }
    }
    if (mode != FetchMode.PARTITION && explicit(ConfigKey.ANSWER_PARTITION_LABEL)) {
      problem(
          ConfigKey.ANSWER_PARTITION_LABEL, "is only used with answer_fetch partition, but " + now);
    }
    if (mode == null && set(ConfigKey.FIRST_BOOT)) {
      problem(
          ConfigKey.FIRST_BOOT,
          "is run by the automated installer only, but no answer_fetch or answer_file is set");
    }
    if (mode == FetchMode.ISO && !set(ConfigKey.ANSWER_FILE) && !set(ConfigKey.ANSWER_DIR)) {
      problem(
          ConfigKey.ANSWER_FETCH,
          "is iso but neither answer_file nor answer_dir is set; name the answer to put on the"
              + " ISO");
    }
    if (set(ConfigKey.ANSWER_FILE) && set(ConfigKey.ANSWER_DIR)) {
      problem(
          ConfigKey.ANSWER_DIR,
          "and answer_file are both set; keep one (answer_file makes one ISO, answer_dir one per"
              + " answer file in it)");
    }
    if (mode == FetchMode.HTTP && !set(ConfigKey.ANSWER_URL)) {
      problem(
          ConfigKey.ANSWER_FETCH,
          "is http but answer_url is not set; set answer_url to the answer server (pveiso does"
              + " not build ISOs that look the server up through DHCP or DNS)");
    }
    if ((mode == FetchMode.HTTP || mode == FetchMode.PARTITION) && set(ConfigKey.ANSWER_FILE)) {
      problem(
          ConfigKey.ANSWER_FILE,
          "goes on the ISO only with answer_fetch iso; with "
              + mode.text()
              + " the installer takes its answer from "
              + (mode == FetchMode.HTTP ? "the server" : "the partition")
              + ", so drop answer_file or set answer_fetch: iso");
    }
    if ((mode == FetchMode.HTTP || mode == FetchMode.PARTITION) && set(ConfigKey.ANSWER_DIR)) {
      problem(
          ConfigKey.ANSWER_DIR,
          "puts its answers on the ISOs, which needs answer_fetch iso, not "
              + mode.text()
              + "; drop answer_dir or set answer_fetch: iso");
    }
    if (set(ConfigKey.ANSWER_TOKEN) && set(ConfigKey.ANSWER_TOKEN_FILE)) {
      problem(ConfigKey.ANSWER_TOKEN_FILE, "and answer_token are both set; keep one");
    }
  }

  /** The format of each value. */
  private void values() {
    value(ConfigKey.ANSWER_URL, URI.class)
        .filter(
            u ->
                !"http".equalsIgnoreCase(u.getScheme()) && !"https".equalsIgnoreCase(u.getScheme()))
        .ifPresent(u -> problem(ConfigKey.ANSWER_URL, "'" + u + "' is not an http or https URL"));
    value(ConfigKey.ANSWER_CERT_FINGERPRINT, String.class)
        .flatMap(CertFingerprint::problem)
        .ifPresent(p -> problem(ConfigKey.ANSWER_CERT_FINGERPRINT, p));
    value(ConfigKey.ANSWER_TOKEN, String.class)
        .filter(t -> !BearerToken.isValid(t))
        .ifPresent(t -> problem(ConfigKey.ANSWER_TOKEN, BearerToken.RULE));
    value(ConfigKey.ANSWER_TOKEN_FILE, Path.class)
        .filter(Files::isRegularFile)
        .ifPresent(
            f -> {
              try {
                BearerToken.readFile(f);
              } catch (InvalidInputException e) {
                problem(ConfigKey.ANSWER_TOKEN_FILE, String.valueOf(e.getMessage()));
              }
            });
    value(ConfigKey.ANSWER_PARTITION_LABEL, String.class)
        .filter(l -> !LABEL.matcher(l).matches())
        .ifPresent(
            l ->
                problem(
                    ConfigKey.ANSWER_PARTITION_LABEL,
                    "'"
                        + l
                        + "' is not valid; expected a file system label of 1 to 16 letters,"
                        + " digits, '.', '_' or '-'"));
  }

  /**
   * The answer file's content, and the first-boot executable it asks for (mode iso); with {@code
   * answer_dir}, every answer file in it, each with all its problems.
   */
  private void answer(FetchMode mode) {
    if (mode != FetchMode.ISO) {
      return;
    }
    value(ConfigKey.ANSWER_FILE, Path.class)
        .filter(Files::isRegularFile)
        .ifPresent(file -> answer(file, ConfigKey.ANSWER_FILE));
    Optional<Path> dir = value(ConfigKey.ANSWER_DIR, Path.class).filter(Files::isDirectory);
    if (dir.isPresent()) {
      List<Path> answers;
      try {
        answers = AnswerDir.answers(dir.get());
      } catch (java.io.UncheckedIOException e) {
        return; // said by the folder's own check
      }
      for (Path file : answers) {
        AnswerDir.nameProblem(file).ifPresent(p -> problem(ConfigKey.ANSWER_DIR, p));
        answer(file, ConfigKey.ANSWER_DIR);
      }
    }
  }

  private void answer(Path file, ConfigKey key) {
    AnswerReport report = AnswerValidator.validate(file, file.toString(), false);
    report.errors().forEach(p -> problem(key, p.text()));
    report.warnings().forEach(p -> events.warn(p.text()));
    boolean firstBoot = set(ConfigKey.FIRST_BOOT);
    FirstBootMatch.problem(report, firstBoot)
        .ifPresent(p -> problem(firstBoot ? ConfigKey.FIRST_BOOT : key, p));
  }

  private boolean set(ConfigKey key) {
    Setting setting = settings.get(key);
    return setting != null && setting.value() != null;
  }

  /** Set by the user, not by a default. */
  private boolean explicit(ConfigKey key) {
    Setting setting = settings.get(key);
    return set(key) && setting != null && setting.origin().layer() != Origin.Layer.DEFAULT;
  }

  private <T> Optional<T> value(ConfigKey key, Class<T> type) {
    Setting setting = settings.get(key);
    return setting == null || setting.value() == null
        ? Optional.empty()
        : Optional.of(type.cast(setting.value()));
  }

  private void problem(ConfigKey key, String text) {
    Setting setting = settings.get(key);
    problems.add(new ConfigProblem(key, setting == null ? Origin.DEFAULT : setting.origin(), text));
  }
}
