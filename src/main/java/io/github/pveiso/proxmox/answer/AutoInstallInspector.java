package io.github.pveiso.proxmox.answer;

import io.github.pveiso.VerificationException;
import io.github.pveiso.iso.IsoEntry;
import io.github.pveiso.iso.IsoFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** Reads what an ISO says about automated installation; works on any ISO. */
public final class AutoInstallInspector {
  private AutoInstallInspector() {}

  /**
   * The largest file read (the mode file and the answer are small; the installer caps at 1 MiB).
   */
  private static final int MAX = 1024 * 1024;

  /**
   * Reads {@code iso}'s automated-installation files.
   *
   * @param showSecrets when true, passwords, keys and tokens are shown instead of redacted
   */
  public static AutoInstallInfo read(IsoFiles iso, boolean showSecrets) {
    boolean capable = iso.find(AutoInstallFiles.CAPABLE).isPresent();
    Optional<AutoInstallerMode> mode = Optional.empty();
    Optional<String> modeProblem = Optional.empty();
    try {
      Optional<byte[]> modeBytes = bytes(iso, AutoInstallFiles.MODE_FILE);
      if (modeBytes.isPresent()) {
        AutoInstallerMode read =
            AutoInstallerMode.parse(new String(modeBytes.get(), StandardCharsets.UTF_8));
        mode = Optional.of(showSecrets ? read : read.redacted());
      }
    } catch (VerificationException e) {
      modeProblem = Optional.ofNullable(e.getMessage());
    }
    Optional<byte[]> answerBytes;
    List<String> problems;
    try {
      answerBytes = bytes(iso, AutoInstallFiles.ANSWER_FILE);
      problems =
          answerBytes
              .map(
                  b ->
                      AnswerValidator.validate(AutoInstallFiles.ANSWER_FILE, b, false)
                          .problems()
                          .stream()
                          .map(AnswerProblem::text)
                          .toList())
              .orElse(List.of());
    } catch (VerificationException e) {
      answerBytes = Optional.empty();
      problems = List.of(String.valueOf(e.getMessage()));
    }
    Optional<String> answer = answerBytes.map(b -> answerText(b, showSecrets));
    Optional<IsoEntry> firstBoot = iso.find(AutoInstallFiles.FIRST_BOOT).filter(IsoEntry::isFile);
    return new AutoInstallInfo(
        capable,
        mode.map(m -> m.mode().text()),
        mode.map(AutoInstallerMode::partitionLabel),
        mode.flatMap(AutoInstallerMode::url),
        mode.flatMap(AutoInstallerMode::certFingerprint),
        mode.flatMap(AutoInstallerMode::token),
        modeProblem,
        answer,
        answerBytes.map(Content::sha256),
        problems,
        firstBoot.map(IsoEntry::size),
        firstBoot.map(e -> sha256(iso, e)));
  }

  private static String answerText(byte[] bytes, boolean showSecrets) {
    String text;
    try {
      text = AnswerValidator.utf8(bytes);
    } catch (CharacterCodingException e) {
      return "(not UTF-8 text, " + bytes.length + " bytes)";
    }
    if (showSecrets) {
      return text;
    }
    return Redaction.answer(text)
        .orElse("(not valid TOML, " + bytes.length + " bytes; shown only with --show-secrets)");
  }

  private static String sha256(IsoFiles iso, IsoEntry entry) {
    try (InputStream in = iso.open(entry)) {
      java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        sha.update(buffer, 0, n);
      }
      return java.util.HexFormat.of().formatHex(sha.digest());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read " + entry.path() + " from the ISO: " + e.getMessage(), e);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("this Java has no SHA-256", e);
    }
  }

  private static Optional<byte[]> bytes(IsoFiles iso, String path) {
    Optional<IsoEntry> entry = iso.find(path).filter(IsoEntry::isFile);
    if (entry.isEmpty()) {
      return Optional.empty();
    }
    if (entry.get().size() > MAX) {
      throw new VerificationException(
          path + " has " + entry.get().size() + " bytes; the installer takes at most " + MAX);
    }
    try (InputStream in = iso.open(entry.get())) {
      return Optional.of(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path + " from the ISO: " + e.getMessage(), e);
    }
  }
}
