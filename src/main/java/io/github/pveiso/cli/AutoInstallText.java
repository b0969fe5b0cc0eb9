package io.github.pveiso.cli;

import io.github.pveiso.proxmox.answer.AutoInstallInfo;

/** Renders what an ISO says about automated installation, for people. */
final class AutoInstallText {
  private AutoInstallText() {}

  static String text(AutoInstallInfo a) {
    StringBuilder t = new StringBuilder();
    IsoText.line(
        t,
        "auto-install",
        (a.capable()
                ? "supported (/auto-installer-capable)"
                : "not supported (no /auto-installer-capable)")
            + (a.enabled() ? "" : "; not set up: the ISO installs interactively"));
    a.modeProblem().ifPresent(p -> IsoText.line(t, "answer from", "unreadable: " + p));
    a.mode()
        .ifPresent(
            mode -> {
              StringBuilder fetch = new StringBuilder(mode);
              switch (mode) {
                case "iso" -> fetch.append(" (/answer.toml)");
                case "partition" ->
                    fetch
                        .append(" (answer.toml on the file system labelled ")
                        .append(a.partitionLabel().orElse(""))
                        .append(')');
                default -> {
                  fetch.append(' ').append(a.url().orElse("(URL from DHCP or DNS)"));
                  a.certFingerprint().ifPresent(f -> fetch.append(", certificate ").append(f));
                  a.token().ifPresent(k -> fetch.append(", token ").append(k));
                }
              }
              IsoText.line(t, "answer from", fetch.toString());
            });
    a.answerSha256()
        .ifPresent(
            sha ->
                IsoText.line(
                    t,
                    "answer",
                    "/answer.toml, sha256 "
                        + sha
                        + (a.answerProblems().isEmpty()
                            ? ", valid"
                            : ", "
                                + a.answerProblems().size()
                                + (a.answerProblems().size() == 1 ? " problem" : " problems"))));
    a.answerProblems().forEach(p -> IsoText.line(t, "", p));
    a.answer().ifPresent(text -> text.lines().forEach(l -> IsoText.line(t, "", "| " + l)));
    a.firstBootSize()
        .ifPresent(
            size ->
                IsoText.line(
                    t,
                    "first boot",
                    "/proxmox-first-boot, "
                        + Sizes.human(size)
                        + ", sha256 "
                        + a.firstBootSha256().orElse("")));
    return t.toString();
  }
}
