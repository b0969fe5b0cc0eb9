package io.github.pveiso.debian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DebWriterTest {

  static final Stanza CONTROL =
      Stanza.of(Map.of("Package", "scripted", "Version", "1.0", "Architecture", "all"));

  @TempDir Path scratch;

  /** The package written the streaming way, with {@code controlFiles}. */
  byte[] write(List<DebWriter.Item> controlFiles) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new DebWriter(DebWriter.Compressor.GZ, 1_700_000_000L)
        .write(
            CONTROL,
            controlFiles,
            List.of(DebWriter.Item.file("usr/share/x", 0644, new byte[] {1})),
            out,
            scratch);
    return out.toByteArray();
  }

  @Test
  void moreControlFilesGoIntoTheControlArchive() throws IOException {
    byte[] deb =
        write(
            List.of(
                DebWriter.Item.file(
                    "postinst", 0755, "#!/bin/sh\n".getBytes(StandardCharsets.UTF_8)),
                DebWriter.Item.file("triggers", 0644, "interest-noawait /x\n".getBytes())));
    DebArchive archive = DebArchive.open("scripted", new ByteArrayInputStream(deb));
    assertThat(archive.controlFiles().keySet())
        .containsExactly("control", "md5sums", "postinst", "triggers");
    assertThat(new String(archive.controlFiles().get("postinst"), StandardCharsets.UTF_8))
        .isEqualTo("#!/bin/sh\n");
  }

  @Test
  void withoutControlFilesItIsTheStreamingPackageAndLeavesNoScratchFile() throws IOException {
    ByteArrayOutputStream plain = new ByteArrayOutputStream();
    new DebWriter(DebWriter.Compressor.GZ, 1_700_000_000L)
        .write(
            CONTROL,
            List.of(DebWriter.Item.file("usr/share/x", 0644, new byte[] {1})),
            plain,
            scratch);
    assertThat(write(List.of())).isEqualTo(plain.toByteArray());
    try (var left = Files.list(scratch)) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void aControlFileMustBeAPlainNewName() {
    for (DebWriter.Item bad :
        List.of(
            DebWriter.Item.file("md5sums", 0644, new byte[0]),
            DebWriter.Item.file("control", 0644, new byte[0]),
            DebWriter.Item.file("a/postinst", 0755, new byte[0]),
            DebWriter.Item.symlink("postrm", "postinst"))) {
      assertThatThrownBy(() -> write(List.of(bad)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("bad control file: '" + bad.path() + "'");
    }
  }
}
