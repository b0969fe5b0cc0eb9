package io.github.pveiso.proxmox.answer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactionTest {

  @Test
  void everySecretInEverySpellingAndFormIsReplaced() {
    String text =
        """
        [global]
        root_password = "a"
        "subscription-key" = 'b'
        root-password-hashed = \"""
        c
        \""" # kept comment
        [post-installation-webhook]
        auth-token = "d"
        url = "https://e.example/"
        """;
    assertThat(Redaction.answer(text))
        .contains(
            """
            [global]
            root_password = "<redacted>"
            "subscription-key" = "<redacted>"
            root-password-hashed = "<redacted>" # kept comment
            [post-installation-webhook]
            auth-token = "<redacted>"
            url = "https://e.example/"
            """);
  }

  @Test
  void inlineTablesToo() {
    assertThat(Redaction.answer("global = { country = \"at\", root-password = \"x\" }\n"))
        .contains("global = { country = \"at\", root-password = \"<redacted>\" }\n");
  }

  @Test
  void textThatIsNotTomlIsNotShownAtAll() {
    assertThat(Redaction.answer("root-password = \"unterminated\n")).isEmpty();
  }
}
