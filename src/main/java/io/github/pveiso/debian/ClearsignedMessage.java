package io.github.pveiso.debian;

import io.github.pveiso.VerificationException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of an OpenPGP cleartext-signed message (RFC 4880 section 7), split strictly: only blank
 * lines may surround the signed block, the only armor header allowed is {@code Hash}, and a second
 * signed block is refused.
 *
 * @param text the signed text as the reader sees it (dash-escaping removed, lines ending in {@code
 *     \n})
 * @param signedBytes the bytes the signature covers: trailing blanks removed, lines joined by CRLF,
 *     no final line break
 * @param signatureArmor the ASCII-armored signature block, BEGIN and END lines included
 */
record ClearsignedMessage(String text, byte[] signedBytes, String signatureArmor) {
  static final String BEGIN_MESSAGE = "-----BEGIN PGP SIGNED MESSAGE-----";
  static final String BEGIN_SIGNATURE = "-----BEGIN PGP SIGNATURE-----";
  static final String END_SIGNATURE = "-----END PGP SIGNATURE-----";

  static ClearsignedMessage parse(String label, byte[] bytes) {
    String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].endsWith("\r")) {
        lines[i] = lines[i].substring(0, lines[i].length() - 1);
      }
    }
    int i = 0;
    while (i < lines.length && lines[i].isBlank()) {
      i++;
    }
    if (i == lines.length || !lines[i].equals(BEGIN_MESSAGE)) {
      throw new VerificationException(
          label + ": not a clearsigned file: unsigned text before '" + BEGIN_MESSAGE + "'");
    }
    i++;
    boolean sawHash = false;
    for (; i < lines.length && !lines[i].isEmpty(); i++) {
      if (!lines[i].startsWith("Hash: ")) {
        throw new VerificationException(
            label + ": unexpected armor header '" + lines[i] + "' in the signed message");
      }
      sawHash = true;
    }
    if (!sawHash || i == lines.length) {
      throw new VerificationException(label + ": the signed message has no Hash header");
    }
    i++;
    List<String> body = new ArrayList<>();
    for (; i < lines.length && !lines[i].equals(BEGIN_SIGNATURE); i++) {
      String line = lines[i];
      if (line.startsWith("- ")) {
        line = line.substring(2);
      } else if (line.startsWith("-")) {
        throw new VerificationException(
            label + ": line '" + line + "' inside the signed text is not dash-escaped");
      }
      body.add(line);
    }
    if (i == lines.length) {
      throw new VerificationException(label + ": no '" + BEGIN_SIGNATURE + "' line");
    }
    StringBuilder armor = new StringBuilder();
    for (; i < lines.length && !lines[i].equals(END_SIGNATURE); i++) {
      armor.append(lines[i]).append('\n');
    }
    if (i == lines.length) {
      throw new VerificationException(label + ": no '" + END_SIGNATURE + "' line");
    }
    armor.append(END_SIGNATURE).append('\n');
    for (i++; i < lines.length; i++) {
      if (!lines[i].isBlank()) {
        throw new VerificationException(
            label + ": unsigned text after the signature: '" + abbreviate(lines[i]) + "'");
      }
    }
    return new ClearsignedMessage(text(body), signed(body), armor.toString());
  }

  private static String text(List<String> body) {
    StringBuilder sb = new StringBuilder();
    for (String line : body) {
      sb.append(line).append('\n');
    }
    return sb.toString();
  }

  private static byte[] signed(List<String> body) {
    StringBuilder sb = new StringBuilder();
    for (int j = 0; j < body.size(); j++) {
      if (j > 0) {
        sb.append("\r\n");
      }
      sb.append(stripBlanks(body.get(j)));
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String stripBlanks(String line) {
    int end = line.length();
    while (end > 0 && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t')) {
      end--;
    }
    return line.substring(0, end);
  }

  private static String abbreviate(String line) {
    return line.length() > 60 ? line.substring(0, 60) + "..." : line;
  }
}
