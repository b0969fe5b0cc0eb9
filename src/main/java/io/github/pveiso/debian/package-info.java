/**
 * Debian formats read and written as bytes: deb822 stanzas, versions, relations, signed Release
 * files, Packages indexes, dependency resolution, {@code .deb} archives and the host's apt sources.
 */
package io.github.pveiso.debian;
