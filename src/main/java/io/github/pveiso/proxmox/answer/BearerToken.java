package io.github.pveiso.proxmox.answer;

import io.github.pveiso.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A token for an HTTP {@code Authorization: Bearer} header (the answer server, the webhook). */
public final class BearerToken {
  private BearerToken() {}

  /** Why a token is refused; it never shows the token. */
  public static final String RULE =
      "not usable as a bearer token: it must not be empty or hold spaces, control characters or"
          + " characters outside ASCII";

  /**
   * The token in the first line of {@code file} (its line end dropped).
   *
   * @throws InvalidInputException when the file cannot be read or its first line is no token
   */
  public static String readFile(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InvalidInputException("cannot read the token file " + file + ": " + e.getMessage());
    }
    int end = text.indexOf('\n');
    String token = (end < 0 ? text : text.substring(0, end)).replaceFirst("\r$", "");
    if (!isValid(token)) {
      throw new InvalidInputException("the first line of " + file + " is " + RULE);
    }
    return token;
  }

  /** True when {@code token} can go into the header as it is. */
  public static boolean isValid(String token) {
    return !token.isEmpty() && token.chars().allMatch(c -> c > 0x20 && c < 0x7f);
  }
}
