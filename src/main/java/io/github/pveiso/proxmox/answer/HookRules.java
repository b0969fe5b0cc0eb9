package io.github.pveiso.proxmox.answer;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/** The checks of {@code [first-boot]} and {@code [post-installation-webhook]}. */
final class HookRules {

  private final AnswerView view;
  private final Problems problems;

  HookRules(AnswerView view, Problems problems) {
    this.view = view;
    this.problems = problems;
  }

  void check() {
    if (view.string("first-boot", "source").filter("from-url"::equals).isPresent()
        && view.table("first-boot").filter(t -> t.has("url")).isEmpty()) {
      problems.errorAt(
          List.of("first-boot", "url"),
          view.written("first-boot", "source"),
          "first-boot",
          "source = \"from-url\" needs 'url', the address of the executable to run at first boot");
    }
    for (String table : List.of("first-boot", "post-installation-webhook")) {
      view.string(table, "url").ifPresent(url -> url(List.of(table, "url"), url));
      view.string(table, "cert-fingerprint")
          .flatMap(CertFingerprint::problem)
          .ifPresent(
              p -> problems.error(view.written(table, "cert-fingerprint"), "fingerprint", p));
    }
    view.string("post-installation-webhook", "auth-token")
        .filter(t -> !BearerToken.isValid(t))
        .ifPresent(
            t ->
                problems.error(
                    view.written("post-installation-webhook", "auth-token"),
                    "token",
                    BearerToken.RULE));
  }

  private void url(List<String> key, String url) {
    if (!isHttpUrl(url)) {
      problems.error(key, "url", "'" + url + "' is not an http or https URL");
    }
  }

  /** True for an absolute http or https URL with a host. */
  static boolean isHttpUrl(String text) {
    try {
      URI uri = new URI(text);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      return (scheme.equals("http") || scheme.equals("https"))
          && uri.getHost() != null
          && !uri.getHost().isEmpty();
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
