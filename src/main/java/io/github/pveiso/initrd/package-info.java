/**
 * The installer's initrd: newc cpio archives read and written in pure Java, and the early CPU
 * microcode archive prepended to the initrd the way Debian's initramfs-tools does it.
 */
package io.github.pveiso.initrd;
