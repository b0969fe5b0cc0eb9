package io.github.pveiso.proxmox.answer;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The installer's rules for a fully qualified domain name: at most 253 characters, at least two
 * labels, each 1 to 63 letters, digits and inner hyphens, the first (the host name) not all digits.
 */
final class Fqdn {
  private Fqdn() {}

  private static final Pattern LABEL =
      Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
  private static final int MAX = 253;

  /** What is wrong with {@code fqdn} as a host's name, or empty when it is fine. */
  static Optional<String> problem(String fqdn) {
    Optional<String> labels = labels(fqdn);
    if (labels.isPresent()) {
      return labels;
    }
    List<String> parts = List.of(fqdn.split("\\.", -1));
    if (parts.size() < 2) {
      return Optional.of(
          "FQDN '"
              + fqdn
              + "' has no domain: expected a host name and a domain, e.g. 'pve.example.com'");
    }
    if (parts.get(0).chars().allMatch(Character::isDigit)) {
      return Optional.of("hostname cannot be purely numeric: '" + parts.get(0) + "'");
    }
    return Optional.empty();
  }

  /** What is wrong with {@code domain} (one or more labels), or empty when it is fine. */
  static Optional<String> labels(String name) {
    if (name.length() > MAX) {
      return Optional.of("FQDN too long: " + name.length() + " > " + MAX);
    }
    for (String part : name.split("\\.", -1)) {
      if (!LABEL.matcher(part).matches()) {
        return Optional.of(
            "FQDN must only consist of alphanumeric characters and dashes. Invalid part: '"
                + part
                + "' (each label 1 to 63 letters, digits and inner hyphens)");
      }
    }
    return Optional.empty();
  }
}
