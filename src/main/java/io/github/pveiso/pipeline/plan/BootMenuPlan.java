package io.github.pveiso.pipeline.plan;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.github.pveiso.Sha256Digest;
import io.github.pveiso.grub.GrubConfig;
import io.github.pveiso.grub.GrubConfigs;
import io.github.pveiso.grub.MenuEdit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the build does to the installer's boot menu ({@code /boot/grub/grub.cfg}).
 *
 * @param asked true when the configuration asks for a change (kernel_args, serial_console,
 *     boot_default, boot_timeout)
 * @param path the menu's path on the ISO
 * @param originalSha256 the source menu's SHA-256, empty when not read
 * @param sha256 the output menu's SHA-256, the same as the original's when unchanged
 * @param size the output menu's size in bytes
 * @param argumentsAdded every kernel argument added, each once
 * @param entries what changed in each entry
 * @param serial GRUB's serial commands as they now read
 * @param defaultEntry the entry GRUB boots by default, when set
 * @param timeout the timeout in seconds, when set
 * @param configs the GRUB configurations of the boot path and whether each needs the change
 * @param warnings one line each
 * @param notes one line each
 * @param diff the change as a unified diff, empty when unchanged
 * @param edited the output menu's bytes
 */
public record BootMenuPlan(
    boolean asked,
    String path,
    String originalSha256,
    String sha256,
    long size,
    List<String> argumentsAdded,
    List<MenuEdit.EntryChange> entries,
    List<String> serial,
    Optional<String> defaultEntry,
    Optional<Integer> timeout,
    List<GrubConfig> configs,
    List<String> warnings,
    List<String> notes,
    String diff,
    @JsonIgnore byte[] edited) {

  /** Nothing asked: the menu is not read and stays as it is. */
  public static final BootMenuPlan NONE =
      new BootMenuPlan(
          false,
          GrubConfigs.MENU,
          "",
          "",
          0,
          List.of(),
          List.of(),
          List.of(),
          Optional.empty(),
          Optional.empty(),
          List.of(),
          List.of(),
          List.of(),
          "",
          new byte[0]);

  /** Copies the lists and the bytes. */
  public BootMenuPlan {
    argumentsAdded = List.copyOf(argumentsAdded);
    entries = List.copyOf(entries);
    serial = List.copyOf(serial);
    configs = List.copyOf(configs);
    warnings = List.copyOf(warnings);
    notes = List.copyOf(notes);
    edited = edited.clone();
  }

  /** The plan of an edit. */
  static BootMenuPlan of(MenuEdit edit, List<GrubConfig> configs) {
    byte[] bytes = edit.edited();
    return new BootMenuPlan(
        true,
        GrubConfigs.MENU,
        Sha256Digest.of(edit.original()).toString(),
        Sha256Digest.of(bytes).toString(),
        bytes.length,
        edit.addedArguments(),
        edit.entries(),
        edit.serial(),
        edit.defaultEntry(),
        edit.timeout(),
        configs,
        edit.warnings(),
        edit.notes(),
        edit.diff(GrubConfigs.MENU),
        bytes);
  }

  /** Asked for, but the menu stays as it is (a shape pveiso does not know; see warnings). */
  static BootMenuPlan leftAsItIs(List<String> warnings) {
    return new BootMenuPlan(
        true,
        GrubConfigs.MENU,
        "",
        "",
        0,
        List.of(),
        List.of(),
        List.of(),
        Optional.empty(),
        Optional.empty(),
        List.of(),
        warnings,
        List.of(),
        "",
        new byte[0]);
  }

  /** True when the output's menu differs from the source's. */
  @JsonIgnore
  public boolean changed() {
    return !diff.isEmpty();
  }

  /** The output menu's bytes (a copy). */
  @Override
  public byte[] edited() {
    return edited.clone();
  }

  /** What the manifest records: the digests, what was added and replaced, default and timeout. */
  public Map<String, Object> manifest() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("path", path);
    m.put("originalSha256", originalSha256);
    m.put("sha256", sha256);
    m.put("argumentsAdded", argumentsAdded);
    m.put("entries", entries);
    m.put("serial", serial);
    defaultEntry.ifPresent(d -> m.put("defaultEntry", d));
    timeout.ifPresent(t -> m.put("timeout", t));
    m.put("warnings", warnings);
    return m;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof BootMenuPlan p
        && asked == p.asked
        && sha256.equals(p.sha256)
        && originalSha256.equals(p.originalSha256)
        && diff.equals(p.diff)
        && configs.equals(p.configs)
        && warnings.equals(p.warnings)
        && Arrays.equals(edited, p.edited);
  }

  @Override
  public int hashCode() {
    return sha256.hashCode();
  }

  @Override
  public String toString() {
    return "BootMenuPlan[" + path + " " + originalSha256 + " -> " + sha256 + "]";
  }
}
