/** Reading ISO 9660 images (tree, boot records, system area) and verifying written ones. */
package io.github.pveiso.iso;
