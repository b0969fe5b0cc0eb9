package io.github.pveiso.pipeline.stage;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.github.pveiso.iso.verify.ExpectedContent;

/**
 * One file the build adds to, replaces on or removes from the ISO.
 *
 * @param isoPath its path on the ISO
 * @param operation {@code add}, {@code replace} or {@code remove}
 * @param expected what the output must hold at {@code isoPath}: the verifier checks it
 * @param size bytes
 * @param origin where it came from, e.g. {@code firmware-realtek 20250410-2} or {@code early
 *     microcode + original initrd}
 * @param sharesBytesOf the ISO path of another added file whose bytes (extent) it shares, so the
 *     output does not store them again; empty for a file with bytes of its own
 */
@JsonPropertyOrder({"isoPath", "operation", "sha256", "size", "origin", "sharesBytesOf"})
public record StagedFile(
    String isoPath,
    String operation,
    @JsonIgnore ExpectedContent expected,
    long size,
    String origin,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) String sharesBytesOf) {

  /** An added or replaced file with content {@code sha256}. */
  public static StagedFile file(
      String isoPath, String operation, String sha256, long size, String origin) {
    return new StagedFile(isoPath, operation, new ExpectedContent.Digest(sha256), size, origin, "");
  }

  /**
   * An added file with content {@code sha256} that shares the bytes of the added file {@code of}.
   */
  public static StagedFile sharing(
      String isoPath, String sha256, long size, String origin, String of) {
    return new StagedFile(isoPath, "add", new ExpectedContent.Digest(sha256), size, origin, of);
  }

  /** An added symbolic link to {@code target}. */
  public static StagedFile link(String isoPath, String target, long size, String origin) {
    return new StagedFile(isoPath, "add", new ExpectedContent.Link(target), size, origin, "");
  }

  /** A file of {@code size} bytes that the build removes. */
  public static StagedFile removed(String isoPath, long size, String origin) {
    return new StagedFile(isoPath, "remove", new ExpectedContent.Absent(), size, origin, "");
  }

  /** The new bytes the output stores for it: none when removed or sharing another's bytes. */
  @JsonIgnore
  public long storedSize() {
    return operation.equals("remove") || !sharesBytesOf.isEmpty() ? 0 : size;
  }

  /** As the manifest and the plan show it: the digest, {@code -> target} or {@code (removed)}. */
  @JsonProperty("sha256")
  public String sha256() {
    return expected.text();
  }
}
