package io.github.pveiso.config;

import io.github.pveiso.InvalidInputException;
import io.github.pveiso.events.EventListener;
import io.github.pveiso.proxmox.answer.AnswerDir;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Checks typed values for what their type alone does not say: formats, ranges, existing files. */
final class SettingsValidator {

  private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+(-\\d+)?");
  private static final Pattern SUITE = Pattern.compile("[a-z][a-z0-9-]*");
  private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
  private static final long MAX_FIRST_BOOT = 1024 * 1024;
  private static final long MAX_EPOCH = 253_402_300_799L; // 9999-12-31T23:59:59Z

  /** Leaves room in 255 bytes for {@code .NAME.<pid>-<start>.partial} and {@code .sha256}. */
  private static final int MAX_OUTPUT_NAME = 200;

  private final Map<ConfigKey, Setting> settings;
  private final EventListener events;

  SettingsValidator(Map<ConfigKey, Setting> settings, EventListener events) {
    this.settings = settings;
    this.events = events;
  }

  void validate(List<ConfigProblem> problems) {
    check(problems, ConfigKey.PROXMOX_VERSION, v -> matches(VERSION, v, "MAJOR.MINOR, e.g. 9.1"));
    check(problems, ConfigKey.DEBIAN_RELEASE, v -> matches(SUITE, v, "a suite name, e.g. trixie"));
    check(problems, ConfigKey.ISO_SHA256, v -> matches(SHA256, v, "64 hexadecimal digits"));
    check(problems, ConfigKey.BUILD_ARCH, v -> nonEmpty(v));
    check(problems, ConfigKey.TARGETS, v -> nonEmpty(v));
    check(problems, ConfigKey.DEBIAN_COMPONENTS, v -> nonEmpty(v));
    check(problems, ConfigKey.SOURCE_DATE_EPOCH, SettingsValidator::epoch);
    check(problems, ConfigKey.OUTPUT_NAME, SettingsValidator::outputName);
    check(
        problems,
        ConfigKey.ISO_WRITER,
        v -> matches(Pattern.compile("auto|xorriso"), v, "auto or xorriso"));
    check(
        problems,
        ConfigKey.FIRMWARE_PRECEDENCE,
        v -> matches(Pattern.compile("proxmox|debian"), v, "proxmox or debian"));
    check(problems, ConfigKey.OUTPUT_DIR, v -> folder((Path) v));
    check(problems, ConfigKey.WORK_DIR, v -> folder((Path) v));
    check(problems, ConfigKey.FIRMWARE_CACHE, v -> folder((Path) v));
    check(problems, ConfigKey.ISO, v -> v instanceof Path p ? existingFile(p) : null);
    check(problems, ConfigKey.ANSWER_FILE, v -> existingFile((Path) v));
    check(problems, ConfigKey.ANSWER_DIR, v -> answerDir((Path) v));
    check(problems, ConfigKey.FIRMWARE_CATALOG, v -> existingFile((Path) v));
    check(problems, ConfigKey.FIRST_BOOT, SettingsValidator::firstBoot);
    catalogAndSets(problems);
    new BootMenuSettings(settings).validate(problems);
    new AutoInstallCheck(settings, problems, events).check();
    check(
        problems,
        ConfigKey.KEYRINGS,
        v -> {
          for (Object path : (List<?>) v) {
            String problem = existingFile((Path) path);
            if (problem != null) {
              return problem;
            }
          }
          return null;
        });
  }

  /** Loads the catalog (built-in plus firmware_catalog) and checks firmware_sets against it. */
  private void catalogAndSets(List<ConfigProblem> problems) {
    Setting catalogSetting = settings.get(ConfigKey.FIRMWARE_CATALOG);
    Object catalogPath = catalogSetting == null ? null : catalogSetting.value();
    FirmwareCatalog catalog;
    try {
      catalog = FirmwareCatalog.load(Optional.ofNullable((Path) catalogPath));
    } catch (InvalidInputException e) {
      if (catalogSetting != null && Files.isRegularFile((Path) catalogPath)) {
        problems.add(
            new ConfigProblem(
                ConfigKey.FIRMWARE_CATALOG,
                catalogSetting.origin(),
                e.getMessage() == null ? "unreadable" : e.getMessage()));
      }
      return;
    }
    check(
        problems,
        ConfigKey.FIRMWARE_SETS,
        v -> {
          for (Object name : (List<?>) v) {
            if (!catalog.sets().containsKey((String) name)) {
              return "'"
                  + name
                  + "' is not a known firmware set"
                  + DidYouMean.nearest((String) name, catalog.sets().keySet())
                      .map(s -> " (did you mean '" + s + "'?)")
                      .orElse("")
                  + "; known sets: "
                  + String.join(", ", catalog.sets().keySet());
            }
          }
          return null;
        });
  }

  /** A check returns a problem text, or null when the value is fine. */
  private interface Check {
    @org.jspecify.annotations.Nullable
    String problem(Object value);
  }

