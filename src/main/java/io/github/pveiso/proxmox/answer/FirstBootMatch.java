package io.github.pveiso.proxmox.answer;

import java.util.Optional;

/** Whether a first-boot executable and an answer agree: one is there when the other asks for it. */
public final class FirstBootMatch {
  private FirstBootMatch() {}

  /**
   * What is wrong, or empty when they agree.
   *
   * @param answer the checked answer that goes on the ISO
   * @param firstBoot whether a first-boot executable goes on the ISO
   */
  public static Optional<String> problem(AnswerReport answer, boolean firstBoot) {
    if (answer.wantsFirstBootFromIso() && !firstBoot) {
      return Optional.of(
          answer.file()
              + ": [first-boot] source = \"from-iso\" asks for /proxmox-first-boot, but first_boot"
              + " is not set; set first_boot to the executable");
    }
    if (!answer.wantsFirstBootFromIso() && firstBoot) {
      return Optional.of(
          "first_boot is set but "
              + answer.file()
              + " does not ask for it; add [first-boot] with source = \"from-iso\" to the answer,"
              + " or drop first_boot");
    }
    return Optional.empty();
  }
}
