package io.github.pveiso.iso.boot;

import io.github.pveiso.VerificationException;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * An El Torito boot catalog: the validation entry, the default entry and any sections with their
 * entries (El Torito 1.0, 2.0-2.4). Extension entries (0x44) are skipped.
 *
 * @param validation the validation entry
 * @param defaultEntry the initial/default entry (platform from the validation entry)
 * @param sections the section headers with their entries, in order
 */
public record ElToritoCatalog(
    ElToritoValidationEntry validation, ElToritoEntry defaultEntry, List<Section> sections) {

  /** Copies the list. */
  public ElToritoCatalog {
    sections = List.copyOf(sections);
  }

  /**
   * A section header and its entries.
   *
   * @param header the section header
   * @param entries its section entries
   */
  public record Section(ElToritoSectionHeader header, List<ElToritoEntry> entries) {
    /** Copies the list. */
    public Section {
      entries = List.copyOf(entries);
    }
  }

  /**
   * One boot image as the catalog lists it.
   *
   * @param index 1 for the default entry, then counting section entries
   * @param platform the entry's platform
   * @param entry the entry
   */
  public record Image(int index, Platform platform, ElToritoEntry entry) {}

  /**
   * Parses a catalog.
   *
   * @throws VerificationException when the bytes end before the catalog does or hold no catalog
   */
  public static ElToritoCatalog parse(byte[] b) {
    if (b.length < 64) {
      throw new VerificationException("El Torito boot catalog is shorter than 64 bytes");
    }
    ElToritoValidationEntry validation = ElToritoValidationEntry.parse(b, 0);
    if (validation.headerId() != 1 || validation.key1() != 0x55 || validation.key2() != 0xAA) {
      throw new VerificationException(
          "El Torito boot catalog does not start with a validation entry (header 01, key 55 AA)");
    }
    ElToritoEntry defaultEntry = ElToritoEntry.parse(b, 32);
    List<Section> sections = new ArrayList<>();
    int at = 64;
    boolean more = true;
    while (more && at + 32 <= b.length) {
      int indicator = b[at] & 0xff;
      if (indicator != 0x90 && indicator != 0x91) {
        break;
      }
      ElToritoSectionHeader header = ElToritoSectionHeader.parse(b, at);
      at += 32;
      List<ElToritoEntry> entries = new ArrayList<>();
      for (int i = 0; i < header.entryCount(); i++) {
        if (at + 32 > b.length) {
          throw new VerificationException(
              "El Torito boot catalog ends inside section " + (sections.size() + 1));
        }
        entries.add(ElToritoEntry.parse(b, at));
        at += 32;
        while (at + 32 <= b.length && (b[at] & 0xff) == 0x44) {
          at += 32;
        }
      }
      sections.add(new Section(header, entries));
      more = !header.isFinal();
    }
    return new ElToritoCatalog(validation, defaultEntry, sections);
  }

  /** The catalog's bytes on disk (without the zero padding of its block). */
  public byte[] record() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(validation.record());
    out.writeBytes(defaultEntry.record());
    for (Section section : sections) {
      out.writeBytes(section.header().record());
      for (ElToritoEntry entry : section.entries()) {
        out.writeBytes(entry.record());
      }
    }
    return out.toByteArray();
  }

  /** Every boot image: the default entry first, then each section entry. */
  public List<Image> images() {
    List<Image> images = new ArrayList<>();
    images.add(new Image(1, validation.platform(), defaultEntry));
    for (Section section : sections) {
      for (ElToritoEntry entry : section.entries()) {
        images.add(new Image(images.size() + 1, section.header().platform(), entry));
      }
    }
    return images;
  }
}
