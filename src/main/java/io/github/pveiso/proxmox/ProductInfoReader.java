package io.github.pveiso.proxmox;

import io.github.pveiso.VerificationException;
import io.github.pveiso.iso.IsoEntry;
import io.github.pveiso.iso.IsoFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Reads the Proxmox product files of an ISO; works on any ISO and says what is missing. */
public final class ProductInfoReader {
  private static final int MAX_TEXT = 1 << 20;
  private static final String PACKAGES = "/proxmox/packages";
  private static final List<String> INSTALLER_FILES =
      List.of("/boot/linux26", "/boot/initrd.img", "/pve-base.squashfs", "/pve-installer.squashfs");

  private ProductInfoReader() {}

  /** Reads the product facts of {@code iso}. */
  public static ProductInfo read(IsoFiles iso) {
    List<String> findings = new ArrayList<>();
    Map<String, String> cdInfo = variables(iso, "/.cd-info", findings);
    Map<String, String> diskInfo = variables(iso, "/.disk/info", findings);
    String productLong = cdInfo.get("PRODUCTLONG");
    boolean proxmox = productLong != null && productLong.startsWith("Proxmox");
    for (String key : List.of("PRODUCT", "PRODUCTLONG", "RELEASE", "ISORELEASE", "ISONAME")) {
      if (!cdInfo.isEmpty() && !cdInfo.containsKey(key)) {
        findings.add("/.cd-info has no " + key + "='...' line");
      }
    }
    if (productLong != null && !proxmox) {
      findings.add("/.cd-info names product '" + productLong + "', not a Proxmox product");
    }
    String diskLong = diskInfo.get("PRODUCTLONG");
    if (!diskInfo.isEmpty() && (diskLong == null || !diskLong.startsWith("Proxmox"))) {
      findings.add(
          "/.disk/info's PRODUCTLONG is '"
              + (diskLong == null ? "" : diskLong)
              + "' but Proxmox's tooling requires it to start with 'Proxmox'");
    }
    String cdId = text(iso, "/.pve-cd-id.txt").map(String::strip).orElse(null);
    if (cdId == null) {
      findings.add("/.pve-cd-id.txt is missing: the installer cannot find its own medium");
    }
    boolean auto = iso.find("/auto-installer-capable").isPresent();
    if (!auto) {
      findings.add(
          "/auto-installer-capable is missing: the ISO does not support automated "
              + "installation");
    }
    Long count = baseFileCount(iso, findings);
    List<DebFile> debs = packages(iso, findings);
    for (String path : INSTALLER_FILES) {
      if (iso.find(path).filter(IsoEntry::isFile).isEmpty()) {
        findings.add(path + " is missing: a Proxmox installer ISO has it");
      }
    }
    return new ProductInfo(proxmox, cdInfo, diskInfo, cdId, auto, count, debs, findings);
  }

  /** A stream over one {@code .deb} of {@link ProductInfo#packages()}. */
  public static InputStream openDeb(IsoFiles iso, DebFile deb) {
    IsoEntry entry =
        iso.find(deb.path())
            .orElseThrow(() -> new VerificationException(deb.path() + " is not on the ISO"));
    return iso.open(entry);
  }

  private static Map<String, String> variables(IsoFiles iso, String path, List<String> findings) {
    Optional<String> text = text(iso, path);
    if (text.isEmpty()) {
      findings.add(path + " is missing: a Proxmox ISO names its product there");
      return Map.of();
    }
    ShellVariables vars = ShellVariables.parse(path, text.get());
    findings.addAll(vars.problems());
    return vars.values();
  }

  private static @Nullable Long baseFileCount(IsoFiles iso, List<String> findings) {
    Optional<String> text = text(iso, "/proxmox/pve-base.cnt");
    if (text.isEmpty()) {
      findings.add("/proxmox/pve-base.cnt is missing: the installer dies without it");
      return null;
    }
    try {
      return Long.parseLong(text.get().strip());
    } catch (NumberFormatException e) {
      findings.add("/proxmox/pve-base.cnt holds '" + text.get().strip() + "', not a file count");
      return null;
    }
  }

  private static List<DebFile> packages(IsoFiles iso, List<String> findings) {
    if (iso.find(PACKAGES).filter(IsoEntry::isDirectory).isEmpty()) {
      findings.add(PACKAGES + "/ is missing: a Proxmox ISO installs the packages it holds");
      return List.of();
    }
    List<DebFile> debs =
        iso.list(PACKAGES).stream()
            .filter(e -> e.isFile() && e.name().endsWith(".deb"))
            .map(e -> new DebFile(e.path(), e.size()))
            .toList();
    if (debs.isEmpty()) {
      findings.add(PACKAGES + "/ holds no .deb files");
    }
    return debs;
  }

  private static Optional<String> text(IsoFiles iso, String path) {
    Optional<IsoEntry> entry = iso.find(path).filter(IsoEntry::isFile);
    if (entry.isEmpty()) {
      return Optional.empty();
    }
    if (entry.get().size() > MAX_TEXT) {
      throw new VerificationException(
          path
              + " has "
              + entry.get().size()
              + " bytes; a product file this large is not a Proxmox one");
    }
    try (InputStream in = iso.open(entry.get())) {
      return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path + " from the ISO: " + e.getMessage(), e);
    }
  }
}
