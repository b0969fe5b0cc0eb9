package io.github.pveiso.pipeline;

import io.github.pveiso.pipeline.stage.Staged;
import java.util.List;

/**
 * The result of {@code plan}: the steps up to stage.
 *
 * @param planned the plan and what it was made from
 * @param staged the files the build would add, replace or remove; with {@code answer_dir}, those
 *     every node's ISO shares
 * @param nodes with {@code answer_dir}, each node's ISO and its own files, sorted by name; else
 *     empty
 */
public record Staging(Planned planned, Staged staged, List<Node> nodes) {

  /**
   * One node's ISO of an {@code answer_dir} build.
   *
   * @param name the node (its answer file's name without {@code .toml})
   * @param output the ISO's file name
   * @param staged the files only this ISO has (its automated installation)
   */
  public record Node(String name, String output, Staged staged) {}

  /** Copies the list. */
  public Staging {
    nodes = List.copyOf(nodes);
  }
}
