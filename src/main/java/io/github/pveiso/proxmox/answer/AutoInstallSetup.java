package io.github.pveiso.proxmox.answer;

import java.util.List;

/**
 * The automated installation a build sets up on one source ISO: the files, checked against that
 * ISO, and what the manifest and the plan say about them.
 *
 * @param files the files to add, sorted by ISO path
 * @param summary what the manifest records (of each secret only its digest)
 * @param note one line for the staging notes
 */
public record AutoInstallSetup(
    List<AutoInstallFile> files, AutoInstallSummary summary, String note) {
  /** Copies the list. */
  public AutoInstallSetup {
    files = List.copyOf(files);
  }
}
