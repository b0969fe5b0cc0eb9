package io.github.pveiso.proxmox.answer;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import io.github.pveiso.proxmox.answer.AnswerProblem.Severity;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks an answer file the way the Proxmox installer does, as far as that is possible without the
 * target machine: every problem at once, each with its line and key.
 */
public final class AnswerValidator {
  private AnswerValidator() {}

  /**
   * Reads and checks the file at {@code path}; an unreadable file is one problem.
   *
   * @param name the file as the user named it, used in every problem
   * @param strict when true, deprecated spellings are errors too
   */
  public static AnswerReport validate(Path path, String name, boolean strict) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      return whole(name, "file", "the file does not exist");
    } catch (IOException e) {
      return whole(name, "file", "cannot read the file: " + e.getMessage());
    }
    return validate(name, bytes, strict);
  }

  /**
   * Checks {@code content} (UTF-8 TOML).
   *
   * @param name the file as the user named it, used in every problem
   * @param strict when true, deprecated spellings are errors too
   */
  public static AnswerReport validate(String name, byte[] content, boolean strict) {
    String text;
    try {
      text = utf8(content);
    } catch (CharacterCodingException e) {
      return whole(name, "syntax", "not UTF-8 text; the installer reads the answer as UTF-8 TOML");
    }
    JsonNode root;
    try {
      root = new TomlMapper().readTree(text);
    } catch (JsonProcessingException e) {
      return syntax(name, text, e);
    }
    TomlIndex index = TomlIndex.of(text);
    Problems problems = new Problems(name, index, strict);
    AnswerView view =
        AnswerStructure.walk(
            root instanceof ObjectNode table ? table : new TomlMapper().createObjectNode(),
            problems);
    new GlobalRules(view, problems).check();
    view.table("disk-setup").ifPresent(setup -> new DiskRules(view, problems, setup).check());
    new HookRules(view, problems).check();
    new NetworkRules(view, problems).check();
    return new AnswerReport(
        name, problems.sorted(), notChecked(view), view.string("first-boot", "source"));
  }

  /**
   * A TOML syntax error as one problem. For a key or table written twice the parser's position is
   * past the second one, so the line index finds it.
   */
  private static AnswerReport syntax(String name, String text, JsonProcessingException e) {
    JsonLocation where = e.getLocation();
    int line = where == null ? 0 : Math.max(0, where.getLineNr());
    String key = "";
    String message = "not valid TOML: " + e.getOriginalMessage();
    Optional<TomlIndex.Duplicate> duplicate = TomlIndex.of(text).duplicate();
    if (duplicate.isPresent()) {
      line = duplicate.get().line();
      key = String.join(".", duplicate.get().path());
      message = "not valid TOML: " + key + " is defined twice";
    }
    return new AnswerReport(
        name,
        List.of(new AnswerProblem(Severity.ERROR, name, line, key, "syntax", message, List.of())),
        List.of(),
        Optional.empty());
  }

  /** Decodes strictly: a byte that is not UTF-8 is an error, not a replacement character. */
  static String utf8(byte[] content) throws CharacterCodingException {
    return StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(content))
        .toString();
  }

  private static AnswerReport whole(String name, String check, String message) {
    return new AnswerReport(
        name,
        List.of(new AnswerProblem(Severity.ERROR, name, 0, "", check, message, List.of())),
        List.of(),
        Optional.empty());
  }

  /** What this file leaves to the target machine. */
  private static List<String> notChecked(AnswerView view) {
    List<String> left = new ArrayList<>();
    view.strings("disk-setup", "disk-list")
        .filter(d -> !d.isEmpty())
        .ifPresent(
            d ->
                left.add(
                    d.size() == 1
                        ? "that disk " + d.get(0) + " exists"
                        : "that disks " + String.join(", ", d) + " exist"));
    if (view.table("disk-setup", "filter").filter(f -> !f.isEmpty()).isPresent()) {
      left.add("which disks match disk-setup.filter");
    }
    if (view.string("disk-setup", "filesystem").filter("btrfs"::equals).isPresent()) {
      left.add("whether the product's installer offers Btrfs");
    }
    Optional<String> source = view.string("network", "source");
    if (source.filter("from-dhcp"::equals).isPresent()) {
      left.add("the network settings from DHCP");
    } else if (source.isPresent()) {
      left.add(
          view.table("network", "filter").filter(f -> !f.isEmpty()).isPresent()
              ? "which NIC matches network.filter"
              : "which NIC the installer picks");
    }
    if (GlobalRules.fqdnFromDhcp(view)) {
      left.add("the host name and domain from DHCP");
    }
    if (view.table("network", "interface-name-pinning", "mapping")
        .filter(m -> !m.isEmpty())
        .isPresent()) {
      left.add("that the pinned MAC addresses exist");
    }
    return left;
  }
}
