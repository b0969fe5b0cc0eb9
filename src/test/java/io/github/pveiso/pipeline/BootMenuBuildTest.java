package io.github.pveiso.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.pveiso.InvalidInputException;
import io.github.pveiso.Sha256Digest;
import io.github.pveiso.config.BuildSettings;
import io.github.pveiso.config.ConfigKey;
import io.github.pveiso.config.ConfigLoader;
import io.github.pveiso.config.ConfigRequest;
import io.github.pveiso.events.EventListener;
import io.github.pveiso.events.StageTimer;
import io.github.pveiso.grub.BootMenuChange;
import io.github.pveiso.grub.BootMenuEditor;
import io.github.pveiso.grub.EntryKind;
import io.github.pveiso.grub.GrubConfig;
import io.github.pveiso.grub.KernelArgument;
import io.github.pveiso.grub.SerialConsole;
import io.github.pveiso.iso.IsoImage;
import io.github.pveiso.pipeline.plan.BootMenuPlan;
import io.github.pveiso.pipeline.stage.StagedFile;
import io.github.pveiso.proc.SystemProcessRunner;
import io.github.pveiso.testing.Fixtures;
import io.github.pveiso.testing.OtherMenus;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The boot menu change through plan, stage, write, verify and report, on the fixture ISOs. */
class BootMenuBuildTest {

  static final String MENU = "/boot/grub/grub.cfg";
  static final String SERIAL_ENTRY = "Install Proxmox VE (Terminal UI, Serial Console)";

  @TempDir Path dir;

  /** Settings for a build of {@code iso} that fetches nothing, with {@code more} on top. */
  static BuildSettings settings(Path dir, Path iso, Map<ConfigKey, String> more) {
    Map<ConfigKey, String> flags = new EnumMap<>(ConfigKey.class);
    flags.put(ConfigKey.ISO, iso.toString());
    flags.put(ConfigKey.INCLUDE_AMD, "false");
    flags.put(ConfigKey.INCLUDE_INTEL, "false");
    flags.put(ConfigKey.INCLUDE_NVIDIA, "false");
    flags.put(ConfigKey.FIRMWARE_SETS, "");
    flags.put(ConfigKey.OUTPUT_DIR, dir.resolve("out").toString());
    flags.put(ConfigKey.WORK_DIR, dir.resolve("work").toString());
    flags.put(ConfigKey.FIRMWARE_CACHE, dir.resolve("cache").toString());
    flags.put(ConfigKey.SOURCE_DATE_EPOCH, "1700000000");
    flags.putAll(more);
    return new ConfigLoader(EventListener.NONE)
        .load(new ConfigRequest(Optional.empty(), Map.of("HOME", dir.toString()), flags, dir));
  }

  static BuildPipeline pipeline(EventListener events) {
    return new BuildPipeline(Clock.systemUTC(), new SystemProcessRunner(), events, Optional::empty);
  }

  static Built build(BuildSettings settings) {
    return pipeline(EventListener.NONE)
        .build(settings, false, false, new StageTimer(Clock.systemUTC(), EventListener.NONE));
  }

  static byte[] menu(Path iso) {
    try (IsoImage image = IsoImage.open(iso)) {
      return image.readAllBytes(image.find(MENU).orElseThrow());
    }
  }

