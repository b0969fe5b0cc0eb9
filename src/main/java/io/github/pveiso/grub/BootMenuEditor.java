package io.github.pveiso.grub;

import io.github.pveiso.grub.BootMenu.Found;
import io.github.pveiso.grub.GrubNode.Command;
import io.github.pveiso.grub.GrubNode.MenuBlock;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Edits the installer's GRUB menu: adds kernel arguments to the {@code linux} lines of the
 * installer's entries, moves GRUB's {@code serial} commands and the serial entries' {@code
 * console=} to another port and speed, and sets the default entry and the timeout. It reads the
 * file as GRUB does ({@link BootMenu}) and changes only the words it must, so every other byte
 * stays as it was; a file without the entries or commands a change needs is refused with what is
 * missing ({@link MenuShapeException}), never edited blindly.
 *
 * <p>Over 300 lines because the four changes (arguments, serial port, default, timeout) are one
 * pass over one read of the file: their edits are offsets into the same original text, applied
 * together at the end, and the shape check, warnings and notes share that state; split apart, each
 * part would need the whole of it.
 */
public final class BootMenuEditor {

  /** The lines {@link #defaultAndTimeout} adds, with the blank line before them. */
  private static final Pattern EARLIER_BLOCK =
      Pattern.compile(
          "(?m)^\\r?\\n# set by pveiso: [^\\r\\n]*\\r?\\n"
              + "(?:set default='(?:[^'\\r\\n]|'\\\\'')*'\\r?\\n)?"
              + "(?:set timeout=[0-9]+\\r?\\n)?");

  private final BootMenu menu;
  private final BootMenuChange change;
  private final String text;
  private final String eol;
  private final List<TextEdit> edits = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  /** One replacement of the characters {@code [start, end)}; an insertion when they are equal. */
  private record TextEdit(int start, int end, String replacement) {}

  private BootMenuEditor(BootMenu menu, BootMenuChange change) {
    this.menu = menu;
    this.change = change;
    this.text = menu.script().text();
    this.eol = text.contains("\r\n") ? "\r\n" : "\n";
  }

  /**
   * Applies {@code change} to the GRUB configuration {@code cfg}.
   *
   * @throws MenuShapeException when the file lacks what the change needs (nothing is edited)
   */
  public static MenuEdit apply(byte[] cfg, BootMenuChange change) {
    if (change.isEmpty()) {
      return MenuEdit.unchanged(cfg, List.of(), List.of());
    }
    BootMenuEditor editor = new BootMenuEditor(BootMenu.read(cfg), change);
    editor.requireShape();
    return editor.edit(cfg);
  }

  /** Fails with everything the change needs that the menu lacks. */
  private void requireShape() {
    List<String> missing = new ArrayList<>(menu.problems());
    List<Found> installer = menu.installer();
    if (installer.isEmpty()) {
      missing.add("no menu entry loads " + BootMenu.INSTALLER_KERNEL + " (the installer kernel)");
    }
    change
        .serial()
        .ifPresent(
            serial -> {
              if (menu.serialCommands().isEmpty()) {
                missing.add("no 'serial' command sets up GRUB's serial port");
              }
              for (Command c : menu.serialCommands()) {
                unchangeable(c).ifPresent(missing::add);
              }
              if (!installer.isEmpty()
                  && installer.stream()
                      .noneMatch(f -> BootMenu.serialConsole(f.entry().arguments()).isPresent())) {
                missing.add("no installer entry has a serial console= to move to " + serial.text());
              }
            });
    for (KernelArgument a : change.arguments()) {
      if (a.only().isPresent()
          && !installer.isEmpty()
          && installer.stream().noneMatch(f -> f.entry().kind() == a.only().get())) {
        missing.add(
            "no " + a.only().get().word() + " entry for " + a.key() + " '" + a.item() + "'");
      }
    }
    change
        .bootDefault()
        .filter(kind -> !installer.isEmpty() && menu.first(kind).isEmpty())
        .ifPresent(kind -> missing.add("no " + kind.word() + " entry for boot_default"));
    if (!missing.isEmpty()) {
      throw new MenuShapeException(missing);
    }
  }

