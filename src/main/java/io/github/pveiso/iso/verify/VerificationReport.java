package io.github.pveiso.iso.verify;

import io.github.pveiso.VerificationException;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The result of verifying an ISO: every check with pass or fail and a one-line reason.
 *
 * @param output the verified image
 * @param source the image it was compared with, or null for a standalone check
 * @param checks every check, in the order they ran
 */
public record VerificationReport(String output, @Nullable String source, List<Check> checks) {

  /** The outcome of one check. */
  public enum Status {
    /** As it should be. */
    PASS,
    /** Unusual but harmless for booting; said so the user knows. */
    WARN,
    /** Wrong: the image must not be used. */
    FAIL
  }

  /**
   * One check.
   *
   * @param name what was checked, e.g. {@code boot image 1 (BIOS)}
   * @param status pass, warn or fail
   * @param detail one line: what was found
   */
  public record Check(String name, Status status, String detail) {
    /** A passed check. */
    public static Check pass(String name, String detail) {
      return new Check(name, Status.PASS, detail);
    }

    /** A passed check with a warning. */
    public static Check warn(String name, String detail) {
      return new Check(name, Status.WARN, detail);
    }

    /** A failed check. */
    public static Check fail(String name, String detail) {
      return new Check(name, Status.FAIL, detail);
    }

    /** True unless the check failed. */
    public boolean passed() {
      return status != Status.FAIL;
    }
  }

  /** Copies the list. */
  public VerificationReport {
    checks = List.copyOf(checks);
  }

  /** True when every check passed. */
  public boolean passed() {
    return checks.stream().allMatch(Check::passed);
  }

  /** The first failed check. */
  public Optional<Check> firstFailure() {
    return checks.stream().filter(c -> !c.passed()).findFirst();
  }

  /**
   * Returns this report when every check passed.
   *
   * @throws VerificationException with the first failure's one-line message
   */
  public VerificationReport orThrow() {
    Optional<Check> failure = firstFailure();
    if (failure.isPresent()) {
      long failed = checks.stream().filter(c -> !c.passed()).count();
      throw new VerificationException(
          output
              + " failed verification: "
              + failure.get().name()
              + ": "
              + failure.get().detail()
              + (failed > 1 ? " (and " + (failed - 1) + " more failed checks)" : ""));
    }
    return this;
  }
}
