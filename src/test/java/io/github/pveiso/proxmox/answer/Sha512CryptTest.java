package io.github.pveiso.proxmox.answer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.pveiso.InvalidInputException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class Sha512CryptTest {

  /** The test vectors of Drepper's specification that use the default 5000 rounds. */
  @Test
  void matchesTheSpecificationsVectors() {
    assertThat(Sha512Crypt.hash(bytes("Hello world!"), "saltstring"))
        .isEqualTo(
            "$6$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1");
  }

  @Test
  void matchesOpensslForManyPasswordsAndSalts() throws Exception {
    Path openssl = Path.of("/usr/bin/openssl");
    assumeTrue(
        Files.isExecutable(openssl),
        "openssl is not installed (Debian package openssl): nothing to compare SHA-512 crypt with");
    List<String> passwords =
        List.of(
            "password",
            "12345678",
            "pässwörd with ünïcödé",
            "a".repeat(63),
            "b".repeat(64),
            "c".repeat(65),
            "x".repeat(200),
            "with \"quotes\" and $dollars$");
    List<String> salts = List.of("a", "abcdefgh", "./0123456789ABCD", "saltsaltsaltsalt");
    for (String password : passwords) {
      for (String salt : salts) {
        assertThat(Sha512Crypt.hash(bytes(password), salt))
            .as("password %s salt %s", password, salt)
            .isEqualTo(openssl(password, salt));
      }
    }
  }

  @Test
  void aRandomSaltHasSixteenCharactersOfTheAlphabet() {
    String hash = Sha512Crypt.hash(bytes("password"), new SecureRandom());
    assertThat(hash).matches(Pattern.compile("\\$6\\$[./0-9A-Za-z]{16}\\$[./0-9A-Za-z]{86}"));
    assertThat(Sha512Crypt.hash(bytes("password"), new SecureRandom())).isNotEqualTo(hash);
  }

  @Test
  void aSaltOutsideTheAlphabetIsRefused() {
    assertThatThrownBy(() -> Sha512Crypt.hash(bytes("password"), "no$dollar"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("salt 'no$dollar' is not valid; expected 1 to 16 characters of ./0-9A-Za-z");
    assertThatThrownBy(() -> Sha512Crypt.hash(bytes("password"), "x".repeat(17)))
        .isInstanceOf(InvalidInputException.class);
  }

  static String openssl(String password, String salt) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder("openssl", "passwd", "-6", "-salt", salt, "-stdin")
            .redirectErrorStream(true)
            .start();
    try (OutputStream in = p.getOutputStream()) {
      in.write(bytes(password + "\n"));
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(p.waitFor()).as(out).isZero();
    return out;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
