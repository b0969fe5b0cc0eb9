package io.github.pveiso.proxmox.answer;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/** IP address literals, parsed without ever asking DNS. */
final class IpLiteral {
  private IpLiteral() {}

  private static final Pattern IPV4 =
      Pattern.compile(
          "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
  private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");

  /** The address's length in bits (32 or 128), or empty when {@code text} is no IP address. */
  static Optional<Integer> bits(String text) {
    if (IPV4.matcher(text).matches()) {
      return Optional.of(32);
    }
    if (text.indexOf(':') < 0 || !IPV6_CHARS.matcher(text).matches()) {
      return Optional.empty();
    }
    try {
      // with a ':' in it, this only parses the literal (an invalid one throws; no lookup); an
      // IPv4-mapped address (::ffff:192.0.2.1) comes back as IPv4 but is written as IPv6
      InetAddress.getByName(text);
      return Optional.of(128);
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }
}
