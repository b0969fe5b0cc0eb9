package io.github.pveiso.grub;

/**
 * One token of a GRUB script and where it lies in the text.
 *
 * @param kind what it is
 * @param start its first character
 * @param end the character after it
 * @param value for a word, its text with quotes and escapes removed (variables stay as written);
 *     empty otherwise
 * @param plain true for a word written without quotes, escapes or variables (only such a word can
 *     be a keyword)
 */
record GrubToken(Kind kind, int start, int end, String value, boolean plain) {

  /** What a token is. */
  enum Kind {
    WORD,
    NEWLINE,
    SEMICOLON,
    OPEN_BRACE,
    CLOSE_BRACE
  }

  boolean isWord(String word) {
    return kind == Kind.WORD && plain && value.equals(word);
  }

  boolean separates() {
    return kind == Kind.NEWLINE || kind == Kind.SEMICOLON;
  }
}