  /** Why a serial command cannot be moved to another unit, if it cannot. */
  private Optional<String> unchangeable(Command c) {
    for (GrubToken word : c.words().subList(1, c.words().size())) {
      String v = word.value();
      if (!v.startsWith("--") || v.startsWith("--port")) {
        return Optional.of(
            "line "
                + menu.script().lineOf(c.start())
                + ": '"
                + menu.script().display(c.start(), c.end())
                + "' chooses its port otherwise than with --unit");
      }
    }
    return Optional.empty();
  }

  private MenuEdit edit(byte[] cfg) {
    List<String> serialLines = new ArrayList<>();
    change
        .serial()
        .ifPresent(s -> menu.serialCommands().forEach(c -> serialLines.add(serial(c, s))));
    List<MenuEdit.EntryChange> entries = new ArrayList<>();
    Map<String, List<String>> already = new LinkedHashMap<>();
    for (Found f : menu.installer()) {
      entry(f, already).ifPresent(entries::add);
    }
    already.forEach(
        (argument, where) ->
            warnings.add(
                "kernel argument '"
                    + argument
                    + "' is already on "
                    + String.join(", ", where.stream().map(w -> "'" + w + "'").toList())
                    + "; not added there again"));
    Optional<Found> chosen = change.bootDefault().flatMap(menu::first);
    if (chosen.isPresent() || change.timeout().isPresent()) {
      defaultAndTimeout(chosen);
    }
    byte[] edited = applyEdits().getBytes(StandardCharsets.ISO_8859_1);
    return new MenuEdit(
        cfg,
        edited,
        entries,
        serialLines,
        chosen.map(f -> f.entry().path()),
        change.timeout(),
        warnings,
        notes);
  }

  /** Sets each serial option on one command; returns the command as it now reads. */
  private String serial(Command c, SerialConsole console) {
    List<String> words = new ArrayList<>();
    for (GrubToken w : c.words()) {
      words.add(text.substring(w.start(), w.end()));
    }
    List<String> inserted = new ArrayList<>();
    for (String[] option : console.grubOptions()) {
      String wanted = option[0] + "=" + option[1];
      boolean found = false;
      for (int i = 1; i < c.words().size(); i++) {
        GrubToken w = c.words().get(i);
        if (w.value().startsWith(option[0] + "=")) {
          found = true;
          if (!w.value().equals(wanted)) {
            edits.add(new TextEdit(w.start(), w.end(), wanted));
            words.set(i, wanted);
          }
        }
      }
      if (!found) {
        inserted.add(wanted);
      }
    }
    if (!inserted.isEmpty()) {
      edits.add(
          new TextEdit(
              c.words().get(0).end(), c.words().get(0).end(), " " + String.join(" ", inserted)));
      words.addAll(1, inserted);
    }
    return "line " + menu.script().lineOf(c.start()) + ": " + String.join(" ", words);
  }

  /** Changes one entry's linux lines; returns what changed, if anything. */
  private Optional<MenuEdit.EntryChange> entry(Found f, Map<String, List<String>> already) {
    List<String> added = new ArrayList<>();
    List<String> replaced = new ArrayList<>();
    for (Command kernel : f.kernels()) {
      List<String> current = new ArrayList<>(kernel.arguments());
      if (change.serial().isPresent()) {
        String wanted = change.serial().get().argument();
        for (int i = 2; i < kernel.words().size(); i++) {
          GrubToken w = kernel.words().get(i);
          if (BootMenu.isSerialConsole(w.value()) && !w.value().equals(wanted)) {
            edits.add(new TextEdit(w.start(), w.end(), wanted));
            current.set(i - 1, wanted);
            addOnce(replaced, w.value() + " -> " + wanted);
          }
        }
      }
      List<String> here = new ArrayList<>();
      for (KernelArgument a : change.arguments()) {
        if (a.only().isPresent() && a.only().get() != f.entry().kind()) {
          continue;
        }
        if (current.contains(a.text())) {
          boolean fromSerial =
              change.serial().map(s -> s.argument().equals(a.text())).orElse(false);
          if (!fromSerial) {
            List<String> where = already.computeIfAbsent(a.text(), k -> new ArrayList<>());
            addOnce(where, f.entry().path());
          }
          continue;
        }
        overridden(a, current)
            .ifPresent(
                old ->
                    warnings.add(
                        "kernel argument '"
                            + a.text()
                            + "' follows '"
                            + old
                            + "' on '"
                            + f.entry().path()
                            + "'; the kernel takes the last"));
        current.add(a.text());
        here.add(a.text());
      }
      if (!here.isEmpty()) {
        edits.add(new TextEdit(kernel.end(), kernel.end(), " " + String.join(" ", here)));
        here.forEach(a -> addOnce(added, a));
      }
    }
    return added.isEmpty() && replaced.isEmpty()
        ? Optional.empty()
        : Optional.of(new MenuEdit.EntryChange(f.entry().path(), added, replaced));
  }

