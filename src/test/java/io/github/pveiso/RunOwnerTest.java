package io.github.pveiso;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pveiso.testing.Owners;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RunOwnerTest {

  @Test
  void thisProcessRunsAndEachRunHasItsOwnToken() {
    RunOwner first = RunOwner.next();
    RunOwner second = RunOwner.next();
    assertThat(first.pid()).isEqualTo(ProcessHandle.current().pid());
    assertThat(first.processRunning()).isTrue();
    assertThat(first.sameProcess(second)).isTrue();
    assertThat(second.token()).isNotEqualTo(first.token());
    assertThat(RunOwner.parse(first.token())).contains(first);
  }

  @Test
  void aProcessThatEndedDoesNotRun() {
    assertThat(Owners.gone().processRunning()).isFalse();
  }

  @Test
  void aLaterProcessWithTheSameIdIsNotTheOwner() {
    RunOwner earlier = Owners.earlierWithThisPid();
    assertThat(ProcessHandle.of(earlier.pid())).isPresent();
    assertThat(earlier.processRunning()).isFalse();
  }

  @Test
  void aStartReadASecondOffByAnotherJvmIsStillTheOwner() {
    RunOwner self = RunOwner.next();
    for (long off : new long[] {-1000, 1000, RunOwner.START_SLACK_MILLIS}) {
      assertThat(
              new RunOwner(self.pid(), self.startMillis() + off, 1, self.pidNamespace())
                  .processRunning())
          .as("%d ms off", off)
          .isTrue();
    }
    assertThat(
            new RunOwner(
                    self.pid(),
                    self.startMillis() - RunOwner.START_SLACK_MILLIS - 1,
                    1,
                    self.pidNamespace())
                .processRunning())
        .isFalse();
  }

  @Test
  void anOwnerInAnotherPidNamespaceIsNeverTakenForGone() {
    RunOwner self = RunOwner.next();
    assertThat(self.pidNamespace()).isPositive();
    RunOwner elsewhere = new RunOwner(1, 1_764_150_000_000L, 1, self.pidNamespace() + 1);
    assertThat(elsewhere.processRunning()).isTrue();
    assertThat(elsewhere.describe())
        .isEqualTo(
            "pveiso process 1 in another pid namespace (started "
                + Instant.ofEpochMilli(1_764_150_000_000L)
                + ")");
  }

  @Test
  void tokensAndDescriptions() {
    long namespace = RunOwner.next().pidNamespace();
    RunOwner owner = new RunOwner(4242, 1_764_150_000_000L, 3, namespace);
    assertThat(owner.token()).isEqualTo("4242-1764150000000-3-" + namespace);
    assertThat(owner.describe())
        .isEqualTo(
            "pveiso process 4242 (started " + Instant.ofEpochMilli(1_764_150_000_000L) + ")");
    assertThat(new RunOwner(4242, 0, 1, namespace).describe()).isEqualTo("pveiso process 4242");
    assertThat(RunOwner.parse("4242-x-3-1")).isEmpty();
    assertThat(RunOwner.parse("4242-1-3")).isEmpty();
    assertThat(RunOwner.parse("99999999999-1-1-1")).isEmpty();
  }
}
