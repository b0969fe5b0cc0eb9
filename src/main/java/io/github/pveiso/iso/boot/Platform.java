package io.github.pveiso.iso.boot;

/** An El Torito platform id. */
public enum Platform {
  /** 0x00: x86 PC BIOS. */
  BIOS(0x00),
  /** 0x01: PowerPC. */
  POWERPC(0x01),
  /** 0x02: Mac. */
  MAC(0x02),
  /** 0xEF: UEFI. */
  UEFI(0xEF),
  /** Any other id. */
  OTHER(-1);

  private final int id;

  Platform(int id) {
    this.id = id;
  }

  /** The platform id byte ({@code -1} for OTHER). */
  public int id() {
    return id;
  }

  /** The platform of an id byte. */
  public static Platform of(int id) {
    for (Platform p : values()) {
      if (p.id == id) {
        return p;
      }
    }
    return OTHER;
  }
}
