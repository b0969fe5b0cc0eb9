package io.github.pveiso.proxmox.answer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The checks of {@code [global]}: locale (country, keyboard, time zone), e-mail, root password,
 * FQDN and subscription key.
 */
final class GlobalRules {

  /** The HTML5 specification's "valid e-mail address". */
  private static final Pattern EMAIL =
      Pattern.compile(
          "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
              + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

  /** The address the installer's GUI fills in; it refuses it. */
  static final String EMAIL_PLACEHOLDER = "mail@example.invalid";

  /** What the installed system checks a subscription key against on first boot. */
  static final Pattern SUBSCRIPTION_KEY =
      Pattern.compile("(?:pve[0-9]+|pbs|pmg)[cbsp]-[0-9a-f]{10}");

  /** A crypt(3) string: {@code $id$[rounds=N$]salt$hash}, or traditional DES (13 characters). */
  private static final Pattern CRYPT =
      Pattern.compile("\\$[0-9a-z]+(\\$[^$\\s:]+)+|[./0-9A-Za-z]{13}");

  private final AnswerView view;
  private final Problems problems;

  GlobalRules(AnswerView view, Problems problems) {
    this.view = view;
    this.problems = problems;
  }

  void check() {
    locale();
    email();
    passwords();
    fqdn();
    view.string("global", "subscription-key")
        .filter(k -> !SUBSCRIPTION_KEY.matcher(k).matches())
        .ifPresent(
            k ->
                problems.error(
                    view.written("global", "subscription-key"),
                    "subscription-key",
                    "not a subscription key: the installed system checks it on first boot"
                        + " against ^(?:pve[0-9]+|pbs|pmg)[cbsp]-[0-9a-f]{10}$"));
  }

  private void locale() {
    view.string("global", "country")
        .filter(c -> !Locales.COUNTRIES.contains(c))
        .ifPresent(
            c ->
                problems.error(
                    view.written("global", "country"),
                    "locale",
                    "country code '"
                        + c
                        + "' is not valid; expected a two-letter ISO 3166-1 code in lower case"
                        + (Locales.COUNTRIES.contains(c.toLowerCase(Locale.ROOT))
                            ? " ('" + c.toLowerCase(Locale.ROOT) + "')"
                            : ", e.g. 'at', 'de' or 'us'")));
    view.string("global", "keyboard")
        .filter(k -> !AnswerSchema.KEYBOARDS.contains(k))
        .ifPresent(
            k ->
                problems.error(
                    view.written("global", "keyboard"),
                    "locale",
                    "keyboard layout '"
                        + k
                        + "' is not valid; expected one of: "
                        + String.join(", ", AnswerSchema.KEYBOARDS),
                    AnswerSchema.KEYBOARDS));
    view.string("global", "timezone")
        .filter(z -> !Locales.isTimezone(z))
        .ifPresent(
            z ->
                problems.error(
                    view.written("global", "timezone"),
                    "locale",
                    "timezone '"
                        + z
                        + "' is not valid"
                        + Spelling.nearest(z, Locales.TIMEZONES)
                            .map(s -> " (did you mean '" + s + "'?)")
                            .orElse("")
                        + "; expected 'UTC' or a zone of a country from tzdata's zone.tab,"
                        + " e.g. 'Europe/Vienna'"));
  }

  private void email() {
    view.string("global", "mailto")
        .ifPresent(
            mail -> {
              if (!EMAIL.matcher(mail).matches()) {
                problems.error(
                    view.written("global", "mailto"),
                    "email",
                    "Invalid email address '"
                        + mail
                        + "'; expected an address like 'admin@example.com' (HTML5 e-mail syntax)");
              } else if (mail.equals(EMAIL_PLACEHOLDER)) {
                problems.error(
                    view.written("global", "mailto"),
                    "email",
                    "Invalid (default) email address '"
                        + mail
                        + "': it is the installer's placeholder; set the address that should get"
                        + " root's mail");
              }
            });
  }

  private void passwords() {
    Optional<String> plain = view.string("global", "root-password");
    Optional<String> hashed = view.string("global", "root-password-hashed");
    boolean plainSet = present("root-password", "root_password");
    boolean hashedSet = present("root-password-hashed", "root_password_hashed");
    if (plainSet && hashedSet) {
      problems.error(
          view.written("global", "root-password-hashed"),
          "password",
          "`global.root-password` and `global.root-password-hashed` cannot be set at the same"
              + " time; keep one");
    } else if (!plainSet && !hashedSet && view.has("global")) {
      problems.error(
          List.of("global"),
          "password",
          "One of `global.root-password` or `global.root-password-hashed` must be set");
    }
    plain
        .filter(p -> p.getBytes(StandardCharsets.UTF_8).length < 8)
        .ifPresent(
            p ->
                problems.error(
                    view.written("global", "root-password"),
                    "password",
                    "`global.root-password` must be at least 8 characters long (bytes of UTF-8)"));
    hashed
        .filter(h -> !CRYPT.matcher(h).matches())
        .ifPresent(
            h ->
                problems.error(
                    view.written("global", "root-password-hashed"),
                    "password",
                    "`global.root-password-hashed` is not a crypt(3) hash; expected"
                        + " '$6$<salt>$<hash>' as 'pveiso answer hash-password' or mkpasswd"
                        + " print it"));
  }

  /** Whether {@code [global]} has the key in either spelling (even with a wrong type). */
  private boolean present(String kebab, String snake) {
    return view.table("global").map(g -> g.has(kebab) || g.has(snake)).orElse(false);
  }

  private void fqdn() {
    view.string("global", "fqdn")
        .flatMap(Fqdn::problem)
        .ifPresent(p -> problems.error(view.written("global", "fqdn"), "fqdn", p));
    view.table("global", "fqdn")
        .map(t -> t.path("domain").asText(""))
        .filter(d -> !d.isEmpty())
        .flatMap(Fqdn::labels)
        .ifPresent(
            p ->
                problems.error(
                    AnswerStructure.append(view.written("global", "fqdn"), "domain"), "fqdn", p));
  }

  /** True when the FQDN comes from DHCP. */
  static boolean fqdnFromDhcp(AnswerView view) {
    return view.table("global", "fqdn").map(ObjectNode::isObject).orElse(false);
  }
}
