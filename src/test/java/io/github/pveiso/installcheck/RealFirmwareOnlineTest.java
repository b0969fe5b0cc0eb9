package io.github.pveiso.installcheck;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pveiso.InvalidInputException;
import io.github.pveiso.debian.AptSources;
import io.github.pveiso.debian.Compression;
import io.github.pveiso.debian.Deb822;
import io.github.pveiso.debian.DebEntry;
import io.github.pveiso.debian.Stanza;
import io.github.pveiso.events.EventListener;
import io.github.pveiso.initrd.TestKernel;
import io.github.pveiso.pipeline.stage.repack.FirmwareFile;
import io.github.pveiso.pipeline.stage.repack.FirmwareRepacker;
import io.github.pveiso.pipeline.stage.repack.RepackFormat;
import io.github.pveiso.pipeline.stage.repack.RepackSource;
import io.github.pveiso.pipeline.stage.repack.RepackedFirmware;
import io.github.pveiso.proc.SystemProcessRunner;
import io.github.pveiso.proxmox.ProxmoxFirmware;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Repacks the real firmware-realtek of Debian 13 (trixie) from the Debian mirror this host's apt
 * sources name, and installs it next to a stand-in pve-firmware. A format check: nothing fetched is
 * verified here (the acquire stage does that). Skips with the reason when the mirror does not
 * answer.
 */
@Tag("online")
@Tag("slow")
class RealFirmwareOnlineTest {
  static final String SUITE = "trixie";
  static final String PACKAGE = "firmware-realtek";

  @TempDir Path dir;

  final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(10))
          .followRedirects(HttpClient.Redirect.NORMAL)
          .build();

  @Test
  void realFirmwareRealtekRepacksAndInstallsNextToPveFirmware() throws Exception {
    String mirror = mirror().orElse("");
    if (mirror.isEmpty()) {
      Assumptions.abort(skip("no Debian mirror in this host's apt sources"));
    }
    Stanza stanza = packageStanza(mirror);
    Path deb = dir.resolve(Path.of(stanza.get("Filename", "")).getFileName().toString());
    download(mirror + "/" + stanza.get("Filename", ""), deb);

    RepackedFirmware repacked =
        new FirmwareRepacker(1_700_000_000L, RepackFormat.zstd(), EventListener.NONE)
            .repack(
                List.of(new RepackSource(deb, PACKAGE, stanza.get("Version", ""))),
                dir.resolve("out"));
    Path root = dir.resolve("root");
    InstallerCheckResult result =
        new InstallerCheck(new SystemProcessRunner(), EventListener.NONE, Duration.ofMinutes(5))
            .check(List.of(StandInDebs.pveFirmware(dir)), List.of(repacked.deb()), root);

    assertThat(result).isInstanceOf(InstallerCheckResult.Passed.class);
    List<FirmwareFile> files =
        repacked.files().stream().filter(f -> f.type() == DebEntry.Type.FILE).toList();
    assertThat(files).hasSizeGreaterThan(50);
    for (FirmwareFile file : files) {
      assertThat(root.resolve(file.installedPath().substring(1))).hasSize(file.size());
    }
    assertThat(rtlNic(root)).isNotEmpty();
    System.out.printf(
        "repacked %s %s: %d entries, %s %d bytes%n",
        PACKAGE,
        stanza.get("Version", ""),
        repacked.files().size(),
        repacked.version(),
        repacked.size());
  }

  @Test
  void realFirmwareRealtekFillsOnlyWhatPveFirmwareLacks() throws Exception {
    String mirror = mirror().orElse("");
    if (mirror.isEmpty()) {
      Assumptions.abort(skip("no Debian mirror in this host's apt sources"));
    }
    Stanza stanza = packageStanza(mirror);
    Path deb = dir.resolve(Path.of(stanza.get("Filename", "")).getFileName().toString());
    download(mirror + "/" + stanza.get("Filename", ""), deb);
    Path pve = StandInDebs.pveFirmware(dir);
    ProxmoxFirmware proxmox = FirmwareLinksTest.proxmox(pve);

    RepackedFirmware repacked =
        new FirmwareRepacker(1_700_000_000L, RepackFormat.zstd(), EventListener.NONE)
            .repack(
                List.of(new RepackSource(deb, PACKAGE, stanza.get("Version", ""))),
                proxmox,
                dir.resolve("out"));
    Path root = dir.resolve("root");
    InstallerCheckResult result =
        new InstallerCheck(new SystemProcessRunner(), EventListener.NONE, Duration.ofMinutes(5))
            .withShell(TestKernel.dir().resolve("bin/busybox"))
            .check(List.of(pve), List.of(repacked.deb()), root);

    assertThat(result).isInstanceOf(InstallerCheckResult.Passed.class);
    assertThat(repacked.files()).hasSizeGreaterThan(50);
    for (FirmwareFile file : repacked.files()) {
      Optional<Path> real = RootPaths.resolve(root, "/lib/firmware/updates/" + file.path());
      assertThat(real).as(file.path()).isPresent();
      assertThat(real.get()).startsWith(root.resolve("usr/lib/pveiso-firmware"));
    }
    assertThat(root.resolve("lib/firmware/updates/rtl_nic/rtl8168h-2.fw")).doesNotExist();
    assertThat(RootPaths.kernelLoads(root, "rtl_nic/rtl8168h-2.fw")).hasValue("proxmox's copy\n");
  }

  private static List<String> rtlNic(Path root) throws IOException {
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> s =
        Files.newDirectoryStream(root.resolve("lib/firmware/updates/rtl_nic"))) {
      s.forEach(p -> names.add(p.getFileName().toString()));
    }
    return names;
  }

  /** The Debian mirror of this host's apt sources, without a trailing slash; empty if none. */
  static Optional<String> mirror() {
    try {
      return Optional.of(
          new AptSources(Path.of("/")).debianMirror().toString().replaceAll("/+$", ""));
    } catch (InvalidInputException e) {
      return Optional.empty();
    }
  }

  private Stanza packageStanza(String mirror) throws IOException, InterruptedException {
    String url = mirror + "/dists/" + SUITE + "/non-free-firmware/binary-amd64/Packages.xz";
    List<Stanza> found = new ArrayList<>();
    try (InputStream in = get(url);
        InputStream packages = Compression.decompress("Packages.xz", in)) {
      Deb822.stream(
          url,
          packages,
          s -> {
            if (s.get("Package", "").equals(PACKAGE)) {
              found.add(s);
            }
          });
    }
    if (found.isEmpty()) {
      Assumptions.abort(skip(PACKAGE + " not in " + url));
    }
    return found.get(0);
  }

  private void download(String url, Path to) throws IOException, InterruptedException {
    try (InputStream in = get(url)) {
      Files.copy(in, to);
    }
  }

  private InputStream get(String url) throws IOException, InterruptedException {
    HttpResponse<InputStream> response;
    try {
      response =
          http.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(5)).build(),
              HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      Assumptions.abort(skip("the mirror does not answer: " + e));
      throw e;
    }
    if (response.statusCode() != 200) {
      response.body().close();
      Assumptions.abort(skip("HTTP " + response.statusCode() + " for " + url));
    }
    return response.body();
  }

  private static String skip(String reason) {
    System.out.println("RealFirmwareOnlineTest skipped: " + reason);
    return reason;
  }
}
