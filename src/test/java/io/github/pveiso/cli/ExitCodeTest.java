package io.github.pveiso.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pveiso.InvalidInputException;
import io.github.pveiso.VerificationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

class ExitCodeTest {
  @Test
  void mapsEachKindOfErrorToItsCode() {
    assertThat(ExitCode.of(new InvalidInputException("x")).code()).isEqualTo(2);
    assertThat(ExitCode.of(new VerificationException("x")).code()).isEqualTo(3);
    assertThat(ExitCode.of(new IOException("x")).code()).isEqualTo(1);
    assertThat(ExitCode.of(new UncheckedIOException(new IOException("x"))).code()).isEqualTo(1);
    assertThat(ExitCode.of(new IllegalStateException("x")).code()).isEqualTo(4);
  }
}
