package io.github.pveiso.iso.write;

import io.github.pveiso.iso.iso9660.DirectoryRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One folder of a grown volume's tree: either kept where the source has it, or rewritten into the
 * appended area (on the way to a change, or new). Rewritten folders list their items.
 */
final class OutDir {

  /** One entry of a rewritten folder. */
  sealed interface Item {
    /** The identifier it is sorted by. */
    byte[] identifier();
  }

  /**
   * An entry kept byte for byte.
   *
   * @param records its records as stored (several for a multi-extent file)
   */
  record Copied(List<DirectoryRecord> records) implements Item {
    @Override
    public byte[] identifier() {
      return records.get(0).identifier();
    }
  }

  /**
   * A subfolder, kept or moved.
   *
   * @param identifier its identifier
   * @param dir the folder
   */
  record Child(byte[] identifier, OutDir dir) implements Item {}

  /**
   * A new or replacing file or link.
   *
   * @param identifier its identifier (the replaced entry's own when it replaces one)
   * @param name its Rock Ridge name
   * @param leaf what it is
   */
  record New(byte[] identifier, String name, TreeEdit.Leaf leaf) implements Item {}

  final byte[] identifier;
  final @Nullable OutDir parent;
  final Optional<SourceTree.Dir> source;
  final Optional<TreeEdit.Dir> edit;
  final @Nullable DirectoryRecord sourceRecord;
  final List<Item> items = new ArrayList<>();
  final List<OutDir> subdirs = new ArrayList<>();
  long extent;
  long size;

  OutDir(
      byte[] identifier,
      @Nullable OutDir parent,
      Optional<SourceTree.Dir> source,
      Optional<TreeEdit.Dir> edit,
      @Nullable DirectoryRecord sourceRecord) {
    this.identifier = identifier;
    this.parent = parent;
    this.source = source;
    this.edit = edit;
    this.sourceRecord = sourceRecord;
    this.extent = source.map(SourceTree.Dir::extent).orElse(0L);
    this.size = source.map(SourceTree.Dir::size).orElse(0L);
  }

  /** True when the folder is written into the appended area. */
  boolean rewritten() {
    return edit.isPresent();
  }

  /** The record of this folder in its parent: the source's with a new place, or a new one. */
  DirectoryRecord patched(DirectoryRecord record) {
    return new DirectoryRecord(
        record.extAttrLength(),
        extent,
        size,
        record.recorded(),
        record.flags(),
        record.fileUnitSize(),
        record.interleaveGap(),
        record.volumeSequence(),
        record.identifier(),
        record.systemUse());
  }
}
