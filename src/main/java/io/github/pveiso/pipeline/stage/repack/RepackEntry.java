package io.github.pveiso.pipeline.stage.repack;

import io.github.pveiso.Sha256Digest;
import io.github.pveiso.cache.DerivedAudit;
import io.github.pveiso.cache.DerivedCodec;
import io.github.pveiso.cache.DerivedKey;
import io.github.pveiso.cache.PercentEscape;
import io.github.pveiso.proxmox.ProxmoxFirmware;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a {@link RepackCache} entry holds: UTF-8 lines {@code deb <sha256>}, {@code version
 * <version>}, {@code files <count>}; for the package of what pve-firmware lacks ({@link
 * FirmwareRepacker#repack(List, ProxmoxFirmware, java.nio.file.Path)}) then {@code pve-firmware
 * <version> <debPath>} and one {@code name <name>} per pve-firmware name, in order: the list the
 * package was made against, so that {@code pveiso cache verify} can select the same firmware again
 * ({@link RepackAudit}). In these fields {@code %}, space, control characters and DEL are written
 * as {@code %XX}.
 *
 * @param deb the repacked package's blob
 * @param version its version
 * @param files how many files and symlinks it installs
 * @param gapsOf the pve-firmware whose gaps it fills; empty for the package of every firmware
 */
record RepackEntry(Sha256Digest deb, String version, int files, Optional<ProxmoxFirmware> gapsOf) {

  /** The codec of the entries; its audit reads the packages again and compares. */
  static final DerivedCodec<RepackEntry> CODEC = Codec.INSTANCE;

  private enum Codec implements DerivedCodec<RepackEntry> {
    INSTANCE;

    @Override
    public String kind() {
      return RepackCache.KIND;
    }

    @Override
    public int format() {
      return RepackCache.FORMAT;
    }

    @Override
    public byte[] encode(RepackEntry value) {
      StringBuilder text = new StringBuilder();
      text.append("deb ").append(value.deb().hex()).append('\n');
      text.append("version ").append(value.version()).append('\n');
      text.append("files ").append(value.files()).append('\n');
      value
          .gapsOf()
          .ifPresent(
              pve -> {
                text.append("pve-firmware ")
                    .append(
                        PercentEscape.escape(pve.version(), PercentEscape.Set.CONTROLS_AND_SPACE))
                    .append(' ');
                text.append(
                        PercentEscape.escape(pve.debPath(), PercentEscape.Set.CONTROLS_AND_SPACE))
                    .append('\n');
                pve.names()
                    .forEach(
                        n ->
                            text.append("name ")
                                .append(
                                    PercentEscape.escape(n, PercentEscape.Set.CONTROLS_AND_SPACE))
                                .append('\n'));
              });
      return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public RepackEntry decode(byte[] payload) throws IOException {
      String text = new String(payload, StandardCharsets.UTF_8);
      List<String> lines = text.lines().toList();
      if (!text.endsWith("\n")
          || lines.size() < 3
          || !lines.get(0).startsWith("deb ")
          || !lines.get(1).startsWith("version ")
          || !lines.get(2).startsWith("files ")
          || !lines.get(0).substring(4).matches("[0-9a-f]{64}")
          || !lines.get(2).substring(6).matches("[0-9]{1,9}")) {
        throw new IOException("it is not 'deb <sha256>', 'version <version>', 'files <count>'");
      }
      return new RepackEntry(
          new Sha256Digest(lines.get(0).substring(4)),
          lines.get(1).substring(8),
          Integer.parseInt(lines.get(2).substring(6)),
          gapsOf(lines.subList(3, lines.size())));
    }

    @Override
    public Set<Sha256Digest> blobs(RepackEntry value) {
      return Set.of(value.deb());
    }

    @Override
    public void audit(DerivedKey key, RepackEntry value, DerivedAudit context) throws IOException {
      RepackAudit.check(key, value, context);
    }
  }

  /** The pve-firmware lines: none, or its line and its names, strictly in order. */
  private static Optional<ProxmoxFirmware> gapsOf(List<String> lines) throws IOException {
    if (lines.isEmpty()) {
      return Optional.empty();
    }
    String[] head = lines.get(0).split(" ", -1);
    if (head.length != 3 || !head[0].equals("pve-firmware")) {
      throw new IOException("its fourth line is not 'pve-firmware <version> <path>'");
    }
    List<String> names = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      if (!line.startsWith("name ") || line.length() == 5) {
        throw new IOException("a line after 'pve-firmware' is not 'name <name>'");
      }
      String name = PercentEscape.unescape(line.substring(5), "it");
      if (!names.isEmpty() && names.get(names.size() - 1).compareTo(name) >= 0) {
        throw new IOException("its pve-firmware names are not sorted and distinct");
      }
      names.add(name);
    }
    return Optional.of(
        new ProxmoxFirmware(
            PercentEscape.unescape(head[2], "it"), PercentEscape.unescape(head[1], "it"), names));
  }
}
