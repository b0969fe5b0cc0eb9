/** ISO 9660 on-disk records: volume descriptors, directory records, SUSP and Rock Ridge. */
package io.github.pveiso.iso.iso9660;
