package io.github.pveiso.iso.write;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IsoNamesTest {

  static final RockRidgeStyle LEVEL1 = new RockRidgeStyle(32, 0x0e, true, false, false, 0);
  static final RockRidgeStyle LONG = new RockRidgeStyle(40, 0x0e, false, true, true, 7);

  @Test
  void filesGetUpperCaseEightDotThreeNamesWithAVersion() {
    assertThat(IsoNames.iso9660("pve-base.squashfs", false, LEVEL1, Set.of()))
        .isEqualTo("PVE_BASE.SQU;1");
    assertThat(IsoNames.iso9660(".cd-info", false, LEVEL1, Set.of())).isEqualTo("_CD_INFO.;1");
    assertThat(IsoNames.iso9660("auto-installer-capable", false, LEVEL1, Set.of()))
        .isEqualTo("AUTO_INS.;1");
    assertThat(IsoNames.iso9660("a*b?c[d] ü.txt", false, LEVEL1, Set.of()))
        .isEqualTo("A_B_C_D_.TXT;1");
    assertThat(IsoNames.iso9660(".disk", true, LEVEL1, Set.of())).isEqualTo("_DISK");
    assertThat(IsoNames.iso9660("new.dir.name", true, LEVEL1, Set.of())).isEqualTo("NEW_DIR_");
  }

  @Test
  void longNamesFollowTheSourceAndCollisionsGetACounter() {
    assertThat(IsoNames.iso9660("firmware-misc_1.2.deb", false, LONG, Set.of()))
        .isEqualTo("FIRMWARE_MISC_1_2.DEB");
    assertThat(IsoNames.iso9660("x".repeat(40) + ".squashfs", false, LONG, Set.of()))
        .isEqualTo("X".repeat(22) + ".SQUASHFS");
    assertThat(IsoNames.iso9660("y".repeat(40), true, LONG, Set.of())).isEqualTo("Y".repeat(31));
    Set<String> taken = new HashSet<>(Set.of("FIRMWARE.DEB", "FIRMW000.DEB"));
    assertThat(IsoNames.iso9660("firmware-b.deb", false, LEVEL1, taken))
        .isEqualTo("FIRMW001.DEB;1");
  }

  @Test
  void jolietNamesReplaceForbiddenCharactersAndStayUnique() {
    assertThat(IsoNames.joliet("a*b?c:d;e\\f/g", Set.of())).isEqualTo("a_b_c_d_e_f_g");
    String longName = "n".repeat(70);
    assertThat(IsoNames.joliet(longName, Set.of())).isEqualTo("n".repeat(64));
    assertThat(IsoNames.joliet(longName, Set.of("n".repeat(64)))).isEqualTo("n".repeat(61) + "000");
    assertThat(IsoNames.truncate("ab\uD83D\uDE00", 3)).isEqualTo("ab");
  }

  @Test
  void identifiersSortByNameThenExtensionThenVersionDescending() {
    List<String> ids =
        new ArrayList<>(List.of("B.TXT;1", "A_B.;1", "A.TXT;2", "A.TXT;1", "A.B;1", "AB"));
    ids.sort(
        (x, y) ->
            IsoNames.ORDER.compare(
                x.getBytes(StandardCharsets.ISO_8859_1), y.getBytes(StandardCharsets.ISO_8859_1)));
    assertThat(ids).containsExactly("A.B;1", "A.TXT;2", "A.TXT;1", "AB", "A_B.;1", "B.TXT;1");
  }

  @Test
  void theSystemUseAreaIsEvenAndLinksEncodeTheirComponents() {
    byte[] su = LEVEL1.systemUse(0100644, GrowingIsoWriterTest.TIME, "abcd", 0, null);
    assertThat(su.length % 2).isZero();
    assertThat(su.length).isEqualTo(36 + 26 + 9 + 1);
    byte[] withInode = LONG.systemUse(0100644, GrowingIsoWriterTest.TIME, null, 9, null);
    assertThat(withInode.length).isEqualTo(44 + 26);
    assertThat(withInode[36]).isEqualTo((byte) 9);
    assertThat(RockRidgeStyle.symlinkData("/a/../."))
        .containsExactly(0, 0x08, 0, 0, 1, 'a', 0x04, 0, 0x02, 0);
  }
}
