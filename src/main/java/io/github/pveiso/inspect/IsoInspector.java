package io.github.pveiso.inspect;

import io.github.pveiso.VerificationException;
import io.github.pveiso.inspect.IsoInspection.ApmInfo;
import io.github.pveiso.inspect.IsoInspection.ApmPartitionInfo;
import io.github.pveiso.inspect.IsoInspection.BasePackageInfo;
import io.github.pveiso.inspect.IsoInspection.BaseSystemInfo;
import io.github.pveiso.inspect.IsoInspection.BootImageInfo;
import io.github.pveiso.inspect.IsoInspection.GptInfo;
import io.github.pveiso.inspect.IsoInspection.GptPartitionInfo;
import io.github.pveiso.inspect.IsoInspection.MbrInfo;
import io.github.pveiso.inspect.IsoInspection.MbrPartitionInfo;
import io.github.pveiso.iso.BootImage;
import io.github.pveiso.iso.IsoEntry;
import io.github.pveiso.iso.IsoImage;
import io.github.pveiso.iso.boot.ApplePartitionMap;
import io.github.pveiso.iso.boot.Gpt;
import io.github.pveiso.iso.boot.GptEntry;
import io.github.pveiso.iso.boot.Mbr;
import io.github.pveiso.iso.boot.MbrPartition;
import io.github.pveiso.iso.bytes.Extent;
import io.github.pveiso.iso.fat.EfiArchitecture;
import io.github.pveiso.proxmox.BaseSystem;
import io.github.pveiso.proxmox.BaseSystemReader;
import io.github.pveiso.proxmox.ProductInfo;
import io.github.pveiso.proxmox.ProductInfoReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Gathers an {@link IsoInspection} from an open image. */
public final class IsoInspector {
  private IsoInspector() {}

  /** Opens {@code path} and inspects it; {@code base} reads the base system's packages. */
  public static IsoInspection inspect(Path path, BaseSystemReader base) {
    try (IsoImage iso = IsoImage.open(path)) {
      return inspect(iso, base);
    }
  }

  /** Inspects an open image. */
  public static IsoInspection inspect(IsoImage iso, BaseSystemReader base) {
    List<String> notes = new ArrayList<>();
    List<BootImageInfo> boot = new ArrayList<>();
    for (BootImage b : iso.bootImages()) {
      boot.add(
          new BootImageInfo(
              b.index(),
              b.platform().name(),
              b.emulation().name(),
              b.entry().bootable(),
              b.entry().loadSegment(),
              b.entry().sectorCount(),
              b.lba(),
              b.length(),
              b.path().orElse(null),
              HexFormat.of().formatHex(IsoImage.sha256Digest().digest(iso.bootImageBytes(b)))));
    }
    if (iso.elTorito().isEmpty()) {
      notes.add("no boot records");
    }
    List<String> arch = iso.efiArchitectures().stream().map(EfiArchitecture::name).toList();
    ProductInfo product = ProductInfoReader.read(iso);
    if (!product.isProxmox()) {
      notes.add("not a Proxmox installer ISO");
    }
    int files = (int) iso.entries().stream().filter(IsoEntry::isFile).count();
    int dirs = (int) iso.entries().stream().filter(IsoEntry::isDirectory).count();
    long bytes = iso.entries().stream().filter(IsoEntry::isFile).mapToLong(IsoEntry::size).sum();
    return new IsoInspection(
        iso.path().toString(),
        iso.size(),
        iso.volumeId(),
        iso.volumeDateUuid(),
        iso.primary().systemId(),
        iso.primary().applicationId(),
        iso.primary().preparerId(),
        iso.volumeBytes(),
        iso.nameSource().name(),
        iso.joliet().isPresent(),
        files,
        dirs,
        bytes,
        iso.bootLayout(),
        boot,
        iso.mbr().map(IsoInspector::mbr).orElse(null),
        iso.gpt().map(g -> gpt(g, iso)).orElse(null),
        iso.appleMap().map(IsoInspector::apm).orElse(null),
        arch,
        product,
        baseSystem(iso, base),
        notes);
  }

  /** The base system; a damaged one (or a missing unsquashfs) is reported, not thrown. */
  private static BaseSystemInfo baseSystem(IsoImage iso, BaseSystemReader reader) {
    BaseSystem base;
    try {
      base = reader.read(iso);
    } catch (VerificationException | UncheckedIOException e) {
      base = BaseSystem.unreadable(String.valueOf(e.getMessage()));
    }
    return new BaseSystemInfo(
        base.state().name(),
        base.detail(),
        base.packages().size(),
        base.packages().stream()
            .map(p -> new BasePackageInfo(p.name(), p.version().toString(), p.architecture()))
            .toList());
  }

  private static MbrInfo mbr(Mbr mbr) {
    List<MbrPartitionInfo> parts = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      MbrPartition p = mbr.partitions().get(i);
      if (p.used()) {
        parts.add(
            new MbrPartitionInfo(i + 1, p.status() == 0x80, p.type(), p.firstLba(), p.sectors()));
      }
    }
    return new MbrInfo(mbr.hasBootCode(), parts);
  }

  private static GptInfo gpt(Gpt gpt, IsoImage iso) {
    List<GptPartitionInfo> parts = new ArrayList<>();
    for (int i = 0; i < gpt.entries().size(); i++) {
      GptEntry e = gpt.entries().get(i);
      if (e.used()) {
        parts.add(
            new GptPartitionInfo(
                i + 1,
                e.name(),
                e.type(),
                e.guid(),
                e.firstLba(),
                e.lastLba(),
                fileAt(iso, e.firstLba() * 512)));
      }
    }
    return new GptInfo(
        gpt.primary().diskGuidText(),
        gpt.primary().firstUsableLba(),
        gpt.primary().lastUsableLba(),
        gpt.primary().backupLba(),
        parts,
        gpt.problems(iso.size()),
        gpt.warnings(iso.size()));
  }

  private static @Nullable String fileAt(IsoImage iso, long offset) {
    return iso.entries().stream()
        .filter(e -> e.isFile() && e.size() > 0 && e.firstLba() * Extent.BLOCK == offset)
        .map(IsoEntry::path)
        .findFirst()
        .orElse(null);
  }

  private static ApmInfo apm(ApplePartitionMap apm) {
    return new ApmInfo(
        apm.blockSize(),
        apm.entries().stream()
            .map(e -> new ApmPartitionInfo(e.name(), e.type(), e.startBlock(), e.blockCount()))
            .toList());
  }
}
