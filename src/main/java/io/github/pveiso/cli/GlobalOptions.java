package io.github.pveiso.cli;

/**
 * The options every command takes.
 *
 * @param quiet only errors and the result
 * @param verbose debug lines too
 * @param json the result as a JSON document on stdout; human text goes to stderr
 * @param progress show progress (bars on a terminal, plain lines otherwise)
 * @param stacktrace show stack traces of errors
 */
record GlobalOptions(
    boolean quiet, boolean verbose, boolean json, boolean progress, boolean stacktrace) {}
