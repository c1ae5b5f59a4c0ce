package io.ddbsync.sync.transfer;

/** POSIX shell quoting: the word reaches the program exactly as given, whatever it holds. */
final class ShellQuote {

    private ShellQuote() {
    }

    static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
