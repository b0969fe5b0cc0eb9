/**
 * The content-addressed download cache shared by builds and processes.
 *
 * <p>Layout under the cache root ({@link io.github.pveiso.cache.CacheStorageFiles}):
 *
 * <ul>
 *   <li>{@code blobs/sha256/<hex>}: every downloaded file, and files pveiso made that are costly to
 *       make again (the repacked firmware package, the files of a staged {@code /firmware} tree,
 *       the early microcode archive), named by the SHA-256 of its content; a build may hard-link a
 *       blob into its work folder after hashing it again, so nothing writes to a blob in place;
 *   <li>{@code index/<sha256 of the URL>.json}: where a blob came from (URL, digest, size, when it
 *       was fetched and last used), one small file per URL, replaced atomically;
 *   <li>{@code parsed/<kind>/<hex>}: derived entries ({@link io.github.pveiso.cache.DerivedCache}),
 *       what pveiso made from blobs and keeps so a warm build need not make it again: a parsed
 *       Packages index, what the planner reads from a .deb, a package's firmware file list, the
 *       staged {@code /firmware} tree, the early microcode archive and the repacked firmware
 *       package (the last three naming blobs), the base system's dpkg status read from an ISO, the
 *       firmware names an ISO's pve-firmware ships (read from its {@code .deb}), and the ETag and
 *       Last-Modified a server sent with a kept file (a repository's {@code InRelease}, the ISO
 *       directory's {@code SHA256SUMS}). Each is named by the digest of its key ({@link
 *       io.github.pveiso.cache.DerivedKey}: kind, format, the digests of the inputs it was made
 *       from, parameters), and its header holds that key and a checksum over key and payload, so an
 *       entry is used only for exactly the inputs it was made from. {@code prune} drops those with
 *       an input that is no longer a blob; {@code verify} checks each one;
 *   <li>{@code known/<device>-<inode>}: the SHA-256 of a file pveiso hashed (a blob, a local source
 *       ISO) with the identity it had then: device, inode, size, modification and change time
 *       ({@link io.github.pveiso.cache.KnownDigests}); {@code prune} keeps only the blobs';
 *   <li>{@code tmp/}: downloads in progress, on the same file system as the blobs.
 * </ul>
 *
 * <p>Rules. A download goes to {@code tmp/}, is hashed while it streams, is checked against the
 * digest and size the caller expects, is fsync'd and then moved into {@code blobs/} with an atomic
 * rename; if the digest-named file exists already the new copy is dropped, so two processes that
 * fetch the same file at once both succeed. A file that does not match what the caller expects
 * never enters {@code blobs/}. A blob is served only after its content is hashed again and equals
 * its name, or when it is unchanged since it was last hashed (same device, inode, size,
 * modification and change time; {@code --rehash} and {@code verify} hash everything again): an
 * entry whose digest no longer matches is never served; it is deleted and fetched again; a derived
 * entry that does not hold is dropped with one warning and made again. Index and derived entries
 * are written to {@code tmp/} and renamed too, so readers never see half a file and no lock is
 * needed; a partial download is resumed by the next process that fetches the same URL (a lock file
 * next to it keeps two processes from appending at once; the second writes a part file of its own,
 * removed when its download ends). An interrupted download (a signal) removes its part file: a run
 * that is stopped leaves nothing in {@code tmp/}.
 */
package io.github.pveiso.cache;
