package io.github.pveiso.cli;

import io.github.pveiso.events.EventListener;
import io.github.pveiso.proxmox.answer.AnswerProblem;
import io.github.pveiso.proxmox.answer.AnswerReport;
import io.github.pveiso.proxmox.answer.AnswerTemplate;
import io.github.pveiso.proxmox.answer.AnswerValidator;
import io.github.pveiso.proxmox.answer.Sha512Crypt;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pveiso answer}: answer files for unattended installation. */
@Command(
    name = "answer",
    mixinStandardHelpOptions = true,
    description = "Work with answer files for the Proxmox automated installer.",
    subcommands = {
      AnswerCommand.Validate.class,
      AnswerCommand.Init.class,
      AnswerCommand.HashPassword.class
    })
final class AnswerCommand implements Runnable {

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        new picocli.CommandLine(this), "a subcommand is missing: validate, init or hash-password");
  }

  /** {@code pveiso answer validate FILE...}. */
  @Command(
      name = "validate",
      mixinStandardHelpOptions = true,
      description = {
        "Check answer files against the installer's rules: every problem of a file at once, with"
            + " its line and key. Deprecated snake_case keys are warnings (errors with --strict)."
            + " Exit 0 when all are valid, 2 when one is not."
      })
  static final class Validate extends BaseCommand {

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Answer files (TOML).")
    List<Path> files = new ArrayList<>();

    @Option(names = "--strict", description = "Deprecated snake_case keys are errors too.")
    boolean strict;

    @Override
    CommandOutput run(CliContext context, GlobalOptions options, EventListener events) {
      StringBuilder text = new StringBuilder();
      List<Map<String, Object>> data = new ArrayList<>();
      boolean valid = true;
      for (Path file : files) {
        AnswerReport report =
            AnswerValidator.validate(context.workingDir().resolve(file), file.toString(), strict);
        valid &= report.valid();
        report.problems().forEach(p -> text.append(p.text()).append('\n'));
        text.append(summary(report)).append('\n');
        if (!report.notChecked().isEmpty()) {
          text.append(report.notCheckedLine()).append('\n');
        }
        data.add(document(report));
      }
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("valid", valid);
      result.put("strict", strict);
      result.put("files", data);
      return new CommandOutput(
          text.toString(), result, valid ? ExitCode.OK : ExitCode.INVALID_INPUT);
    }

    private static String summary(AnswerReport report) {
      int errors = report.errors().size();
      int warnings = report.warnings().size();
      return report.file()
          + ": "
          + (errors == 0 ? "valid" : "invalid: " + count(errors, "error"))
          + (warnings == 0 ? "" : ", " + count(warnings, "warning"));
    }

    private static String count(int n, String what) {
      return n + " " + what + (n == 1 ? "" : "s");
    }

    private static Map<String, Object> document(AnswerReport report) {
      Map<String, Object> file = new LinkedHashMap<>();
      file.put("file", report.file());
      file.put("valid", report.valid());
      file.put("errors", report.errors().size());
      file.put("warnings", report.warnings().size());
      List<Map<String, Object>> problems = new ArrayList<>();
      for (AnswerProblem p : report.problems()) {
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("severity", p.severity().name().toLowerCase(java.util.Locale.ROOT));
        one.put("line", p.line());
        one.put("key", p.key());
        one.put("check", p.check());
        one.put("message", p.message());
        one.put("allowed", p.allowed());
        problems.add(one);
      }
      file.put("problems", problems);
      file.put("notChecked", report.notChecked());
      return file;
    }
  }

  /** {@code pveiso answer init}. */
  @Command(
      name = "init",
      mixinStandardHelpOptions = true,
      description = {
        "Print a commented minimal answer file to start from. It is valid as printed except for"
            + " the placeholders it names (global.mailto, global.root-password-hashed)."
      })
  static final class Init extends BaseCommand {
    @Override
    CommandOutput run(CliContext context, GlobalOptions options, EventListener events) {
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("answer", AnswerTemplate.text());
      data.put("placeholders", AnswerTemplate.PLACEHOLDERS);
      return CommandOutput.ok(AnswerTemplate.text(), data);
    }
  }

  /** {@code pveiso answer hash-password}. */
  @Command(
      name = "hash-password",
      mixinStandardHelpOptions = true,
      description = {
        "Read a password and print its SHA-512 crypt hash ($6$...) for root-password-hashed. The"
            + " password comes from a prompt that does not echo it, or from the first line of"
            + " standard input when that is not a terminal; never from an argument."
      })
  static final class HashPassword extends BaseCommand {

    @Option(
        names = "--salt",
        paramLabel = "SALT",
        description =
            "A fixed salt (1 to 16 characters of ./0-9A-Za-z), for tests; by default a random"
                + " 16-character one.")
    @Nullable String salt;

    @Override
    CommandOutput run(CliContext context, GlobalOptions options, EventListener events) {
      byte[] password = PasswordInput.read(context);
      try {
        String hash =
            salt == null
                ? Sha512Crypt.hash(password, new SecureRandom())
                : Sha512Crypt.hash(password, salt);
        return CommandOutput.ok(hash + "\n", Map.of("hash", hash));
      } finally {
        java.util.Arrays.fill(password, (byte) 0);
      }
    }
  }
}
