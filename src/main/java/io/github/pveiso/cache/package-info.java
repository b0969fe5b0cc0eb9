/**
 * The content-addressed download cache shared by builds and processes.
 *
 * <p>Layout under the cache root ({@link io.github.pveiso.cache.CacheStorageFiles}):
 *
 * <ul>
 *   <li>{@code blobs/sha256/<hex>}: every downloaded file, and files pveiso made that are costly to
 *       make again (the repacked firmware package), named by the SHA-256 of its content;
 *   <li>{@code index/<sha256 of the URL>.json}: where a blob came from (URL, digest, size, when it
 *       was fetched and last used), one small file per URL, replaced atomically;
 *   <li>{@code parsed/<kind>/<hex>}: derived data (a parsed Packages index) keyed by the digest of
 *       the blob it came from, or (kind {@code repacked-firmware}) the name of the blob made from
 *       inputs keyed by their digest, or (kind {@code base-system-status}) the base system's dpkg
 *       status read from an ISO, keyed by the ISO's digest; each with a checksum of its own. {@code
 *       prune} drops those whose key names no blob: they are made again when needed;
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
 * the same URL (a lock file next to it keeps two processes from appending at once).
 */
package io.github.pveiso.cache;
