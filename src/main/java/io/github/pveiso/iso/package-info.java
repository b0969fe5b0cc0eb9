/**
 * Reading ISO 9660 images without mounting them: {@link io.github.pveiso.iso.IsoImage} opens one,
 * walks its tree (Rock Ridge, Joliet), finds its boot images and reads its boot layout. The on-disk
 * records live below: {@code iso9660}, {@code fat}, {@code boot} (El Torito, MBR, GPT, APM) and the
 * byte-level primitives in {@code bytes}; checking a written image is {@code verify}, writing one
 * is {@code write}, booting one in QEMU is {@code boottest}.
 */
package io.github.pveiso.iso;
