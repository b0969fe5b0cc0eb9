package io.github.pveiso.proxmox.answer;

import java.util.List;

/**
 * A commented minimal answer file to start from ({@code pveiso answer init}). It is valid as
 * printed except for its {@link #PLACEHOLDERS}, whose values the checks refuse until they are
 * replaced.
 */
public final class AnswerTemplate {
  private AnswerTemplate() {}

  /** The keys whose values are placeholders. */
  public static final List<String> PLACEHOLDERS =
      List.of("global.mailto", "global.root-password-hashed");

  /** The template. */
  public static String text() {
    return """
        # Answer file for the Proxmox VE automated installer (answer.toml).
        # Two values are placeholders that 'pveiso answer validate' refuses until you
        # replace them: global.mailto and global.root-password-hashed.
        # The rest is a working minimal setup: change what does not fit this machine.
        # Check it with:  pveiso answer validate answer.toml

        [global]
        keyboard = "en-us"            # de, de-ch, dk, en-gb, en-us, es, fi, fr, fr-be, ...
        country = "us"                # two-letter country code, lower case
        fqdn = "pve.example.com"      # host name and domain of the installed system
        mailto = "mail@example.invalid"   # PLACEHOLDER: where root's mail goes
        timezone = "UTC"              # or a zone such as "Europe/Vienna"
        # PLACEHOLDER: the output of 'pveiso answer hash-password'
        root-password-hashed = "replace with the output of: pveiso answer hash-password"
        # root-ssh-keys = ["ssh-ed25519 AAAA... admin@example.com"]

        [network]
        source = "from-dhcp"          # or "from-answer" with cidr, dns, gateway and filter

        [disk-setup]
        filesystem = "ext4"           # ext4, xfs, zfs (with zfs.raid) or btrfs (with btrfs.raid)
        disk-list = ["sda"]           # or a udev filter, e.g. filter.ID_SERIAL = "Samsung*"
        """;
  }
}
