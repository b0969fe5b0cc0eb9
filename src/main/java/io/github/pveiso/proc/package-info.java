/** The one way pveiso runs external programs: argument arrays, captured output, timeouts. */
package io.github.pveiso.proc;
