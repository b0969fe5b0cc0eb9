package io.github.pveiso.proxmox.answer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import io.github.pveiso.VerificationException;
import java.util.Optional;

/**
 * The content of {@code /auto-installer-mode.toml}: where the installer gets its answer. Its keys
 * are snake_case, as the installer reads them; {@code partition_label} is always written.
 *
 * @param mode where the answer comes from
 * @param partitionLabel the label of the file system holding the answer (mode partition)
 * @param url the answer server's URL (mode http)
 * @param certFingerprint the SHA-256 fingerprint of the server's certificate (mode http)
 * @param token the bearer token sent to the server (mode http); a secret
 */
public record AutoInstallerMode(
    FetchMode mode,
    String partitionLabel,
    Optional<String> url,
    Optional<String> certFingerprint,
    Optional<String> token) {

  /** The label the installer uses when none is given. */
  public static final String DEFAULT_LABEL = "proxmox-ais";

  /** The file's text, in the installer's format. */
  public String toml() {
    StringBuilder t = new StringBuilder();
    t.append("mode = ").append(TomlStrings.quote(mode.text())).append('\n');
    t.append("partition_label = ").append(TomlStrings.quote(partitionLabel)).append('\n');
    if (mode == FetchMode.HTTP) {
      t.append("\n[http]\n");
      url.ifPresent(u -> t.append("url = ").append(TomlStrings.quote(u)).append('\n'));
      certFingerprint.ifPresent(
          f -> t.append("cert_fingerprint = ").append(TomlStrings.quote(f)).append('\n'));
      token.ifPresent(k -> t.append("token = ").append(TomlStrings.quote(k)).append('\n'));
    }
    return t.toString();
  }

  /**
   * Reads the file's text.
   *
   * @throws VerificationException when it is not a mode file the installer would read
   */
  public static AutoInstallerMode parse(String text) {
    JsonNode root;
    try {
      root = new TomlMapper().readTree(text);
    } catch (JsonProcessingException e) {
      throw new VerificationException(
          "/auto-installer-mode.toml is not valid TOML: " + e.getOriginalMessage());
    }
    String name = root.path("mode").asText("");
    FetchMode mode =
        FetchMode.of(name)
            .orElseThrow(
                () ->
                    new VerificationException(
                        "/auto-installer-mode.toml has mode '"
                            + name
                            + "'; the installer knows iso, http and partition"));
    JsonNode http = root.path("http");
    return new AutoInstallerMode(
        mode,
        root.path("partition_label").asText(DEFAULT_LABEL),
        text(http, "url"),
        text(http, "cert_fingerprint"),
        text(http, "token"));
  }

  private static Optional<String> text(JsonNode table, String key) {
    JsonNode value = table.path(key);
    return value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
  }

  /** The same with the token replaced by {@code <redacted>}. */
  public AutoInstallerMode redacted() {
    return new AutoInstallerMode(
        mode, partitionLabel, url, certFingerprint, token.map(t -> Redaction.REDACTED));
  }

  /** Never shows the token. */
  @Override
  public String toString() {
    return "AutoInstallerMode[" + redacted().toml().strip().replace('\n', ' ') + "]";
  }
}
