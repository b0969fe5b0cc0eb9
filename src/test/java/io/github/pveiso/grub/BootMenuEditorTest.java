package io.github.pveiso.grub;

import static io.github.pveiso.grub.ProxmoxMenu.bytes;
import static io.github.pveiso.grub.ProxmoxMenu.replace;
import static io.github.pveiso.grub.ProxmoxMenu.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BootMenuEditorTest {

  static String menu;

  @BeforeAll
  static void read() {
    menu = ProxmoxMenu.text();
  }

  static BootMenuChange args(String... items) {
    return new BootMenuChange(
        java.util.Arrays.stream(items).map(i -> KernelArgument.parse(i, "kernel_args")).toList(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  static BootMenuChange with(
      BootMenuChange change,
      Optional<String> serial,
      Optional<EntryKind> bootDefault,
      Optional<Integer> timeout) {
    return new BootMenuChange(
        change.arguments(), serial.map(SerialConsole::parse), bootDefault, timeout);
  }

  static MenuEdit edit(String text, BootMenuChange change) {
    return BootMenuEditor.apply(bytes(text), change);
  }

  /** The fixture menu with {@code nomodeset} after every installer linux line's arguments. */
  static String withEverywhere(String text, String argument) {
    String a = " " + argument + "\n";
    text = replace(text, "proxmox-start-auto-installer\n", "proxmox-start-auto-installer" + a, 2);
    text = replace(text, "rw quiet splash=silent\n", "rw quiet splash=silent" + a);
    text = replace(text, "splash=silent proxtui\n", "splash=silent proxtui" + a);
    text = replace(text, "console=ttyS0,115200\n", "console=ttyS0,115200" + a, 2);
    text = replace(text, "rw splash=verbose proxdebug\n", "rw splash=verbose proxdebug" + a);
    return replace(text, "proxdebug proxtui\n", "proxdebug proxtui" + a);
  }

  @Test
  void nothingAskedLeavesEveryByteEvenOfAFileItCannotRead() {
    byte[] garbage = {'}', 0, (byte) 0xff, '\n'};
    MenuEdit edit = BootMenuEditor.apply(garbage, BootMenuChange.NONE);
    assertThat(edit.edited()).isEqualTo(garbage);
    assertThat(edit.changed()).isFalse();
    assertThat(edit.diff("/boot/grub/grub.cfg")).isEmpty();
  }

  @Test
  void aKernelArgumentGoesAtTheEndOfEveryInstallerLinuxLine() {
    MenuEdit edit = edit(menu, args("nomodeset"));
    assertThat(string(edit.edited())).isEqualTo(withEverywhere(menu, "nomodeset"));
    assertThat(edit.addedArguments()).containsExactly("nomodeset");
    assertThat(edit.entries()).hasSize(8);
    assertThat(edit.entries().get(4))
        .isEqualTo(
            new MenuEdit.EntryChange(
                "Advanced Options > Install Proxmox VE (Graphical, Debug Mode)",
                List.of("nomodeset"),
                List.of()));
    assertThat(edit.serial()).isEmpty();
    assertThat(edit.defaultEntry()).isEmpty();
    assertThat(edit.warnings()).isEmpty();
    assertThat(edit.diff("/boot/grub/grub.cfg"))
        .startsWith("--- a/boot/grub/grub.cfg\n+++ b/boot/grub/grub.cfg\n@@ -37,7 +37,7 @@\n")
        .contains(
            "-        linux\t/boot/linux26 ro ramdisk_size=16777216 rw quiet splash=silent"
                + " proxmox-start-auto-installer\n"
                + "+        linux\t/boot/linux26 ro ramdisk_size=16777216 rw quiet splash=silent"
                + " proxmox-start-auto-installer nomodeset\n");
  }

  @Test
  void aLimitedArgumentGoesOnlyOnItsKind() {
    MenuEdit edit = edit(menu, args("debug:foo=1", "tui:bar"));
    String expected =
        replace(menu, "rw splash=verbose proxdebug\n", "rw splash=verbose proxdebug foo=1\n");
    expected = replace(expected, "proxdebug proxtui\n", "proxdebug proxtui foo=1\n");
    expected =
        replace(
            expected,
            "proxdebug proxtui console=ttyS0,115200\n",
            "proxdebug proxtui console=ttyS0,115200 foo=1\n");
    expected = replace(expected, "splash=silent proxtui\n", "splash=silent proxtui bar\n");
    assertThat(string(edit.edited())).isEqualTo(expected);
    assertThat(edit.addedArguments()).containsExactly("bar", "foo=1");
  }

  @Test
  void theSerialConsoleMovesGrubAndTheSerialEntriesAndBecomesTheDefault() {
    MenuEdit edit =
        edit(
            menu,
            with(
                args("nomodeset"),
                Optional.of("ttyS1,115200n8"),
                Optional.of(EntryKind.SERIAL),
                Optional.empty()));
    String expected = withEverywhere(menu, "nomodeset");
    expected =
        replace(
            expected,
            "if serial --unit=0 --speed=115200; then",
            "if serial --unit=1 --speed=115200; then");
    expected =
        replace(
            expected, "console=ttyS0,115200 nomodeset\n", "console=ttyS1,115200n8 nomodeset\n", 2);
    expected =
        replace(
            expected,
            "    }\n}\n\necho \"PVEISO-GRUB-OK mkrescue\"",
            "    }\n}\n\n# set by pveiso: boot_default=serial\n"
                + "set default='Install Proxmox VE (Terminal UI, Serial Console)'\n"
                + "\necho \"PVEISO-GRUB-OK mkrescue\"");
    assertThat(string(edit.edited())).isEqualTo(expected);
    assertThat(edit.serial()).containsExactly("line 28: serial --unit=1 --speed=115200");
    assertThat(edit.entries().get(3))
        .isEqualTo(
            new MenuEdit.EntryChange(
                "Install Proxmox VE (Terminal UI, Serial Console)",
                List.of("nomodeset"),
                List.of("console=ttyS0,115200 -> console=ttyS1,115200n8")));
    assertThat(edit.defaultEntry()).contains("Install Proxmox VE (Terminal UI, Serial Console)");
    assertThat(edit.notes())
        .containsExactly(
            "the default entry 'Install Proxmox VE (Terminal UI, Serial Console)' is defined only"
                + " under "
                + BootMenuTest.SERIAL_IF
                + "; when that does not hold, GRUB boots the first entry");
  }

  @Test
  void parityAndWordLengthAreAddedWhereGrubsDefaultsDoNotFit() {
    MenuEdit edit =
        edit(menu, with(args(), Optional.of("ttyS0,9600e7"), Optional.empty(), Optional.empty()));
    String expected =
        replace(
            menu,
            "if serial --unit=0 --speed=115200; then",
            "if serial --parity=even --word=7 --unit=0 --speed=9600; then");
    expected = replace(expected, "console=ttyS0,115200\n", "console=ttyS0,9600e7\n", 2);
    assertThat(string(edit.edited())).isEqualTo(expected);
    assertThat(edit.serial())
        .containsExactly("line 28: serial --parity=even --word=7 --unit=0 --speed=9600");
  }

  @Test
  void theAutomatedDefaultIsTheUnconditionalEntryInTheSubmenuWithATimeout() {
    MenuEdit edit =
        edit(
            menu, with(args(), Optional.empty(), Optional.of(EntryKind.AUTOMATED), Optional.of(5)));
    String expected =
        replace(
            menu,
            "    }\n}\n\necho",
            "    }\n}\n\n# set by pveiso: boot_default=automated, boot_timeout=5\n"
                + "set default='Advanced Options>Install Proxmox VE (Automated)'\n"
                + "set timeout=5\n"
                + "\necho");
    assertThat(string(edit.edited())).isEqualTo(expected);
    assertThat(edit.defaultEntry()).contains("Advanced Options > Install Proxmox VE (Automated)");
    assertThat(edit.timeout()).contains(5);
    assertThat(edit.notes()).isEmpty();
    assertThat(edit.entries()).isEmpty();
  }

  @Test
  void editingAnEditedMenuAgainChangesNothingMore() {
    BootMenuChange change =
        with(
            args("nomodeset", "debug:foo=1"),
            Optional.of("ttyS1,115200n8"),
            Optional.of(EntryKind.SERIAL),
            Optional.of(5));
    byte[] once = edit(menu, change).edited();
    MenuEdit twice = BootMenuEditor.apply(once, change);
    assertThat(twice.edited()).isEqualTo(once);
    assertThat(twice.changed()).isFalse();
    assertThat(twice.warnings()).hasSize(2).allMatch(w -> w.endsWith("; not added there again"));
    // another default replaces the earlier block where it is
    byte[] other =
        BootMenuEditor.apply(
                once, with(args(), Optional.empty(), Optional.of(EntryKind.TUI), Optional.empty()))
            .edited();
    assertThat(string(other))
        .isEqualTo(
            replace(
                string(once),
                "# set by pveiso: boot_default=serial, boot_timeout=5\n"
                    + "set default='Install Proxmox VE (Terminal UI, Serial Console)'\n"
                    + "set timeout=5\n",
                "# set by pveiso: boot_default=tui\n"
                    + "set default='Install Proxmox VE (Terminal UI)'\n"));
  }

  @Test
  void anEarlierBlockBeforeLaterEntriesMovesAfterThem() {
    String cfg =
        "menuentry 'Install A' { linux /boot/linux26 }\n"
            + "\n# set by pveiso: boot_timeout=1\nset timeout=1\n"
            + "menuentry 'Install B' { linux /boot/linux26 }\n";
    MenuEdit edit = edit(cfg, with(args(), Optional.empty(), Optional.empty(), Optional.of(2)));
    assertThat(string(edit.edited()))
        .isEqualTo(
            "menuentry 'Install A' { linux /boot/linux26 }\n"
                + "menuentry 'Install B' { linux /boot/linux26 }\n"
                + "\n# set by pveiso: boot_timeout=2\nset timeout=2\n");
  }

  @Test
  void aTimeoutAloneSetsNoDefault() {
    MenuEdit edit = edit(menu, with(args(), Optional.empty(), Optional.empty(), Optional.of(0)));
    assertThat(string(edit.edited()))
        .isEqualTo(
            replace(
                menu,
                "    }\n}\n\necho",
                "    }\n}\n\n# set by pveiso: boot_timeout=0\nset timeout=0\n\necho"));
  }

  @Test
  void argumentsAlreadyThereAreNotAddedTwiceAndOverridesAreSaid() {
    MenuEdit edit = edit(menu, args("quiet", "splash=verbose"));
    assertThat(edit.warnings())
        .containsExactly(
            "kernel argument 'splash=verbose' follows 'splash=silent' on 'Install Proxmox VE"
                + " (Automated)'; the kernel takes the last",
            "kernel argument 'splash=verbose' follows 'splash=silent' on 'Install Proxmox VE"
                + " (Graphical)'; the kernel takes the last",
            "kernel argument 'splash=verbose' follows 'splash=silent' on 'Install Proxmox VE"
                + " (Terminal UI)'; the kernel takes the last",
            "kernel argument 'quiet' is already on 'Install Proxmox VE (Automated)', 'Install"
                + " Proxmox VE (Graphical)', 'Install Proxmox VE (Terminal UI)'; not added there"
                + " again",
            "kernel argument 'splash=verbose' is already on 'Install Proxmox VE (Terminal UI,"
                + " Serial Console)', 'Advanced Options > Install Proxmox VE (Graphical, Debug"
                + " Mode)', 'Advanced Options > Install Proxmox VE (Terminal UI, Debug Mode)',"
                + " 'Advanced Options > Install Proxmox VE (Serial Console Debug Mode)', 'Advanced"
                + " Options > Install Proxmox VE (Automated)'; not added there again");
    assertThat(edit.entries().get(0).added()).containsExactly("splash=verbose");
    assertThat(edit.entries().get(3).added()).containsExactly("quiet");
  }

  @Test
  void tabsSpacesCommentsAndContinuationsStayAsTheyAre() {
    String cfg =
        "menuentry \"Install Proxmox VE (Graphical)\" {\n"
            + "\tlinux\t/boot/linux26\tro  quiet   # keep this comment\n"
            + "\tinitrd /boot/initrd.img\n"
            + "}\n"
            + "menuentry 'Install Proxmox VE (Terminal UI)' {\r\n"
            + "  linux /boot/linux26 ro \\\n      proxtui\r\n"
            + "}";
    MenuEdit edit =
        edit(
            cfg,
            with(
                args("nomodeset"), Optional.empty(), Optional.of(EntryKind.TUI), Optional.empty()));
    assertThat(string(edit.edited()))
        .isEqualTo(
            "menuentry \"Install Proxmox VE (Graphical)\" {\n"
                + "\tlinux\t/boot/linux26\tro  quiet nomodeset   # keep this comment\n"
                + "\tinitrd /boot/initrd.img\n"
                + "}\n"
                + "menuentry 'Install Proxmox VE (Terminal UI)' {\r\n"
                + "  linux /boot/linux26 ro \\\n      proxtui nomodeset\r\n"
                + "}\r\n"
                + "\r\n# set by pveiso: boot_default=tui\r\n"
                + "set default='Install Proxmox VE (Terminal UI)'\r\n");
  }

  @Test
  void theDefaultOfANestedEntryUsesIdsWhereGivenAndQuotesTitles() {
    String cfg =
        """
        set timeout=1
        submenu 'Tools > More' {
          submenu "Inner" --id=inner {
            menuentry 'Install Proxmox's Debug' --class os {
              linux /boot/linux26 proxdebug
            }
            menuentry 'Install Proxmox VE (Debug Mode)' --id dbg {
              linux /boot/linux26 proxdebug
            }
          }
        }
        set timeout=3
        echo done
        """;
    // the title with a quote comes first: it is the one chosen
    cfg = cfg.replace("'Install Proxmox's Debug'", "\"Install Proxmox's Debug\"");
    MenuEdit edit =
        edit(cfg, with(args(), Optional.empty(), Optional.of(EntryKind.DEBUG), Optional.empty()));
    assertThat(string(edit.edited()))
        .isEqualTo(
            cfg.replace(
                "set timeout=3\n",
                "set timeout=3\n\n# set by pveiso: boot_default=debug\n"
                    + "set default='Tools >> More>inner>Install Proxmox'\\''s Debug'\n"));
    assertThat(edit.defaultEntry()).contains("Tools > More > Inner > Install Proxmox's Debug");
  }

  @Test
  void anAutomatedEntryOnlyUnderItsTestIsChosenWithANote() {
    String cfg =
        replace(
            menu,
            "    menuentry 'Install Proxmox VE (Automated)' --class debian --class gnu-linux"
                + " --class gnu --class os {\n"
                + "        echo\t'Loading Proxmox VE Automatic Installer ...'\n"
                + "        linux\t/boot/linux26 ro ramdisk_size=16777216 rw splash=verbose"
                + " proxmox-start-auto-installer\n"
                + "        echo\t'Loading initial ramdisk ...'\n"
                + "        initrd\t/boot/initrd.img\n"
                + "    }\n",
            "");
    MenuEdit edit =
        edit(
            cfg,
            with(args(), Optional.empty(), Optional.of(EntryKind.AUTOMATED), Optional.empty()));
    assertThat(edit.defaultEntry()).contains("Install Proxmox VE (Automated)");
    assertThat(string(edit.edited())).contains("set default='Install Proxmox VE (Automated)'\n");
    assertThat(edit.notes())
        .containsExactly(
            "the default entry 'Install Proxmox VE (Automated)' is defined only under if [ -f"
                + " auto-installer-mode.toml ]; when that does not hold, GRUB boots the first"
                + " entry");
  }

  @Test
  void withoutAnyAutomatedEntryTheAutomatedPartsAreRefused() {
    String cfg =
        menu.substring(0, menu.indexOf("if [ -f auto-installer-mode.toml ]"))
            + menu.substring(
                menu.indexOf("menuentry 'Install Proxmox VE (Graphical)'"),
                menu.lastIndexOf("    menuentry 'Install Proxmox VE (Automated)'"))
            + "}\n";
    assertThat(BootMenu.read(bytes(cfg)).installerEntries()).hasSize(6);
    assertThatThrownBy(
            () ->
                edit(
                    cfg,
                    with(
                        args("automated:foo", "nomodeset"),
                        Optional.empty(),
                        Optional.of(EntryKind.AUTOMATED),
                        Optional.empty())))
        .isInstanceOf(MenuShapeException.class)
        .hasMessage(
            "no automated entry for kernel_args 'automated:foo'; no automated entry for"
                + " boot_default");
    // the rest still works on that menu
    assertThat(string(edit(cfg, args("nomodeset")).edited())).contains("proxtui nomodeset\n");
  }

  @Test
  void aMenuOfUnknownShapeIsRefusedWithWhatIsMissing() {
    String live = "menuentry 'Live' {\n  linux /live/vmlinuz boot=live\n}\n";
    assertThatThrownBy(
            () ->
                edit(
                    live,
                    with(
                        args("nomodeset"),
                        Optional.of("ttyS1,115200"),
                        Optional.empty(),
                        Optional.empty())))
        .isInstanceOf(MenuShapeException.class)
        .hasMessage(
            "no menu entry loads /boot/linux26 (the installer kernel); no 'serial' command sets"
                + " up GRUB's serial port");
    assertThatThrownBy(() -> edit("menuentry 'x' {\n", args("nomodeset")))
        .hasMessage("no GRUB script pveiso can follow (line 2: 'menuentry' is never closed)");
    assertThatThrownBy(
            () ->
                edit(
                    "function f {\n menuentry 'Install' { linux /boot/linux26 }\n}\n"
                        + "menuentry 'Install Proxmox VE' { linux /boot/linux26 }\n",
                    args("nomodeset")))
        .hasMessage(
            "line 2: a menu entry inside 'function' (pveiso cannot tell which entries it makes)");
  }

  @Test
  void aSerialChangeNeedsAUnitItCanChangeAndASerialEntry() {
    String cfg =
        "serial com1 --speed=115200\n"
            + "menuentry 'Install Proxmox VE (Graphical)' { linux /boot/linux26 ro }\n";
    assertThatThrownBy(
            () ->
                edit(
                    cfg,
                    with(
                        args(), Optional.of("ttyS1,115200n8"), Optional.empty(), Optional.empty())))
        .hasMessage(
            "line 1: 'serial com1 --speed=115200' chooses its port otherwise than with --unit;"
                + " no installer entry has a serial console= to move to ttyS1,115200n8");
  }

  @Test
  void aSerialCommandWithoutUnitOrSpeedGetsThem() {
    String cfg = "serial\nmenuentry 'Install (serial)' { linux /boot/linux26 console=ttyS0 }\n";
    MenuEdit edit =
        edit(cfg, with(args(), Optional.of("ttyS2,57600"), Optional.empty(), Optional.empty()));
    assertThat(string(edit.edited()))
        .isEqualTo(
            "serial --unit=2 --speed=57600\n"
                + "menuentry 'Install (serial)' { linux /boot/linux26 console=ttyS2,57600 }\n");
  }

  @Test
  void aFileWithoutAFinalNewlineGetsOneBeforeTheDefault() {
    String cfg = "menuentry 'Install Proxmox VE (Graphical)' { linux /boot/linux26 }";
    MenuEdit edit =
        edit(cfg, with(args(), Optional.empty(), Optional.of(EntryKind.GRAPHICAL), Optional.of(2)));
    assertThat(string(edit.edited()))
        .isEqualTo(
            cfg
                + "\n\n# set by pveiso: boot_default=graphical, boot_timeout=2\n"
                + "set default='Install Proxmox VE (Graphical)'\nset timeout=2\n");
  }
}
