package io.github.pveiso.bench;

import io.github.pveiso.debian.DebArchive;
import io.github.pveiso.debian.DebWriter;
import io.github.pveiso.debian.Stanza;
import io.github.pveiso.events.EventListener;
import io.github.pveiso.pipeline.stage.repack.FirmwareRepacker;
import io.github.pveiso.pipeline.stage.repack.RepackSource;
import io.github.pveiso.pipeline.stage.repack.RepackedFirmware;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The repacked firmware package's size against its time, per member format, on real firmware: the
 * {@code firmware-*} packages with firmware files among the .debs of a pveiso cache (after a build
 * of the seed's defaults, those of the freeware, nvidia, amd and intel sets). Each format is made
 * in a JVM of its own under {@code /usr/bin/time -v} (for its peak RSS), all firmware in the
 * package (precedence debian), once; then {@code dpkg-deb --fsys-tarfile} times unpacking it, as
 * the installer's dpkg must. Arguments: the cache folder, a work folder, then formats ({@code
 * xz:6}, {@code zstd:19:2}, {@code none}). Each format's JVM gets this one's options.
 */
public final class CompressBench {
  static final long EPOCH = 1_700_000_000L;

  public static void main(String[] args) throws Exception {
    if (args[0].equals("--one")) {
      one(args);
      return;
    }
    Path cache = Path.of(args[0]);
    Path work = Files.createDirectories(Path.of(args[1]));
    List<String> sources = sources(cache.resolve("blobs/sha256"));
    System.out.printf("%d firmware packages: %s%n", sources.size(), sources);
    List<String> lines = new ArrayList<>();
    for (int i = 2; i < args.length; i++) {
      lines.add(run(args[i], sources, work));
      System.out.println(lines.getLast());
    }
    System.out.println();
    System.out.println("| format | seconds | .deb bytes | sha256 | peak RSS | dpkg-deb unpack |");
    lines.forEach(System.out::println);
  }

  /** The firmware packages of the cache as name=version=path, sorted by name. */
  static List<String> sources(Path blobs) throws IOException {
    List<String> found = new ArrayList<>();
    try (var files = Files.list(blobs)) {
      for (Path blob : files.sorted().toList()) {
        Stanza control;
        try (InputStream in = Files.newInputStream(blob)) {
          if (!new String(in.readNBytes(8), java.nio.charset.StandardCharsets.US_ASCII)
              .equals("!<arch>\n")) {
            continue;
          }
        }
        try (InputStream in = Files.newInputStream(blob)) {
          control = DebArchive.open(blob.toString(), in).control();
        }
        String name = control.get("Package", "");
        if (name.startsWith("firmware-") && hasFirmware(blob)) {
          found.add(name + "=" + control.get("Version", "") + "=" + blob);
        }
      }
    }
    found.sort(null);
    return found;
  }

  private static boolean hasFirmware(Path deb) throws IOException {
    boolean[] any = {false};
    try (InputStream in = Files.newInputStream(deb)) {
      DebArchive.open(deb.toString(), in)
          .readData(
              (entry, content) -> {
                String p = entry.path();
                any[0] |= p.startsWith("lib/firmware/") || p.startsWith("usr/lib/firmware/");
              });
    }
    return any[0];
  }

  /** One format in a JVM of its own; the table's line. */
  static String run(String format, List<String> sources, Path work)
      throws IOException, InterruptedException {
    Path out = work.resolve(format.replace(':', '-'));
    Path timeLog = work.resolve("time.log");
    List<String> argv = new ArrayList<>(List.of("/usr/bin/time", "-v", "-o", timeLog.toString()));
    argv.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // this JVM's own options (the launcher's, without a class-data archive, which cannot hold the
    // bench's classes folder: with one, the JVM fails at exit writing it)
    argv.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    argv.addAll(List.of("-cp", System.getProperty("java.class.path")));
    argv.addAll(List.of(CompressBench.class.getName(), "--one", format, out.toString()));
    argv.addAll(sources);
    Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) {
      throw new IOException(format + " failed: " + output);
    }
    Matcher m = Pattern.compile("RESULT (\\S+) (\\S+) (\\S+) (\\S+)").matcher(output);
    if (!m.find()) {
      throw new IOException(format + ": no result in " + output);
    }
    Matcher rss =
        Pattern.compile("Maximum resident set size \\(kbytes\\): (\\d+)")
            .matcher(Files.readString(timeLog));
    long rssKb = rss.find() ? Long.parseLong(rss.group(1)) : -1;
    Path deb = Path.of(m.group(1));
    double unpack = unpack(deb);
    String line =
        String.format(
            "| %s | %s s | %,d | %s | %d MB | %.2f s |",
            describe(format),
            m.group(2),
            Long.parseLong(m.group(3)),
            m.group(4).substring(0, 12),
            rssKb / 1024,
            unpack);
    deleteTree(out);
    return line;
  }

  /** Seconds {@code dpkg-deb --fsys-tarfile} takes to unpack the data member to nowhere. */
  static double unpack(Path deb) throws IOException, InterruptedException {
    long t0 = System.nanoTime();
    Process p =
        new ProcessBuilder("dpkg-deb", "--fsys-tarfile", deb.toString())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    if (p.waitFor() != 0) {
      throw new IOException("dpkg-deb cannot read " + deb);
    }
    return (System.nanoTime() - t0) / 1e9;
  }

  static DebWriter.MemberFormat format(String spec) {
    String[] p = spec.split(":");
    return switch (p[0]) {
      case "xz" -> DebWriter.MemberFormat.xz(Integer.parseInt(p[1]));
      case "zstd" -> DebWriter.MemberFormat.zstd(Integer.parseInt(p[1]), Integer.parseInt(p[2]));
      case "none" -> DebWriter.MemberFormat.none();
      default -> throw new IllegalArgumentException(spec);
    };
  }

  static String describe(String spec) {
    return format(spec).toString();
  }

  /** The child: repacks every source's firmware as one format, prints RESULT deb seconds size. */
  static void one(String[] args) throws IOException {
    DebWriter.MemberFormat format = format(args[1]);
    Path out = Path.of(args[2]);
    deleteTree(out);
    List<RepackSource> sources = new ArrayList<>();
    for (int i = 3; i < args.length; i++) {
      String[] s = args[i].split("=", 3);
      sources.add(new RepackSource(Path.of(s[2]), s[0], s[1]));
    }
    long t0 = System.nanoTime();
    RepackedFirmware made =
        new FirmwareRepacker(EPOCH, format, EventListener.NONE).repack(sources, out);
    double seconds = (System.nanoTime() - t0) / 1e9;
    System.out.printf(
        "RESULT %s %.2f %d %s%n", made.deb(), seconds, Files.size(made.deb()), made.sha256());
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (var walk = Files.walk(root)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
