package io.github.pveiso.grub;

import io.github.pveiso.grub.GrubNode.Block;
import io.github.pveiso.grub.GrubNode.Branch;
import io.github.pveiso.grub.GrubNode.Command;
import io.github.pveiso.grub.GrubNode.IfBlock;
import io.github.pveiso.grub.GrubNode.MenuBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The menu a GRUB configuration defines: every {@code menuentry} with the submenus and {@code if}
 * conditions it sits in and the kernel it loads, and the {@code serial} commands that set up the
 * serial port. Entries that load {@link #INSTALLER_KERNEL} are the installer's.
 */
public final class BootMenu {

  /** The installer kernel on Proxmox ISOs. */
  public static final String INSTALLER_KERNEL = "/boot/linux26";

  /** The commands that load a Linux kernel. */
  static final Set<String> KERNEL_COMMANDS = Set.of("linux", "linuxefi");

  /** menuentry options that take a value. */
  private static final Set<String> VALUE_OPTIONS = Set.of("--class", "--users", "--hotkey", "--id");

  /**
   * One entry and what the editor needs to change it.
   *
   * @param entry the entry as people read it
   * @param kernels its {@code linux} commands
   * @param defaultPath what GRUB's {@code default} must hold to choose it ({@code submenu>entry},
   *     ids where given, {@code >} doubled)
   */
  record Found(MenuEntry entry, List<Command> kernels, String defaultPath) {
    Found {
      kernels = List.copyOf(kernels);
    }

    boolean installer() {
      return isInstallerKernel(entry.kernel());
    }

    boolean conditional() {
      return !entry.conditions().isEmpty();
    }
  }

  private final GrubScript script;
  private final List<Found> found = new ArrayList<>();
  private final List<Command> serialCommands = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();

  private BootMenu(GrubScript script) {
    this.script = script;
    walk(script.nodes(), new Place(List.of(), List.of(), List.of()));
  }

  /**
   * Reads the menu of a GRUB configuration.
   *
   * @throws MenuShapeException when the file is not GRUB script this reader can follow
   */
  public static BootMenu read(byte[] cfg) {
    try {
      return new BootMenu(GrubScript.parse(cfg));
    } catch (GrubSyntaxException e) {
      throw new MenuShapeException(
          List.of("no GRUB script pveiso can follow (" + e.getMessage() + ")"));
    }
  }

  /** Every entry, in menu order. */
  public List<MenuEntry> entries() {
    return found.stream().map(Found::entry).toList();
  }

  /** The entries that load the installer kernel, in menu order. */
  public List<MenuEntry> installerEntries() {
    return installer().stream().map(Found::entry).toList();
  }

  GrubScript script() {
    return script;
  }

  List<Found> installer() {
    return found.stream().filter(Found::installer).toList();
  }

  List<Command> serialCommands() {
    return List.copyOf(serialCommands);
  }

  /** What makes the menu's shape uncertain, e.g. entries defined inside a loop. */
  List<String> problems() {
    return List.copyOf(problems);
  }

  static boolean isInstallerKernel(String kernel) {
    return kernel.equals(INSTALLER_KERNEL) || kernel.endsWith(")" + INSTALLER_KERNEL);
  }

  /** Where a statement is: its submenus (titles and default parts) and conditions. */
  private record Place(List<String> submenus, List<String> defaultParts, List<String> conditions) {
    Place inside(String title, String defaultPart) {
      return new Place(plus(submenus, title), plus(defaultParts, defaultPart), conditions);
    }

    Place under(String condition) {
      return new Place(submenus, defaultParts, plus(conditions, condition));
    }

    private static List<String> plus(List<String> list, String item) {
      List<String> out = new ArrayList<>(list);
      out.add(item);
      return List.copyOf(out);
    }
  }

  private void walk(List<GrubNode> nodes, Place place) {
    for (GrubNode node : nodes) {
      switch (node) {
        case Command c -> {
          if (c.name().equals("serial")) {
            serialCommands.add(c);
          }
        }
        case IfBlock i -> walkIf(i, place);
        case MenuBlock m -> {
          Title title = title(m);
          if (m.submenu()) {
            walk(m.body(), place.inside(title.display(), title.defaultPart()));
          } else {
            found.add(entry(m, title, place));
          }
        }
        case Block b -> {
          GrubScript.visit(
              List.of(b),
              inner -> {
                if (inner instanceof MenuBlock) {
                  problems.add(
                      "line "
                          + script.lineOf(inner.start())
                          + ": a menu entry inside '"
                          + b.keyword()
                          + "' (pveiso cannot tell which entries it makes)");
                } else if (inner instanceof Command c && c.name().equals("serial")) {
                  serialCommands.add(c);
                }
              });
        }
      }
    }
  }

  private void walkIf(IfBlock block, Place place) {
    String first = "";
    for (Branch branch : block.branches()) {
      String label;
      if (branch.condition().isPresent()) {
        List<GrubNode> condition = branch.condition().get();
        walk(condition, place);
        String text = condition.isEmpty() ? "" : conditionText(condition);
        label = first.isEmpty() ? "if " + text : "elif " + text;
        if (first.isEmpty()) {
          first = text;
        }
      } else {
        label = "else of if " + first;
      }
      walk(branch.body(), place.under(label));
    }
  }

  private String conditionText(List<GrubNode> condition) {
    return script.display(condition.get(0).start(), condition.get(condition.size() - 1).end());
  }

  /** A menuentry's or submenu's title, for people and for GRUB's {@code default}. */
  private record Title(String display, String defaultPart) {}

  private Title title(MenuBlock block) {
    List<GrubToken> words = block.words();
    String title = "";
    String id = "";
    for (int i = 1; i < words.size(); i++) {
      String value = words.get(i).value();
      if (value.startsWith("--")) {
        String option = value.contains("=") ? value.substring(0, value.indexOf('=')) : value;
        String optionValue = value.contains("=") ? value.substring(value.indexOf('=') + 1) : "";
        if (VALUE_OPTIONS.contains(option) && !value.contains("=") && i + 1 < words.size()) {
          optionValue = words.get(++i).value();
        }
        if (option.equals("--id")) {
          id = optionValue;
        }
      } else if (title.isEmpty()) {
        title = value;
      }
    }
    String part = (id.isEmpty() ? title : id).replace(">", ">>");
    return new Title(GrubScript.decode(title), part);
  }

  private Found entry(MenuBlock block, Title title, Place place) {
    List<Command> kernels = new ArrayList<>();
    GrubScript.visit(
        block.body(),
        node -> {
          if (node instanceof Command c
              && KERNEL_COMMANDS.contains(c.name())
              && c.words().size() > 1) {
            kernels.add(c);
          }
        });
    String kernel = kernels.isEmpty() ? "" : kernels.get(0).arguments().get(0);
    List<String> arguments =
        kernels.isEmpty()
            ? List.of()
            : kernels.get(0).arguments().subList(1, kernels.get(0).arguments().size()).stream()
                .map(GrubScript::decode)
                .toList();
    MenuEntry entry =
        new MenuEntry(
            title.display(),
            place.submenus(),
            place.conditions(),
            kind(title.display(), kernel, arguments),
            GrubScript.decode(kernel),
            arguments);
    List<String> parts = new ArrayList<>(place.defaultParts());
    parts.add(title.defaultPart());
    return new Found(entry, kernels, String.join(">", parts));
  }

  static EntryKind kind(String title, String kernel, List<String> arguments) {
    if (!isInstallerKernel(kernel)) {
      return EntryKind.OTHER;
    }
    if (arguments.contains("proxmox-start-auto-installer")) {
      return EntryKind.AUTOMATED;
    }
    if (arguments.contains("proxdebug")) {
      return EntryKind.DEBUG;
    }
    if (serialConsole(arguments).isPresent()) {
      return EntryKind.SERIAL;
    }
    if (arguments.contains("proxtui")) {
      return EntryKind.TUI;
    }
    return title.startsWith("Install") ? EntryKind.GRAPHICAL : EntryKind.OTHER;
  }

  /** The first {@code console=} argument that names a serial port ({@code ttyS...}), if any. */
  static Optional<String> serialConsole(List<String> arguments) {
    return arguments.stream().filter(BootMenu::isSerialConsole).findFirst();
  }

  static boolean isSerialConsole(String argument) {
    return argument.startsWith("console=ttyS");
  }

  /** Found entries, for the editor. */
  List<Found> found() {
    return List.copyOf(found);
  }

  /** Optional lookups for the editor. */
  Optional<Found> first(EntryKind kind) {
    List<Found> of = installer().stream().filter(f -> f.entry().kind() == kind).toList();
    return of.stream().filter(f -> !f.conditional()).findFirst().or(() -> of.stream().findFirst());
  }
}
