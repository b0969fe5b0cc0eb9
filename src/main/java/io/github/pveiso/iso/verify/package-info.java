/**
 * Checking a written ISO against its source and the staged changes: structure, identity (volume id
 * and date), boot images and system area, sizes, and every added, replaced or removed file.
 */
package io.github.pveiso.iso.verify;
