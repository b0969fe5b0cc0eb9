package io.github.pveiso.proxmox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShellVariablesTest {
  @Test
  void parsesQuotedAndBareValues() {
    ShellVariables vars =
        ShellVariables.parse(
            "/.cd-info",
            "# comment\nPRODUCT='pve'\nPRODUCTLONG='Proxmox VE'\nQUOTE='it'\\''s'\n"
                + "DQ=\"a \\\"b\\\"\"\nBARE=9.1\n\nbroken line\nX='unterminated\n");
    assertThat(vars.values())
        .isEqualTo(
            Map.of(
                "PRODUCT", "pve",
                "PRODUCTLONG", "Proxmox VE",
                "QUOTE", "it's",
                "DQ", "a \"b\"",
                "BARE", "9.1"));
    assertThat(vars.problems())
        .isEqualTo(
            List.of(
                "line 8 of /.cd-info is not KEY='value': broken line",
                "line 9 of /.cd-info is not KEY='value': X='unterminated"));
  }
}
