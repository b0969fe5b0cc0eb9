package io.github.pveiso.pipeline;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pveiso.InvalidInputException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class WriteStepTest {

  @Test
  void lessFreeSpaceThanTheOutputNeedsIsRefusedBeforeWriting() {
    assertThatThrownBy(() -> WriteStep.requireFreeSpace(Path.of("/srv/out"), 2048, 2047))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "not enough free space in /srv/out: the output needs about 2048 bytes, 2047 are free;"
                + " free some space or choose another output_dir");
  }

  @Test
  void exactlyEnoughIsEnough() {
    assertThatCode(() -> WriteStep.requireFreeSpace(Path.of("/srv/out"), 2048, 2048))
        .doesNotThrowAnyException();
  }
}
