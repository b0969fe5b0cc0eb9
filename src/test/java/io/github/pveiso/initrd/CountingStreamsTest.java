package io.github.pveiso.initrd;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pveiso.CountingOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class CountingStreamsTest {

  @Test
  void inputCountsReadsAndSkipsByReading() throws IOException {
    CountingInputStream in = new CountingInputStream(new ByteArrayInputStream(new byte[20_000]));
    assertThat(in.read()).isZero();
    assertThat(in.read(new byte[10], 0, 10)).isEqualTo(10);
    assertThat(in.skip(9_000)).isEqualTo(9_000);
    assertThat(in.skip(50_000)).isEqualTo(10_989);
    assertThat(in.read()).isEqualTo(-1);
    assertThat(in.read(new byte[4], 0, 4)).isEqualTo(-1);
    assertThat(in.count()).isEqualTo(20_000);
  }

  @Test
  void outputCountsEveryWrite() throws IOException {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    CountingOutputStream out = new CountingOutputStream(sink);
    out.write(1);
    out.write(new byte[] {2, 3, 4}, 1, 2);
    out.write(new byte[5]);
    assertThat(out.count()).isEqualTo(8);
    assertThat(sink.toByteArray()).containsExactly(1, 3, 4, 0, 0, 0, 0, 0);
  }
}
