package io.github.pveiso.proxmox.answer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Hides the secrets of an answer file ({@code root-password}, {@code root-password-hashed}, {@code
 * subscription-key}, the webhook's {@code auth-token}, in either spelling) so it can be shown.
 */
public final class Redaction {
  private Redaction() {}

  /** What a secret is shown as. */
  public static final String REDACTED = "<redacted>";

  /**
   * The answer text with every secret value replaced by {@code "<redacted>"}, everything else as it
   * is; empty when the text is not TOML (then nothing of it can be shown safely).
   */
  public static Optional<String> answer(String text) {
    try {
      new TomlMapper().readTree(text);
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
    TomlIndex index = TomlIndex.of(text);
    List<TomlIndex.Place> places = new ArrayList<>();
    for (List<String> secret : AnswerSchema.SECRETS) {
      index.place(secret).ifPresent(places::add);
    }
    places.sort(Comparator.comparingInt(TomlIndex.Place::valueStart).reversed());
    StringBuilder out = new StringBuilder(text);
    for (TomlIndex.Place place : places) {
      out.replace(place.valueStart(), place.valueEnd(), TomlStrings.quote(REDACTED));
    }
    return Optional.of(out.toString());
  }
}
