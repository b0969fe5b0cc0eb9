package io.github.pveiso.iso.write;

import io.github.pveiso.InvalidInputException;
import io.github.pveiso.iso.iso9660.DirectoryRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Plans one tree of a grown volume (the primary tree with Rock Ridge, or the Joliet tree): which
 * folders are rewritten, what each holds, in ECMA-119 order. The records themselves come from
 * {@link TreeRecords}.
 */
final class VolumeTree {

  private final boolean joliet;
  private final RockRidgeStyle style;
  private final Comparator<byte[]> order;

  private VolumeTree(boolean joliet, RockRidgeStyle style) {
    this.joliet = joliet;
    this.style = style;
    this.order = joliet ? IsoNames.JOLIET_ORDER : IsoNames.ORDER;
  }

  /**
   * The output tree of {@code source} with {@code edit} applied.
   *
   * @param joliet the tree is the Joliet tree (UCS-2 names, no Rock Ridge, no links)
   */
  static OutDir plan(
      SourceTree.Dir source, TreeEdit.Dir edit, boolean joliet, RockRidgeStyle style) {
    return new VolumeTree(joliet, style)
        .build(new byte[] {0}, null, Optional.of(source), Optional.of(edit), null);
  }

  private OutDir build(
      byte[] identifier,
      @org.jspecify.annotations.Nullable OutDir parent,
      Optional<SourceTree.Dir> source,
      Optional<TreeEdit.Dir> edit,
      @org.jspecify.annotations.Nullable DirectoryRecord sourceRecord) {
    OutDir dir = new OutDir(identifier, parent, source, edit, sourceRecord);
    if (edit.isEmpty()) {
      for (SourceTree.Entry entry : source.map(SourceTree.Dir::entries).orElse(List.of())) {
        entry
            .dir()
            .ifPresent(
                d ->
                    dir.subdirs.add(
                        build(
                            entry.first().identifier(),
                            dir,
                            Optional.of(d),
                            Optional.empty(),
                            entry.first())));
      }
      return dir;
    }
    fill(dir, edit.get());
    dir.items.sort((a, b) -> order.compare(a.identifier(), b.identifier()));
    dir.subdirs.sort((a, b) -> order.compare(a.identifier, b.identifier));
    return dir;
  }

  private void fill(OutDir dir, TreeEdit.Dir edit) {
    List<SourceTree.Entry> entries = dir.source.map(SourceTree.Dir::entries).orElse(List.of());
    Map<SourceTree.Entry, String> edited = match(entries, edit);
    Set<String> taken = new HashSet<>();
    Set<String> consumed = new TreeSet<>();
    for (SourceTree.Entry entry : entries) {
      String name = edited.get(entry);
      if (name != null && edit.removed.contains(name)) {
        consumed.add(name);
        continue;
      }
      taken.add(bare(entry.first().identifier()));
      if (name != null && edit.leaves.containsKey(name)) {
        consumed.add(name);
        TreeEdit.Leaf leaf = edit.leaves.get(name);
        if (!(joliet && leaf instanceof TreeEdit.NewLink)) {
          dir.items.add(new OutDir.New(entry.first().identifier(), name, leaf));
        }
      } else if (name != null && edit.dirs.containsKey(name)) {
        consumed.add(name);
        TreeEdit.Dir sub = edit.dirs.get(name);
        if (entry.relocated() || entry.dir().isEmpty()) {
          throw new InvalidInputException(
              "cannot change "
                  + sub.path
                  + ": it is a Rock Ridge relocated folder, which the Java writer does not"
                  + " rewrite; set iso_writer: xorriso");
        }
        addChild(dir, entry.first().identifier(), entry.dir(), Optional.of(sub), entry.first());
      } else if (entry.dir().isPresent()) {
        addChild(dir, entry.first().identifier(), entry.dir(), Optional.empty(), entry.first());
      } else {
        dir.items.add(new OutDir.Copied(entry.records()));
      }
    }
    for (TreeEdit.Dir sub : edit.dirs.values()) {
      if (!consumed.contains(sub.name())) {
        addChild(
            dir, identifier(sub.name(), true, taken), Optional.empty(), Optional.of(sub), null);
      }
    }
    for (Map.Entry<String, TreeEdit.Leaf> leaf : edit.leaves.entrySet()) {
      if (!consumed.contains(leaf.getKey())
          && !(joliet && leaf.getValue() instanceof TreeEdit.NewLink)) {
        byte[] id = identifier(leaf.getKey(), false, taken);
        dir.items.add(new OutDir.New(id, leaf.getKey(), leaf.getValue()));
      }
    }
  }

  private void addChild(
      OutDir dir,
      byte[] identifier,
      Optional<SourceTree.Dir> source,
      Optional<TreeEdit.Dir> edit,
      @org.jspecify.annotations.Nullable DirectoryRecord record) {
    OutDir child = build(identifier, dir, source, edit, record);
    dir.items.add(new OutDir.Child(identifier, child));
    dir.subdirs.add(child);
  }

  /** Which source entries the edit names (by name; Joliet also by its mangled name). */
  private Map<SourceTree.Entry, String> match(List<SourceTree.Entry> entries, TreeEdit.Dir edit) {
    Map<String, SourceTree.Entry> byName = new LinkedHashMap<>();
    for (SourceTree.Entry entry : entries) {
      byName.putIfAbsent(entry.name(), entry);
    }
    Set<String> names = new TreeSet<>(edit.removed);
    names.addAll(edit.leaves.keySet());
    names.addAll(edit.dirs.keySet());
    Map<SourceTree.Entry, String> out = new IdentityHashMap<>();
    for (String name : names) {
      SourceTree.Entry entry = byName.get(name);
      if (entry == null && joliet) {
        entry = byName.get(IsoNames.joliet(name, Set.of()));
      }
      if (entry != null) {
        out.put(entry, name);
      }
    }
    return out;
  }

  /** A new identifier for {@code name}, unique among {@code taken} (which it joins). */
  private byte[] identifier(String name, boolean dir, Set<String> taken) {
    if (joliet) {
      String id = IsoNames.joliet(name, taken);
      taken.add(id);
      return IsoNames.ucs2(!dir && style.jolietVersions() ? id + ";1" : id);
    }
    String id = IsoNames.iso9660(name, dir, style, taken);
    taken.add(IsoNames.withoutVersion(id));
    return id.getBytes(StandardCharsets.ISO_8859_1);
  }

  private String bare(byte[] identifier) {
    return IsoNames.withoutVersion(
        new String(identifier, joliet ? StandardCharsets.UTF_16BE : StandardCharsets.ISO_8859_1));
  }

  /** The rewritten folders of {@code root}, parents before children, siblings in order. */
  static List<OutDir> rewritten(OutDir root) {
    List<OutDir> out = new ArrayList<>();
    collect(root, out);
    return out;
  }

  private static void collect(OutDir dir, List<OutDir> out) {
    if (dir.rewritten()) {
      out.add(dir);
      dir.subdirs.forEach(d -> collect(d, out));
    }
  }
}
