package io.github.pveiso.cli;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.jspecify.annotations.Nullable;

/**
 * The one place an error becomes the line a user reads. Java's file errors carry only a path as
 * their message ({@code NoSuchFileException: /work/x}), which core code often appends to its own
 * ("cannot write /work/x: /work/x"); here the path becomes a sentence ("no such file: /work/x"). An
 * {@link IllegalStateException} that wraps an interrupt or an I/O error says so.
 */
final class ErrorText {

  private ErrorText() {}

  /** The message for {@code error}, which exits with {@code code}. */
  static String of(Throwable error, ExitCode code) {
    if (OutOfMemory.causedBy(error)) {
      return OutOfMemory.message(Runtime.getRuntime().maxMemory());
    }
    String message = error.getMessage();
    if (message == null || message.isBlank()) {
      message = error.getClass().getSimpleName();
    }
    if (code == ExitCode.INTERNAL_ERROR) {
      return error.getMessage() == null
          ? message
          : error.getClass().getSimpleName() + ": " + message;
    }
    if (error instanceof IllegalStateException wrapper) {
      Throwable cause = ioCause(wrapper);
      if (cause != null) {
        message = withCause(wrapper, cause);
      }
    }
    FileSystemException file = fileSystemCause(error);
    return file == null ? message : withSentence(message, file);
  }

  /**
   * The interrupt or I/O error (checked or unchecked) an {@link IllegalStateException} wraps,
   * perhaps through other wrappers, or null: such an exception is a runtime failure (exit 1), not a
   * bug.
   */
  static @Nullable Throwable ioCause(IllegalStateException error) {
    for (Throwable t = error.getCause(); t != null && t != error; t = t.getCause()) {
      if (t instanceof IOException
          || t instanceof UncheckedIOException
          || t instanceof InterruptedException) {
        return t;
      }
      if (!(t instanceof IllegalStateException
          || t instanceof ExecutionException
          || t instanceof CompletionException)) {
        return null;
      }
    }
    return null;
  }

  /** A sentence for a file error: what went wrong, then the path(s) and the reason. */
  static String sentence(FileSystemException e) {
    String kind = kind(e);
    String reason = e.getReason();
    StringBuilder text = new StringBuilder(kind == null ? reasonOr(reason) : kind);
    if (e.getFile() != null) {
      text.append(": ").append(e.getFile());
    }
    if (e.getOtherFile() != null) {
      text.append(" (other file: ").append(e.getOtherFile()).append(')');
    }
    if (kind != null && reason != null && !reason.isBlank()) {
      text.append(" (").append(reason.strip()).append(')');
    }
    return text.toString();
  }

  private static @Nullable String kind(FileSystemException e) {
    return switch (e) {
      case NoSuchFileException x -> "no such file";
      case AccessDeniedException x -> "permission denied";
      case FileAlreadyExistsException x -> "already exists";
      case DirectoryNotEmptyException x -> "folder not empty";
      case NotDirectoryException x -> "not a folder";
      case NotLinkException x -> "not a link";
      case FileSystemLoopException x -> "a loop of links";
      default -> null;
    };
  }

  private static String reasonOr(@Nullable String reason) {
    return reason == null || reason.isBlank() ? "file system error" : reason.strip();
  }

  /** The wrapper's message with what its cause says, unless the message says it already. */
  private static String withCause(IllegalStateException wrapper, Throwable cause) {
    String said = cause.getMessage();
    String why =
        switch (cause) {
          case InterruptedException e -> "interrupted";
          case FileSystemException e -> sentence(e);
          default ->
              said == null || said.isBlank()
                  ? cause instanceof InterruptedIOException
                      ? "interrupted"
                      : cause.getClass().getSimpleName()
                  : said.strip();
        };
    FileSystemException file = fileSystemCause(cause);
    if (file != null) {
      why = withSentence(why, file);
    }
    String message = wrapper.getMessage();
    if (message == null
        || message.isBlank()
        || message.equals(String.valueOf(wrapper.getCause()))) {
      return why;
    }
    if (file != null && message.contains(String.valueOf(file.getMessage()))) {
      return message; // it names the path: the sentence goes in next
    }
    boolean told = message.contains(why) || (said != null && message.endsWith(said));
    return told ? message : message + ": " + why;
  }

  private static @Nullable FileSystemException fileSystemCause(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof FileSystemException file) {
        return file;
      }
      if (t.getCause() == t) {
        return null;
      }
    }
    return null;
  }

  /**
   * {@code message} with the file error's bare path (or {@code Class: path}) at its end replaced by
   * its sentence; with the sentence added when the message does not give the reason.
   */
  private static String withSentence(String message, FileSystemException file) {
    String sentence = sentence(file);
    if (message.contains(sentence)) {
      return message;
    }
    String bare = String.valueOf(file.getMessage());
    for (String tail : new String[] {file.toString(), bare}) {
      if (message.equals(tail)) {
        return sentence;
      }
      if (message.endsWith(": " + tail)) {
        return message.substring(0, message.length() - tail.length()) + sentence;
      }
    }
    if (message.contains(bare + ": ")) {
      return message; // it says why already
    }
    return message + ": " + sentence;
  }
}
