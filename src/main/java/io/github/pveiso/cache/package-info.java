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
 *   <li>{@code parsed/<kind>/<hex>}: derived data (a parsed Packages index) keyed by the digest of
 *       the blob it came from, or (kinds {@code repacked-firmware}, {@code firmware-folder}, {@code
 *       early-microcode}) the names of the blobs made from inputs keyed by their digests, or (kind
 *       {@code base-system-status}) the base system's dpkg status read from an ISO, keyed by the
 *       ISO's digest, or (kind {@code http-validators}) the ETag and Last-Modified a server sent
 *       with a kept file (a repository's {@code InRelease}, the ISO directory's {@code SHA256SUMS},
 *       kept only after they passed their checks), keyed by its blob, so the next run asks with a
 *       conditional request whether it changed; each with a checksum of its own. {@code prune}
 *       drops those whose key names no blob (and blobs no index entry names): they are made again
 *       when needed;
 *   <li>{@code tmp/}: downloads in progress, on the same file system as the blobs.
 * </ul>
 *
 * <p>Rules. A download goes to {@code tmp/}, is hashed while it streams, is checked against the
 * digest and size the caller expects, is fsync'd and then moved into {@code blobs/} with an atomic
 * rename; if the digest-named file exists already the new copy is dropped, so two processes that
 * fetch the same file at once both succeed. A file that does not match what the caller expects
 * never enters {@code blobs/}. A blob is served only after its content is hashed again and equals
 * its name: an entry whose digest no longer matches is never served; it is deleted and fetched
 * again. Index and parsed entries are written to {@code tmp/} and renamed too, so readers never see
 * half a file and no lock is needed; a partial download is resumed by the next process that fetches
 * the same URL (a lock file next to it keeps two processes from appending at once; the second
 * writes a part file of its own, removed when its download ends). An interrupted download (a
 * signal) removes its part file: a run that is stopped leaves nothing in {@code tmp/}.
 */
package io.github.pveiso.cache;