  /** An argument of the same name with another value, which {@code a} overrides. */
  private static Optional<String> overridden(KernelArgument a, List<String> current) {
    if (!a.text().contains("=") || a.name().equals("console")) {
      return Optional.empty();
    }
    return current.stream().filter(c -> c.startsWith(a.name() + "=")).findFirst();
  }

  private static void addOnce(List<String> list, String item) {
    if (!list.contains(item)) {
      list.add(item);
    }
  }

  /**
   * Adds {@code set default} and {@code set timeout} after the last top-level statement that
   * defines menu entries or sets either: GRUB runs the whole file before it shows the menu, so the
   * last assignment counts, and conditional ones (the automated entry's timeout) come before it.
   */
  private void defaultAndTimeout(Optional<Found> chosen) {
    // a block pveiso set before (a build from an earlier output) is replaced, not stacked
    Matcher earlier = EARLIER_BLOCK.matcher(text);
    int[] old = earlier.find() ? new int[] {earlier.start(), earlier.end()} : new int[] {-1, -1};
    int anchor = 0;
    for (GrubNode node : menu.script().nodes()) {
      boolean inOld = node.start() >= old[0] && node.end() <= old[1];
      if (!inOld && definesMenuOrDefault(node)) {
        anchor = node.end();
      }
    }
    int newline = text.indexOf('\n', anchor);
    int at = newline < 0 ? text.length() : newline + 1;
    StringBuilder block = new StringBuilder(newline < 0 ? eol : "");
    List<String> set = new ArrayList<>();
    chosen.ifPresent(f -> set.add("boot_default=" + change.bootDefault().orElseThrow().word()));
    change.timeout().ifPresent(t -> set.add("boot_timeout=" + t));
    block.append(eol).append("# set by pveiso: ").append(String.join(", ", set)).append(eol);
    chosen.ifPresent(
        f ->
            block
                .append("set default='")
                .append(f.defaultPath().replace("'", "'\\''"))
                .append("'")
                .append(eol));
    change.timeout().ifPresent(t -> block.append("set timeout=").append(t).append(eol));
    if (at == old[0]) {
      edits.add(new TextEdit(old[0], old[1], block.toString()));
    } else {
      if (old[0] >= 0) {
        edits.add(new TextEdit(old[0], old[1], ""));
      }
      edits.add(new TextEdit(at, at, block.toString()));
    }
    chosen
        .filter(Found::conditional)
        .ifPresent(
            f ->
                notes.add(
                    "the default entry '"
                        + f.entry().path()
                        + "' is defined only under "
                        + String.join(" and ", f.entry().conditions())
                        + "; when that does not hold, GRUB boots the first entry"));
  }

  private static boolean definesMenuOrDefault(GrubNode node) {
    boolean[] found = {false};
    GrubScript.visit(
        List.of(node),
        n -> {
          if (n instanceof MenuBlock || (n instanceof Command c && setsDefaultOrTimeout(c))) {
            found[0] = true;
          }
        });
    return found[0];
  }

  private static boolean setsDefaultOrTimeout(Command c) {
    List<String> words = new ArrayList<>();
    words.add(c.name());
    if (c.name().equals("set")) {
      words.addAll(c.arguments());
    }
    return words.stream().anyMatch(w -> w.startsWith("default=") || w.startsWith("timeout="));
  }

  private String applyEdits() {
    StringBuilder out = new StringBuilder(text);
    List<TextEdit> ordered = new ArrayList<>(edits);
    ordered.sort(Comparator.comparingInt(TextEdit::start).reversed());
    for (TextEdit e : ordered) {
      out.replace(e.start(), e.end(), e.replacement());
    }
    return out.toString();
  }
}