  @Test
  void theEditedMenuIsStagedWrittenVerifiedAndRecorded() throws IOException {
    Path source = Fixtures.Fixture.MKRESCUE.iso();
    Built built =
        build(
            settings(
                dir,
                source,
                Map.of(
                    ConfigKey.KERNEL_ARGS, "nomodeset",
                    ConfigKey.SERIAL_CONSOLE, "ttyS1,115200n8")));

    byte[] original = menu(source);
    byte[] expected =
        BootMenuEditor.apply(
                original,
                new BootMenuChange(
                    List.of(KernelArgument.parse("nomodeset", "kernel_args")),
                    Optional.of(SerialConsole.parse("ttyS1,115200n8")),
                    Optional.of(EntryKind.SERIAL),
                    Optional.empty()))
            .edited();
    assertThat(menu(built.output())).isEqualTo(expected);
    String sha256 = Sha256Digest.of(expected).toString();
    String origin =
        "kernel arguments nomodeset, serial console moved, default '" + SERIAL_ENTRY + "'";
    assertThat(built.staged().files())
        .containsExactly(
            StagedFile.file(
                MENU, "replace", sha256, expected.length, "boot menu edited: " + origin));
    assertThat(built.staged().notes()).containsExactly("edited " + MENU + ": " + origin);

    BootMenuPlan plan = built.planned().bootMenu();
    assertThat(plan.originalSha256()).isEqualTo(Sha256Digest.of(original).toString());
    assertThat(plan.sha256()).isEqualTo(sha256);
    assertThat(plan.serial()).containsExactly("line 28: serial --unit=1 --speed=115200");
    assertThat(plan.configs())
        .extracting(GrubConfig::location, GrubConfig::role, GrubConfig::needsChange)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(MENU, "menu", true),
            org.assertj.core.groups.Tuple.tuple(
                "BIOS boot image /boot/grub/i386-pc/eltorito.img", "other", false),
            org.assertj.core.groups.Tuple.tuple(
                "/efi.img:/EFI/BOOT/BOOTX64.EFI (built in)", "loader", false));

    JsonNode manifest = new ObjectMapper().readTree(built.manifest().toFile());
    assertThat(manifest.at("/bootMenu/originalSha256").asText()).isEqualTo(plan.originalSha256());
    assertThat(manifest.at("/bootMenu/sha256").asText()).isEqualTo(sha256);
    assertThat(manifest.at("/bootMenu/argumentsAdded/0").asText()).isEqualTo("nomodeset");
    assertThat(manifest.at("/bootMenu/argumentsAdded").size()).isEqualTo(1);
    assertThat(manifest.at("/bootMenu/defaultEntry").asText()).isEqualTo(SERIAL_ENTRY);
    assertThat(manifest.at("/bootMenu/entries/3/replaced/0").asText())
        .isEqualTo("console=ttyS0,115200 -> console=ttyS1,115200n8");
    assertThat(manifest.at("/files/0/isoPath").asText()).isEqualTo(MENU);

    // the identity and every other file are the source's
    try (IsoImage out = IsoImage.open(built.output());
        IsoImage in = IsoImage.open(source)) {
      assertThat(out.volumeDateUuid()).isEqualTo(in.volumeDateUuid());
      assertThat(out.bootLayout()).isEqualTo(in.bootLayout());
      for (var e : in.entries()) {
        if (e.isFile() && !e.path().equals(MENU)) {
          assertThat(out.sha256(out.find(e.path()).orElseThrow()))
              .as(e.path())
              .isEqualTo(in.sha256(e));
        }
      }
    }
  }

  @Test
  void nothingAskedReadsNoMenuAndChangesNothing() {
    Path iso = OtherMenus.mkrescueWith(dir, "live.iso", OtherMenus.LIVE);
    Planned planned =
        pipeline(EventListener.NONE)
            .plan(
                settings(dir, iso, Map.of()),
                false,
                new StageTimer(Clock.systemUTC(), EventListener.NONE));
    assertThat(planned.bootMenu()).isEqualTo(BootMenuPlan.NONE);
    assertThat(planned.bootMenu().changed()).isFalse();
  }

  @Test
  void aMenuOfUnknownShapeIsAnErrorWhenTheUserAskedAndNothingIsWritten() {
    Path iso = OtherMenus.mkrescueWith(dir, "live.iso", OtherMenus.LIVE);
    BuildSettings settings =
        settings(dir, iso, Map.of(ConfigKey.KERNEL_ARGS, "nomodeset", ConfigKey.BOOT_TIMEOUT, "3"));
    assertThatThrownBy(() -> build(settings))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "cannot apply kernel_args, boot_timeout to /boot/grub/grub.cfg of live.iso: no menu"
                + " entry loads /boot/linux26 (the installer kernel); leave out kernel_args,"
                + " boot_timeout for this ISO");
    assertThat(dir.resolve("out")).doesNotExist();
  }
}
