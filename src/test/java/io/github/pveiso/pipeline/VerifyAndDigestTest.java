package io.github.pveiso.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pveiso.VerificationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyAndDigestTest {

  @TempDir Path tmp;

  @Test
  void returnsTheDigestAfterTheVerificationRan() throws IOException {
    Path file = Files.writeString(tmp.resolve("a.iso"), "abc");
    AtomicBoolean verified = new AtomicBoolean();
    assertThat(VerifyAndDigest.run(file, () -> verified.set(true)))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(verified).isTrue();
  }

  @Test
  void aFailedVerificationIsThrownAsItIs() throws IOException {
    Path file = Files.writeString(tmp.resolve("a.iso"), "abc");
    VerificationException failure = new VerificationException("a.iso: GPT size: stale");
    assertThatThrownBy(
            () ->
                VerifyAndDigest.run(
                    file,
                    () -> {
                      throw failure;
                    }))
        .isSameAs(failure);
  }

  @Test
  void aFileThatCannotBeReadIsAnIoError() {
    Path missing = tmp.resolve("missing.iso");
    assertThatThrownBy(() -> VerifyAndDigest.run(missing, () -> {}))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("missing.iso");
  }
}
