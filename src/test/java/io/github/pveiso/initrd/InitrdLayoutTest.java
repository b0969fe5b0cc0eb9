package io.github.pveiso.initrd;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.Zstd;
import io.github.pveiso.VerificationException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class InitrdLayoutTest {

  static byte[] early() {
    return NewcCpio.write(
            List.of(
                NewcCpio.Member.directory("kernel"),
                NewcCpio.Member.file("kernel/x", "DMA\0".getBytes(UTF_8))),
            0)
        .record();
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  @ParameterizedTest
  @EnumSource(
      value = Payload.class,
      names = {"ZSTD", "GZIP", "XZ", "LZ4_LEGACY", "BZIP2", "LZMA"})
  void tellsWhichCompressionFollowsTheEarlyArchive(Payload kind) throws IOException {
    byte[] early = early();
    byte[] padding = new byte[512 - early.length % 512];
    byte[] rest = concat(kind.magic(), "compressed data".getBytes(UTF_8));

    InitrdLayout layout = InitrdLayout.scan(new ByteArrayInputStream(concat(early, padding, rest)));

    assertThat(layout.rest()).isEqualTo(kind);
    assertThat(layout.restOffset()).isEqualTo(512);
    assertThat(layout.archives())
        .containsExactly(
            new InitrdLayout.Archive(
                0, early.length, Payload.CPIO, List.of("kernel", "kernel/x"), padding.length));
  }

  @Test
  void walksSeveralArchivesAndFindsARealZstdFrame() throws IOException {
    byte[] first = early();
    byte[] second =
        NewcCpio.write(List.of(NewcCpio.Member.file("init", "#!/bin/sh\n".getBytes(UTF_8))), 0)
            .record();
    byte[] main = Zstd.compress(second);

    InitrdLayout layout =
        InitrdLayout.scan(new ByteArrayInputStream(concat(first, second, new byte[4], main)));

    assertThat(layout.archives())
        .extracting(InitrdLayout.Archive::offset, InitrdLayout.Archive::names)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(0L, List.of("kernel", "kernel/x")),
            org.assertj.core.groups.Tuple.tuple((long) first.length, List.of("init")));
    assertThat(layout.restOffset()).isEqualTo(first.length + second.length + 4);
    assertThat(layout.rest()).isEqualTo(Payload.ZSTD);
  }

  @Test
  void findsARealGzipMemberAndTheEnd() throws IOException {
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(early());
    }
    assertThat(InitrdLayout.scan(new ByteArrayInputStream(gz.toByteArray())))
        .isEqualTo(new InitrdLayout(List.of(), 0, Payload.GZIP));
    assertThat(InitrdLayout.scan(new ByteArrayInputStream(early())).rest()).isEqualTo(Payload.END);
    assertThat(InitrdLayout.scan(new ByteArrayInputStream(new byte[0])))
        .isEqualTo(new InitrdLayout(List.of(), 0, Payload.END));
  }

  @Test
  void somethingElseIsUnknown() throws IOException {
    InitrdLayout layout =
        InitrdLayout.scan(new ByteArrayInputStream(concat(early(), "PK\3\4".getBytes(UTF_8))));
    assertThat(layout.rest()).isEqualTo(Payload.UNKNOWN);
    assertThat(layout.restOffset()).isEqualTo(early().length);
  }

  @Test
  void aMisalignedHeaderAfterPaddingIsAnError() {
    byte[] bytes = concat(early(), new byte[1], early());
    assertThatThrownBy(() -> InitrdLayout.scan(new ByteArrayInputStream(bytes)))
        .isInstanceOf(VerificationException.class)
        .hasMessage(
            "newc cpio header at offset " + (early().length + 1) + " is not 4-byte aligned");
  }

  @Test
  void magicsAreTheKernelsDecompressorMagics() {
    assertThat(Payload.values())
        .extracting(kind -> HexFormat.of().formatHex(kind.magic()))
        .containsExactly(
            "303730373031",
            "303730373032",
            "28b52ffd",
            "1f8b",
            "fd377a585a00",
            "02214c18",
            "425a68",
            "5d0000",
            "",
            "");
    assertThat(Payload.detect(new byte[] {0x1f})).isEqualTo(Payload.UNKNOWN);
    assertThat(Payload.CPIO_CRC.isCpio()).isTrue();
    assertThat(Payload.ZSTD.isCompressed()).isTrue();
    assertThat(Payload.END.isCompressed()).isFalse();
    assertThat(Payload.UNKNOWN.isCompressed()).isFalse();
    assertThat(Payload.CPIO.isCompressed()).isFalse();
  }
}
