package io.github.pveiso.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pveiso.Sha256Digest;
import io.github.pveiso.VerificationException;
import io.github.pveiso.events.EventListener;
import io.github.pveiso.iso.IsoImage;
import io.github.pveiso.iso.write.GrowingIsoWriter;
import io.github.pveiso.iso.write.IsoChange;
import io.github.pveiso.iso.write.WriteResult;
import io.github.pveiso.iso.write.WriteStrategy;
import io.github.pveiso.pipeline.stage.Staged;
import io.github.pveiso.pipeline.stage.StagedFile;
import io.github.pveiso.testing.Fixtures.Fixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyStepTest {

  @TempDir Path tmp;

  @Test
  void theDigestFollowedTheWriteAndIsTheWrittenFiles() throws IOException {
    Path source = Fixture.MKRESCUE.iso();
    Path local = Files.writeString(tmp.resolve("added.txt"), "added\n");
    List<IsoChange> changes =
        List.of(new IsoChange.AddFile("/added.txt", local, 0644, Instant.EPOCH));
    StagedFile file =
        StagedFile.file("/added.txt", "add", Sha256Digest.ofFile(local).hex(), 6, "test");
    Path target = tmp.resolve("out.iso");
    VerifyStep.Verified verified;
    try (IsoImage image = IsoImage.open(source);
        FollowingDigest digest = FollowingDigest.of(target)) {
      WriteResult written =
          new GrowingIsoWriter(EventListener.NONE, digest)
              .write(source, image.bootLayout(), changes, target);
      verified =
          new VerifyStep(EventListener.NONE)
              .call(image, written, new Staged(changes, List.of(file), List.of()), digest);
    }
    assertThat(verified.sha256()).isEqualTo(Sha256Digest.ofFile(target).hex());
    assertThat(FollowingDigestTest.hashing("out.iso")).isEmpty();
  }

  @Test
  void aFailedVerificationIsThrownAndTheHashingStops() throws IOException {
    // not the source's image: its identity differs
    Path other = Files.copy(Fixture.ARM64.iso(), tmp.resolve("other.iso"));
    WriteResult written =
        new WriteResult(other, WriteStrategy.GROW, Files.size(other), Duration.ZERO);
    try (IsoImage image = IsoImage.open(Fixture.MKRESCUE.iso());
        FollowingDigest digest = FollowingDigest.of(other)) {
      assertThatThrownBy(
              () ->
                  new VerifyStep(EventListener.NONE)
                      .call(image, written, new Staged(List.of(), List.of(), List.of()), digest))
          .isInstanceOf(VerificationException.class);
    }
    assertThat(FollowingDigestTest.hashing("other.iso")).isEmpty();
  }
}
