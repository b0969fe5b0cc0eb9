package io.github.pveiso.iso.write;

import io.github.pveiso.InvalidInputException;
import io.github.pveiso.VerificationException;
import io.github.pveiso.iso.BootLayout;
import io.github.pveiso.iso.IsoImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Picks the writer per layout: {@link GrowingIsoWriter} (pure Java) where {@link
 * WriteStrategy#forLayout} says growing is safe, {@link XorrisoIsoWriter} (replay) otherwise; or
 * xorriso for everything when the user asks for it ({@code iso_writer: xorriso}).
 */
public final class LayoutIsoWriter implements IsoWriter {

  /** Which writers may run, from the {@code iso_writer} setting. */
  public enum Choice {
    /** The Java writer where growing is safe, xorriso elsewhere. */
    AUTO,
    /** xorriso for every layout. */
    XORRISO;

    /**
     * The choice named {@code text} ({@code auto} or {@code xorriso}).
     *
     * @throws InvalidInputException for any other text
     */
    public static Choice of(String text) {
      return switch (text.toLowerCase(Locale.ROOT)) {
        case "auto" -> AUTO;
        case "xorriso" -> XORRISO;
        default ->
            throw new InvalidInputException(
                "iso_writer '" + text + "' is not valid; expected auto or xorriso");
      };
    }
  }

  private final Choice choice;
  private final GrowingIsoWriter java;
  private final XorrisoIsoWriter xorriso;

  /** A writer that follows {@code choice}. */
  public LayoutIsoWriter(Choice choice, GrowingIsoWriter java, XorrisoIsoWriter xorriso) {
    this.choice = choice;
    this.java = java;
    this.xorriso = xorriso;
  }

  @Override
  public WriteResult write(Path source, BootLayout layout, List<IsoChange> changes, Path target) {
    return writerFor(source, layout).write(source, layout, changes, target);
  }

  /** The writer that handles {@code source}. */
  IsoWriter writerFor(Path source, BootLayout layout) {
    if (choice == Choice.XORRISO) {
      return xorriso;
    }
    long after;
    try (IsoImage image = IsoImage.open(source)) {
      after = SourceListing.dataAfter(image.channel(), image.volumeBytes());
    }
    try {
      return WriteStrategy.forLayout(layout, after) == WriteStrategy.GROW_COPY ? java : xorriso;
    } catch (VerificationException e) {
      // xorriso's own check gives the message for layouts nothing can write
      return xorriso;
    }
  }
}
