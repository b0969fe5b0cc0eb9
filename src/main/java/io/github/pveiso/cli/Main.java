package io.github.pveiso.cli;

/** Entry point of the {@code pveiso} command. */
public final class Main {
  private Main() {}

  /**
   * Runs pveiso and exits with its exit code; SIGINT and SIGTERM stop it (see {@link SignalTrap}).
   */
  public static void main(String[] args) {
    avoidClassPathSearches();
    boundNioBufferCache();
    SignalTrap trap = SignalTrap.install(Thread.currentThread(), System.err);
    int code = PveisoCommand.execute(args, System.out, System.err, System.getenv(), trap);
    trap.ended();
    if (code != 0 || otherThreadsRunning()) {
      System.exit(code);
    }
    // Success with nothing else running: returning ends the JVM with 0 as System.exit(0) would
    // (the shutdown hooks run the same), without the lookup Java 21+ makes on System.exit for a
    // System.Logger to log the exit to: a search of every jar on the class path, which for
    // 'pveiso --help' opened all 19 of them (a tenth of the run).
  }

  /**
   * Picocli looks for Groovy (closures in annotations) and Jansi (a Windows console) by class name.
   * Neither is on pveiso's class path, and each miss is a search of every jar on it; these two
   * documented switches make picocli skip the lookups.
   */
  static void avoidClassPathSearches() {
    System.setProperty("picocli.disable.closures", "true");
    System.setProperty("org.fusesource.jansi.Ansi.disable", "true");
  }

  /**
   * Java reads and writes a heap array through a file channel by way of a native buffer as large as
   * the call, and keeps that buffer for the thread's next call, whatever its size (at a cold
   * stage's peak, Java's native memory tracking counted 16.5 MB of such memory). Bounded at 256
   * KiB, a larger one is freed after its call: a cold build's peak memory about 20 MB lower, the
   * same speed. Set before any file channel is used (Java reads it once); a value the user set
   * stays.
   */
  static void boundNioBufferCache() {
    if (System.getProperty(NIO_BUFFER_CACHE) == null) {
      System.setProperty(NIO_BUFFER_CACHE, String.valueOf(256 << 10));
    }
  }

  static final String NIO_BUFFER_CACHE = "jdk.nio.maxCachedBufferSize";

  /** True when a thread other than this one would keep the JVM alive (a non-daemon thread). */
  static boolean otherThreadsRunning() {
    ThreadGroup top = Thread.currentThread().getThreadGroup();
    while (top.getParent() != null) {
      top = top.getParent();
    }
    Thread[] threads = new Thread[top.activeCount() + 8];
    int count = top.enumerate(threads, true);
    if (count == threads.length) {
      return true; // more threads than counted a moment ago: do not guess
    }
    for (int i = 0; i < count; i++) {
      Thread thread = threads[i];
      if (thread != Thread.currentThread() && thread.isAlive() && !thread.isDaemon()) {
        return true;
      }
    }
    return false;
  }
}
