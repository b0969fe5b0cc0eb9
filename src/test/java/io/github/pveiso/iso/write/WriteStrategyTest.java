package io.github.pveiso.iso.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pveiso.VerificationException;
import io.github.pveiso.iso.BootLayout;
import org.junit.jupiter.api.Test;

class WriteStrategyTest {

  private static BootLayout layout(boolean appended, boolean hfsPlus) {
    return new BootLayout(
        "PVE", "2025-02-03-04-05-06-00", true, true, true, true, true, appended, hfsPlus, hfsPlus);
  }

  @Test
  void growsWhenNothingLiesAfterTheVolume() {
    assertThat(WriteStrategy.forLayout(layout(false, true), 0)).isEqualTo(WriteStrategy.GROW_COPY);
    assertThat(WriteStrategy.forLayout(layout(false, false), 0)).isEqualTo(WriteStrategy.GROW_COPY);
  }

  @Test
  void replaysAppendedPartitionsAndTails() {
    assertThat(WriteStrategy.forLayout(layout(true, false), 1_146_880))
        .isEqualTo(WriteStrategy.REPLAY);
    assertThat(WriteStrategy.forLayout(layout(false, false), 512)).isEqualTo(WriteStrategy.REPLAY);
  }

  @Test
  void refusesATailNextToHfsPlus() {
    assertThatThrownBy(() -> WriteStrategy.forLayout(layout(false, true), 512))
        .isInstanceOf(VerificationException.class)
        .hasMessage(
            "the ISO has 512 bytes after its file system and an HFS+ partition: growing would"
                + " overwrite those bytes and xorriso cannot replay HFS+ layouts; this layout is"
                + " not supported, please report it");
  }
}
