package io.ddbsync.sync.transfer;

import io.ddbsync.sync.offline.BackupManifest;

/**
 * Shell commands the SFTP and rsync legs run on the target host through camel-ssh. Each is
 * wrapped in {@code sh -c} (the login shell may be anything) and in {@code timeout}, because
 * camel-ssh waits for a remote command without limit.
 */
public final class RemoteCommands {

    private RemoteCommands() {
    }

    /**
     * Empties the restore directory (creating it if missing), the old manifest first, so the
     * directory ends with exactly the backup's files and never looks complete half-way.
     */
    public static String clear(String restorePath, int timeoutSeconds) {
        String dir = ShellQuote.quote(TransferPaths.remoteDirectory(restorePath));
        String script = "set -e; mkdir -p " + dir + "; cd " + dir + "; rm -f " + BackupManifest.FILE_NAME
                + "; find . -mindepth 1 -delete";
        return wrap(script, timeoutSeconds);
    }

    /**
     * {@code sha256sum -c --quiet MANIFEST.sha256} in the restore directory, then a check that no
     * file outside the manifest is there: a file listed once (the manifest's names, twice, plus
     * the files found) is one the manifest does not know. On any mismatch the manifest is renamed
     * to MANIFEST.sha256.failed so the directory no longer looks complete, and the exit is non-zero
     * with the offending names on stdout/stderr.
     */
    public static String verify(String restorePath, int timeoutSeconds) {
        String dir = ShellQuote.quote(TransferPaths.remoteDirectory(restorePath));
        String m = BackupManifest.FILE_NAME;
        String listed = "sed -n 's/^[0-9a-f]\\{64\\} [ *]//p' " + m;
        String script = "cd " + dir + " || exit 2\n"
                + "fail() { mv -f " + m + " " + m + ".failed; exit 1; }\n"
                + "[ -f " + m + " ] || { echo \"" + m + ": FAILED open or read\"; exit 1; }\n"
                + "sha256sum -c --quiet " + m + " || fail\n"
                + "extra=$( { " + listed + "; " + listed + "; find . -type f ! -path ./" + m + " | sed 's|^\\./||'; }"
                + " | LC_ALL=C sort | uniq -u )\n"
                + "[ -z \"$extra\" ] || { printf '%s\\n' \"$extra\" | sed 's/$/: not in the manifest/'; fail; }\n";
        return wrap(script, timeoutSeconds);
    }

    static String wrap(String script, int timeoutSeconds) {
        if (timeoutSeconds <= 0) throw new IllegalArgumentException("command timeout must be positive, not " + timeoutSeconds);
        return "timeout " + timeoutSeconds + " sh -c " + ShellQuote.quote(script);
    }
}
