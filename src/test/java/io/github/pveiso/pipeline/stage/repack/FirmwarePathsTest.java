package io.github.pveiso.pipeline.stage.repack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class FirmwarePathsTest {

  @Test
  void bothFirmwareRootsMapToTheSameRelativePath() {
    assertThat(FirmwarePaths.below("lib/firmware/rtl_nic/a.fw")).contains("rtl_nic/a.fw");
    assertThat(FirmwarePaths.below("usr/lib/firmware/rtl_nic/a.fw")).contains("rtl_nic/a.fw");
    assertThat(FirmwarePaths.below("usr/lib/firmware")).contains("");
    assertThat(FirmwarePaths.below("usr/lib/firmwarex/a")).isEmpty();
    assertThat(FirmwarePaths.below("usr/share/doc/firmware-realtek/copyright")).isEmpty();
  }

  @Test
  void relativeLinksInsideTheFirmwareFolderStayRelative() {
    assertThat(FirmwarePaths.reroot("usr/lib/firmware/a/b.fw", "c.fw")).contains("c.fw");
    assertThat(FirmwarePaths.reroot("usr/lib/firmware/a/b.fw", "../d/c.fw")).contains("../d/c.fw");
    assertThat(FirmwarePaths.reroot("lib/firmware/a/b/x.fw", "./../y.fw")).contains("../y.fw");
    assertThat(FirmwarePaths.reroot("lib/firmware/nvidia/ad103", "ad102")).contains("ad102");
  }

  @Test
  void absoluteLinksIntoEitherFirmwareRootBecomeRelative() {
    assertThat(FirmwarePaths.reroot("usr/lib/firmware/a/b.fw", "/lib/firmware/a/c.fw"))
        .contains("c.fw");
    assertThat(FirmwarePaths.reroot("lib/firmware/x.fw", "/usr/lib/firmware/d/c.fw"))
        .contains("d/c.fw");
    assertThat(FirmwarePaths.reroot("lib/firmware/a/x.fw", "/usr/lib/firmware")).contains("..");
  }

  @Test
  void linksLeavingTheFirmwareFolderAreRefused() {
    assertThat(FirmwarePaths.reroot("lib/firmware/a.fw", "../../etc/shadow")).isEmpty();
    assertThat(FirmwarePaths.reroot("lib/firmware/a.fw", "/etc/shadow")).isEmpty();
    assertThat(FirmwarePaths.reroot("lib/firmware/a.fw", "../../../../x")).isEmpty();
    assertThat(FirmwarePaths.reroot("lib/firmware/a.fw", "../firmware-other/x")).isEmpty();
    assertThat(FirmwarePaths.reroot("usr/share/a", "b")).isEmpty();
  }

  @Test
  void relativePathBetweenTwoPlaces() {
    assertThat(FirmwarePaths.relative("a/b/c", "a/x")).isEqualTo("../x");
    assertThat(FirmwarePaths.relative("c", "x/y")).isEqualTo("x/y");
    assertThat(FirmwarePaths.relative("a/c", "a")).isEqualTo(".");
    assertThat(FirmwarePaths.relative("a/c", "")).isEqualTo("..");
    assertThat(Optional.of(FirmwarePaths.relative("c", ""))).contains(".");
  }
}
