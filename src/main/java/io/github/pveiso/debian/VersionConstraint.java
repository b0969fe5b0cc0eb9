package io.github.pveiso.debian;

/**
 * A version restriction in a relation, e.g. {@code (>= 2.34)}.
 *
 * @param op the comparison
 * @param version the version compared against
 */
public record VersionConstraint(Op op, DebianVersion version) {

  /** The relation operators of Debian Policy 7.1. */
  public enum Op {
    /** {@code <<}: strictly earlier. */
    LT("<<"),
    /** {@code <=}: earlier or equal. */
    LE("<="),
    /** {@code =}: exactly equal. */
    EQ("="),
    /** {@code >=}: later or equal. */
    GE(">="),
    /** {@code >>}: strictly later. */
    GT(">>");

    private final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }

    /** The operator as written in control files. */
    public String symbol() {
      return symbol;
    }

    /** Reads an operator; the obsolete {@code <} and {@code >} mean {@code <=} and {@code >=}. */
    static Op of(String s) {
      return switch (s) {
        case "<<" -> LT;
        case "<=", "<" -> LE;
        case "=" -> EQ;
        case ">=", ">" -> GE;
        case ">>" -> GT;
        default -> throw new IllegalArgumentException("unknown relation operator '" + s + "'");
      };
    }
  }

  /** Whether {@code candidate} satisfies this constraint. */
  public boolean test(DebianVersion candidate) {
    int c = candidate.compareTo(version);
    return switch (op) {
      case LT -> c < 0;
      case LE -> c <= 0;
      case EQ -> c == 0;
      case GE -> c >= 0;
      case GT -> c > 0;
    };
  }

  @Override
  public String toString() {
    return "(" + op.symbol + " " + version + ")";
  }
}
