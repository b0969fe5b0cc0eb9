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
              + " asks for /proxmox-first-boot ([first-boot] source = \"from-iso\") but first_boot"
              + " is not set; set first_boot to the executable");
    }
    if (!answer.wantsFirstBootFromIso() && firstBoot) {
      return Optional.of(
          answer.file()
              + " does not ask for the first_boot executable; add [first-boot] with source ="
              + " \"from-iso\" to it, or drop first_boot");
    }
    return Optional.empty();
  }
}
