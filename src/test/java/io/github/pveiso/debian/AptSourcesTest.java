package io.github.pveiso.debian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pveiso.InvalidInputException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AptSourcesTest {
  @TempDir Path root;

  private void write(String path, String text) throws IOException {
    Path file = root.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  private static List<String> describe(List<AptSource> entries) {
    return entries.stream()
        .map(
            e ->
                e.file().getFileName()
                    + " "
                    + e.uri()
                    + " "
                    + e.suites()
                    + " "
                    + e.components()
                    + " "
                    + e.signedBy().orElse("-")
                    + " "
                    + e.isDebianArchive())
        .toList();
  }

  @Test
  void readsDeb822SourcesWithDisabledEntriesAndComments() throws IOException {
    write(
        "etc/apt/sources.list.d/debian.sources",
        "# the main archive\n"
            + "Types: deb-src\n"
            + "URIs: http://src.example.org/debian\n"
            + "Suites: trixie\n"
            + "Components: main\n"
            + "\n"
            + "Types: deb\n"
            + "URIs: http://disabled.example.org/debian\n"
            + "Suites: trixie\n"
            + "Components: main\n"
            + "Enabled: no\n"
            + "\n"
            + "Types: deb deb-src\n"
            + "# a comment inside the stanza\n"
            + "URIs: http://snapshot.example.org/archive/debian/20250520T000000Z\n"
            + "Suites: bookworm bookworm-updates\n"
            + "Components: main non-free-firmware\n"
            + "Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg\n"
            + "\n"
            + "Types: deb\n"
            + "URIs: https://security.example.org/debian-security\n"
            + "Suites: bookworm-security\n"
            + "Components: main\n"
            + "Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg\n");
    write(
        "etc/apt/sources.list.d/00-thirdparty.sources",
        "Types: deb\nURIs: https://repo.example.com/node\nSuites: nodistro\nComponents: main\n"
            + "Signed-By: /usr/share/keyrings/nodesource.gpg\n\n"
            + "Types: deb\nURIs: https://flat.example.com/repo\nSuites: ./\n");
    AptSources sources = new AptSources(root);

    assertThat(describe(sources.entries()))
        .containsExactly(
            "00-thirdparty.sources https://repo.example.com/node/ [nodistro] [main]"
                + " /usr/share/keyrings/nodesource.gpg false",
            "debian.sources http://snapshot.example.org/archive/debian/20250520T000000Z/"
                + " [bookworm, bookworm-updates] [main, non-free-firmware]"
                + " /usr/share/keyrings/debian-archive-keyring.gpg true",
            "debian.sources https://security.example.org/debian-security/ [bookworm-security]"
                + " [main] /usr/share/keyrings/debian-archive-keyring.gpg false");
    assertThat(sources.debianMirror())
        .isEqualTo(URI.create("http://snapshot.example.org/archive/debian/20250520T000000Z/"));
  }

  @Test
  void readsOneLineSourcesWithOptions() throws IOException {
    write(
        "etc/apt/sources.list",
        "# deb http://commented.example.org/debian trixie main\n"
            + "deb-src http://src.example.org/debian trixie main\n"
            + "deb [arch=amd64 signed-by=/etc/apt/keyrings/other.gpg] https://other.example.com/apt"
            + " stable main\n"
            + "deb cdrom:[Debian GNU/Linux]/ trixie main\n"
            + "  deb\thttp://mirror.example.org/debian/ trixie main contrib # trailing comment\n");
    write(
        "etc/apt/sources.list.d/extra.list",
        "deb [ signed-by=/usr/share/keyrings/debian-archive-keyring.gpg ]"
            + " http://later.example.org/mirror trixie-updates main\n");
    AptSources sources = new AptSources(root);

    assertThat(describe(sources.entries()))
        .containsExactly(
            "sources.list https://other.example.com/apt/ [stable] [main]"
                + " /etc/apt/keyrings/other.gpg false",
            "sources.list http://mirror.example.org/debian/ [trixie] [main, contrib] - true",
            "extra.list http://later.example.org/mirror/ [trixie-updates] [main]"
                + " /usr/share/keyrings/debian-archive-keyring.gpg true");
    assertThat(sources.debianMirror()).isEqualTo(URI.create("http://mirror.example.org/debian/"));
  }

  @Test
  void tellsTheUserToSetTheMirrorWhenNoneIsFound() throws IOException {
    write("etc/apt/sources.list", "deb https://other.example.com/apt stable main\n");
    assertThatThrownBy(() -> new AptSources(root).debianMirror())
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "no Debian archive found among the deb entries of "
                + root.resolve("etc/apt/sources.list")
                + " and "
                + root.resolve("etc/apt/sources.list.d")
                + "; set debian_mirror to your Debian mirror's URL");
    Path empty = root.resolve("empty");
    assertThat(new AptSources(empty).entries()).isEmpty();
  }

  @Test
  void reportsABrokenSourcesFileAsInvalidInput() throws IOException {
    write("etc/apt/sources.list.d/bad.sources", "Types: deb\nthis is not deb822\n");
    assertThatThrownBy(() -> new AptSources(root).entries())
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            root.resolve("etc/apt/sources.list.d/bad.sources")
                + " line 2: expected 'Field: value'; fix the apt sources file");
  }
}
