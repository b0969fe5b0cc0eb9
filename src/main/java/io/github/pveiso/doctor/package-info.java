/** Host checks for {@code pveiso doctor}: tools, versions, firmware files, disk space. */
package io.github.pveiso.doctor;
