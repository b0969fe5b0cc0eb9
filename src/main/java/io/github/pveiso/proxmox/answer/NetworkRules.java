package io.github.pveiso.proxmox.answer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks of {@code [network]}: the keys each {@code source} takes, the static address, DNS
 * server and gateway, the NIC filter's globs, and interface name pinning.
 */
final class NetworkRules {

  private static final List<String> STATIC = List.of("cidr", "dns", "gateway");
  private static final Pattern CIDR = Pattern.compile("([^/]+)(?:/(\\d{1,4}))?");
  private static final Pattern MAC = Pattern.compile("[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}");
  private static final Pattern NAME =
      Pattern.compile("[a-z][a-z0-9_]{1,20}([:.]\\d+)?", Pattern.CASE_INSENSITIVE);

  private final AnswerView view;
  private final Problems problems;

  NetworkRules(AnswerView view, Problems problems) {
    this.view = view;
    this.problems = problems;
  }

  void check() {
    Optional<ObjectNode> network = view.table("network");
    Optional<String> source = view.string("network", "source");
    if (network.isPresent() && source.filter("from-dhcp"::equals).isPresent()) {
      for (String key : List.of("cidr", "dns", "gateway", "filter")) {
        if (network.get().has(key)) {
          problems.error(
              List.of("network", key),
              "unknown-key",
              "unknown field '"
                  + key
                  + "' with source = \"from-dhcp\"; expected one of: source,"
                  + " interface-name-pinning (set source = \"from-answer\" for a static address)",
              List.of("source", "interface-name-pinning"));
        }
      }
    }
    if (network.isPresent() && source.filter("from-answer"::equals).isPresent()) {
      for (String key : STATIC) {
        if (!network.get().has(key)) {
          problems.error(
              List.of("network", key),
              "required",
              "missing field '" + key + "' (required with source = \"from-answer\")");
        }
      }
      view.string("network", "cidr").ifPresent(this::cidr);
      for (String key : List.of("dns", "gateway")) {
        view.string("network", key)
            .filter(ip -> IpLiteral.bits(ip).isEmpty())
            .ifPresent(
                ip ->
                    problems.error(
                        List.of("network", key),
                        "address",
                        "'"
                            + ip
                            + "' is not an IP address; expected e.g. '192.0.2.1' or '2001:db8::1'"));
      }
      view.table("network", "filter")
          .ifPresent(f -> Globs.check(f, List.of("network", "filter"), problems));
    }
    view.table("network", "interface-name-pinning", "mapping").ifPresent(this::pinning);
  }

  private void cidr(String cidr) {
    Matcher m = CIDR.matcher(cidr);
    Optional<Integer> bits = m.matches() ? IpLiteral.bits(m.group(1)) : Optional.empty();
    if (bits.isEmpty()) {
      problems.error(
          List.of("network", "cidr"),
          "cidr",
          "'"
              + cidr
              + "' is not an IP address with a prefix length; expected e.g. '192.0.2.10/24' or"
              + " '2001:db8::10/64'");
      return;
    }
    if (m.group(2) != null && Integer.parseInt(m.group(2)) > bits.get()) {
      problems.error(
          List.of("network", "cidr"),
          "cidr",
          "invalid IP address '"
              + cidr
              + "': the prefix length "
              + m.group(2)
              + " is greater than "
              + bits.get()
              + (bits.get() == 32 ? " (IPv4)" : " (IPv6)"));
    }
  }

  private void pinning(ObjectNode mapping) {
    List<String> at = List.of("network", "interface-name-pinning", "mapping");
    Map<String, String> byName = new HashMap<>();
    Iterator<Map.Entry<String, JsonNode>> items = mapping.fields();
    while (items.hasNext()) {
      Map.Entry<String, JsonNode> item = items.next();
      String mac = item.getKey();
      String name = item.getValue().asText();
      List<String> key = AnswerStructure.append(at, mac);
      if (!MAC.matcher(mac).matches()) {
        problems.error(
            key,
            "pinning",
            "'" + mac + "' is not a MAC address; expected six hex bytes like 'ab:cd:ef:12:34:56'");
      }
      String prefix = "interface name '" + name + "' for '" + mac + "' ";
      if (name.length() > 15) {
        problems.error(key, "pinning", prefix + "cannot be longer than 15 characters");
      } else if (name.length() < 2) {
        problems.error(key, "pinning", prefix + "cannot be shorter than 2 characters");
      } else if (!NAME.matcher(name).matches()) {
        problems.error(
            key,
            "pinning",
            prefix
                + "is not valid: it must start with a letter, then letters, digits or '_',"
                + " optionally ending in '.N' or ':N' (^[a-z][a-z0-9_]{1,20}([:.]\\d+)?$, any"
                + " case)");
      }
      String other = byName.putIfAbsent(name, mac);
      if (other != null) {
        problems.error(
            key,
            "pinning",
            "interface name '" + name + "' is used twice, for '" + other + "' and '" + mac + "'");
      }
    }
  }
}
