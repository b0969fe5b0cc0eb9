package io.github.pveiso.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** File errors become sentences; wrapped interrupts and I/O errors are failures, not bugs. */
class ErrorTextTest {

  private static String text(Throwable error) {
    return ErrorText.of(error, ExitCode.of(error));
  }

  @Test
  void aBarePathBecomesASentenceNamingWhatWentWrong() {
    assertThat(text(new NoSuchFileException("/w/x"))).isEqualTo("no such file: /w/x");
    assertThat(text(new AccessDeniedException("/o/a.iso")))
        .isEqualTo("permission denied: /o/a.iso");
    assertThat(text(new FileAlreadyExistsException("/o/a.iso")))
        .isEqualTo("already exists: /o/a.iso");
    assertThat(text(new DirectoryNotEmptyException("/w/stage")))
        .isEqualTo("folder not empty: /w/stage");
    assertThat(text(new NotDirectoryException("/w/f"))).isEqualTo("not a folder: /w/f");
  }

  @Test
  void theOtherFileAndTheReasonAreNamedWhenPresent() {
    assertThat(text(new NoSuchFileException("/w/link", "/cache/blob", null)))
        .isEqualTo("no such file: /w/link (other file: /cache/blob)");
    assertThat(text(new AccessDeniedException("/o/a.iso", null, "mounted read-only")))
        .isEqualTo("permission denied: /o/a.iso (mounted read-only)");
    assertThat(text(new FileSystemException("/o/a.iso", null, "Read-only file system")))
        .isEqualTo("Read-only file system: /o/a.iso");
    assertThat(text(new FileSystemException("/o/a.iso", "/o/b.iso", "Invalid cross-device link")))
        .isEqualTo("Invalid cross-device link: /o/a.iso (other file: /o/b.iso)");
    assertThat(text(new FileSystemException("/o/a.iso"))).isEqualTo("file system error: /o/a.iso");
  }

  @Test
  void aMessageEndingInTheBarePathGetsTheSentenceInstead() {
    NoSuchFileException cause = new NoSuchFileException("/w/build/Contents-firmware");
    assertThat(
            text(
                new UncheckedIOException(
                    "cannot write /w/build/Contents-firmware: " + cause.getMessage(), cause)))
        .isEqualTo(
            "cannot write /w/build/Contents-firmware: no such file: /w/build/Contents-firmware");
    AccessDeniedException denied = new AccessDeniedException("/o/a.iso");
    assertThat(text(new UncheckedIOException("cannot write the ISO: " + denied, denied)))
        .isEqualTo("cannot write the ISO: permission denied: /o/a.iso");
    assertThat(text(new UncheckedIOException(denied))).isEqualTo("permission denied: /o/a.iso");
  }

  @Test
  void aMessageWithoutTheReasonGetsTheSentenceAdded() {
    assertThat(
            text(
                new UncheckedIOException(
                    "cannot create work_dir /w", new FileAlreadyExistsException("/w"))))
        .isEqualTo("cannot create work_dir /w: already exists: /w");
  }

  @Test
  void aMessageThatSaysWhyAlreadyIsKept() {
    assertThat(
            text(
                new UncheckedIOException(
                    "cannot read /x.iso: no such file", new NoSuchFileException("/x.iso"))))
        .isEqualTo("cannot read /x.iso: no such file");
    assertThat(text(new IOException("disk on fire at /x"))).isEqualTo("disk on fire at /x");
  }

  @Test
  void aWrappedInterruptIsAFailureThatSaysSo() {
    IllegalStateException error =
        new IllegalStateException("waiting for the ISO check", new InterruptedException());

    assertThat(ExitCode.of(error)).isEqualTo(ExitCode.FAILURE);
    assertThat(text(error)).isEqualTo("waiting for the ISO check: interrupted");
    assertThat(text(new IllegalStateException(new InterruptedException())))
        .isEqualTo("interrupted");
    assertThat(
            text(
                new IllegalStateException(
                    new UncheckedIOException(
                        "GET http://h/x interrupted",
                        new InterruptedIOException("GET http://h/x interrupted")))))
        .isEqualTo("GET http://h/x interrupted");
  }

  @Test
  void aWrappedIoErrorIsAFailureWithItsReason() {
    IllegalStateException plain =
        new IllegalStateException("cannot hash /x.iso", new IOException("Input/output error"));
    IllegalStateException file =
        new IllegalStateException(
            "cannot hash /x.iso", new UncheckedIOException(new NoSuchFileException("/x.iso")));
    IllegalStateException nested =
        new IllegalStateException(
            new ExecutionException(new AccessDeniedException("/cache/blobs/ab")));

    assertThat(ExitCode.of(plain)).isEqualTo(ExitCode.FAILURE);
    assertThat(text(plain)).isEqualTo("cannot hash /x.iso: Input/output error");
    assertThat(ExitCode.of(file)).isEqualTo(ExitCode.FAILURE);
    assertThat(text(file)).isEqualTo("cannot hash /x.iso: no such file: /x.iso");
    assertThat(ExitCode.of(nested)).isEqualTo(ExitCode.FAILURE);
    assertThat(text(nested)).isEqualTo("permission denied: /cache/blobs/ab");
  }

  @Test
  void otherIllegalStatesAreStillBugs() {
    assertThat(ExitCode.of(new IllegalStateException("x"))).isEqualTo(ExitCode.INTERNAL_ERROR);
    assertThat(ExitCode.of(new IllegalStateException(new IllegalArgumentException("y"))))
        .isEqualTo(ExitCode.INTERNAL_ERROR);
    assertThat(text(new IllegalStateException("x"))).isEqualTo("IllegalStateException: x");
  }

  /** Throws a file error wrapped as core code wraps it. */
  @Command(name = "throw-file")
  static final class FileThrower extends BaseCommand {
    @Override
    CommandOutput run(
        CliContext context, GlobalOptions options, io.github.pveiso.events.EventListener events) {
      NoSuchFileException cause = new NoSuchFileException("/w/build/Contents-firmware");
      throw new IllegalStateException(
          "cannot write /w/build/Contents-firmware: " + cause.getMessage(),
          new UncheckedIOException(cause));
    }
  }

  @Test
  void theCliPrintsTheSentenceAndExitsOne() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CommandLine cli = ExitCodeTest.cliWithThrower(err);
    cli.addSubcommand("throw-file", new FileThrower());

    assertThat(cli.execute("throw-file")).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "pveiso: cannot write /w/build/Contents-firmware: no such file:"
                + " /w/build/Contents-firmware\n");
  }
}
