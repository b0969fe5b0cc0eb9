package io.github.pveiso.grub;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Expected texts are what GNU {@code diff -u} prints for the same inputs (headers aside). */
class UnifiedDiffTest {

  @Test
  void equalTextsHaveNoDiff() {
    assertThat(UnifiedDiff.of("a/x", "b/x", "same\n", "same\n")).isEmpty();
  }

  @Test
  void farApartChangesAreTwoHunksAndAMissingNewlineIsSaid() {
    String before = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\nm\n";
    String after = "a\nB\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\nm\nn";
    assertThat(UnifiedDiff.of("a/x", "b/x", before, after))
        .isEqualTo(
            """
            --- a/x
            +++ b/x
            @@ -1,5 +1,5 @@
             a
            -b
            +B
             c
             d
             e
            @@ -11,3 +11,4 @@
             k
             l
             m
            +n
            \\ No newline at end of file
            """);
  }

  @Test
  void closeChangesShareAHunk() {
    String before = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
    String after = "1\n2\nthree\n4\n5\n6\n7\neight\n9\n";
    assertThat(UnifiedDiff.of("a/x", "b/x", before, after))
        .isEqualTo(
            """
            --- a/x
            +++ b/x
            @@ -1,9 +1,9 @@
             1
             2
            -3
            +three
             4
             5
             6
             7
            -8
            +eight
             9
            """);
  }

  @Test
  void oneLineCountsAreLeftOutAndAnEmptySideStartsAtZero() {
    assertThat(UnifiedDiff.of("a/x", "b/x", "x\n", "x\ny\n"))
        .isEqualTo("--- a/x\n+++ b/x\n@@ -1 +1,2 @@\n x\n+y\n");
    assertThat(UnifiedDiff.of("a/x", "b/x", "x\ny\n", "x\n"))
        .isEqualTo("--- a/x\n+++ b/x\n@@ -1,2 +1 @@\n x\n-y\n");
    assertThat(UnifiedDiff.of("a/x", "b/x", "", "a\n"))
        .isEqualTo("--- a/x\n+++ b/x\n@@ -0,0 +1 @@\n+a\n");
  }
}