  private void check(List<ConfigProblem> problems, ConfigKey key, Check check) {
    Setting setting = settings.get(key);
    if (setting == null || setting.value() == null) {
      return;
    }
    String problem = check.problem(setting.value());
    if (problem != null) {
      problems.add(new ConfigProblem(key, setting.origin(), problem));
    }
  }

  private static @org.jspecify.annotations.Nullable String matches(
      Pattern pattern, Object value, String expected) {
    return pattern.matcher((String) value).matches()
        ? null
        : "'" + value + "' is not valid; expected " + expected;
  }

  private static @org.jspecify.annotations.Nullable String nonEmpty(Object value) {
    return ((List<?>) value).isEmpty() ? "must name at least one item" : null;
  }

  private static @org.jspecify.annotations.Nullable String epoch(Object value) {
    long epoch = (Long) value;
    return epoch < 0 || epoch > MAX_EPOCH
        ? "'" + epoch + "' is out of range; expected seconds from 0 to " + MAX_EPOCH
        : null;
  }

  private static @org.jspecify.annotations.Nullable String outputName(Object value) {
    String name = (String) value;
    int control = name.codePoints().filter(SettingsValidator::isControl).findFirst().orElse(-1);
    if (control >= 0) {
      return "'"
          + printable(name)
          + "' contains the control character "
          + printable(Character.toString(control))
          + "; expected a plain file name ending in .iso";
    }
    if (name.contains("/") || name.startsWith(".") || !name.endsWith(".iso")) {
      return "'" + name + "' is not valid; expected a plain file name ending in .iso";
    }
    int length = name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    if (length > MAX_OUTPUT_NAME) {
      return "'"
          + name
          + "' is "
          + length
          + " bytes long; a file name may have at most "
          + MAX_OUTPUT_NAME
          + " (the temporary and side files add to it)";
    }
    return null;
  }

  /** A character that would break a line of the .sha256 file or of a message. */
  private static boolean isControl(int c) {
    int type = Character.getType(c);
    return type == Character.CONTROL
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR;
  }

  /**
   * {@code text} with each control character written as an escape (a backslash and n, or u0000).
   */
  private static String printable(String text) {
    StringBuilder out = new StringBuilder();
    text.codePoints()
        .forEach(
            c -> {
              switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                  if (isControl(c)) {
                    out.append(String.format("\\u%04x", c));
                  } else {
                    out.appendCodePoint(c);
                  }
                }
              }
            });
    return out.toString();
  }

  /**
   * Null when {@code path} is a folder or can be made one: it and every parent that exists are
   * folders (or links to folders). Checked up front, so a build does not find out after planning
   * and staging.
   */
  private static @org.jspecify.annotations.Nullable String folder(Path path) {
    for (Path p = path.toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p)) {
        return null;
      }
      if (Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        return p.equals(path.toAbsolutePath())
            ? path + " is not a folder; give a folder (it is made when missing)"
            : path + " cannot be made: " + p + " is not a folder";
      }
    }
    return null;
  }

  /** An existing folder with at least one answer file. */
  private static @org.jspecify.annotations.Nullable String answerDir(Path path) {
    if (!Files.exists(path)) {
      return "folder " + path + " does not exist";
    }
    if (!Files.isDirectory(path)) {
      return path + " is not a folder; give the folder that holds one answer file per node";
    }
    try {
      if (AnswerDir.answers(path).isEmpty()) {
        return "folder " + path + " holds no answer file (*.toml); put one per node in it";
      }
    } catch (java.io.UncheckedIOException e) {
      return e.getMessage();
    }
    return null;
  }

  private static @org.jspecify.annotations.Nullable String existingFile(Path path) {
    if (!Files.exists(path)) {
      return "file " + path + " does not exist";
    }
    if (!Files.isRegularFile(path)) {
      return path + " is not a regular file";
    }
    return null;
  }

  private static @org.jspecify.annotations.Nullable String firstBoot(Object value) {
    Path path = (Path) value;
    String problem = existingFile(path);
    if (problem != null) {
      return problem;
    }
    try {
      long size = Files.size(path);
      if (size > MAX_FIRST_BOOT) {
        return "file "
            + path
            + " is "
            + size
            + " bytes; the installer takes at most 1 MiB (1048576)";
      }
      byte[] head;
      try (java.io.InputStream in = Files.newInputStream(path)) {
        head = in.readNBytes(4);
      }
      boolean script = head.length >= 2 && head[0] == '#' && head[1] == '!';
      boolean elf =
          head.length == 4 && head[0] == 0x7f && head[1] == 'E' && head[2] == 'L' && head[3] == 'F';
      return script || elf
          ? null
          : "file "
              + path
              + " cannot be run by the installed system: it starts with neither '#!' (a script)"
              + " nor an ELF header (a program)";
    } catch (java.io.IOException e) {
      return "cannot read " + path + ": " + e.getMessage();
    }
  }
}
