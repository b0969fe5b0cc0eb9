package io.github.pveiso.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pveiso.InvalidInputException;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LocationsTest {

  @Test
  void keepsUrlsAndMakesPathsAbsolute() {
    assertThat(Locations.toUri("http://127.0.0.1:8080/iso/x.iso"))
        .isEqualTo(URI.create("http://127.0.0.1:8080/iso/x.iso"));
    assertThat(Locations.toUri("file:/tmp/x.iso")).isEqualTo(URI.create("file:/tmp/x.iso"));
    assertThat(Locations.toUri("/tmp/a b.iso")).isEqualTo(Path.of("/tmp/a b.iso").toUri());
    assertThat(Locations.toUri("x.iso")).isEqualTo(Path.of("x.iso").toAbsolutePath().toUri());
  }

  @Test
  void refusesOtherSchemes() {
    assertThatThrownBy(() -> Locations.toUri("ftp://host/x.iso"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "'ftp://host/x.iso' has scheme 'ftp'; use an http, https or file URL or a path");
  }

  @Test
  void resolvesAgainstABaseWithOrWithoutASlash() {
    assertThat(Locations.resolve(URI.create("http://h/iso"), "SHA256SUMS"))
        .isEqualTo(URI.create("http://h/iso/SHA256SUMS"));
    assertThat(Locations.resolve(URI.create("http://h/iso/"), "SHA256SUMS"))
        .isEqualTo(URI.create("http://h/iso/SHA256SUMS"));
    assertThat(Locations.fileName(URI.create("http://h/iso/a.iso"))).isEqualTo("a.iso");
  }
}
