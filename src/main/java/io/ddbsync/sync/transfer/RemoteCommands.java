package io.ddbsync.sync.transfer;

import io.ddbsync.sync.offline.BackupManifest;

/**
 * Shell commands the SFTP and rsync legs run on the target host through camel-ssh. Each is
 * wrapped in {@code sh -c} (the login shell may be anything) and in {@code timeout}, because
 * camel-ssh waits for a remote command without limit, and runs under {@code LC_ALL=C}, whatever
 * the host's locale: names are compared and sorted as bytes (a name that is not valid in the
 * host's locale is still matched, and the order is the same on every host), and sha256sum says
 * "OK" and "FAILED" in English, which {@link #keepUnchanged} reads and the run's errors quote.
 */
public final class RemoteCommands {

    /** The manifest of a run, uploaded before the files so that the target can tell which it holds already. */
    static final String STAGED_MANIFEST = BackupManifest.FILE_NAME + ".next";

    private RemoteCommands() {
    }

    /**
     * Readies the restore directory for a run that keeps the files it holds already (creating it if
     * missing): the old manifest goes first, so the directory never looks complete half-way, and a
     * staged manifest a killed run may have left with it.
     */
    public static String prepare(String restorePath, int timeoutSeconds) {
        String dir = ShellQuote.quote(TransferPaths.remoteDirectory(restorePath));
        return wrap("set -e; mkdir -p " + dir + "; cd " + dir + "; rm -f " + BackupManifest.FILE_NAME + " " + STAGED_MANIFEST, timeoutSeconds);
    }

    /** Where the SFTP leg uploads this run's manifest before the files, for {@link #keepUnchanged}. */
    public static String stagedManifest(String restorePath) {
        return TransferPaths.remoteDirectory(restorePath) + "/" + STAGED_MANIFEST;
    }

    /**
     * Makes the restore directory hold only files this run's manifest (staged as
     * {@value #STAGED_MANIFEST}) lists, and says which of them it holds already, hashed here on the
     * target by {@code sha256sum -c}. Removed: links and other files that are neither regular files
     * nor directories, every file the manifest does not list (strays, the temporary files of an
     * upload that was cut short), the directories left empty, and the staged manifest at the end.
     * Names travel NUL-separated, so no name is misread whatever it holds.
     *
     * <p>The answer on stdout is sha256sum's verdicts in manifest order, one per entry, as runs
     * ({@code uniq -c} of "1" for a file that matches its entry, "0" for one missing or different),
     * e.g. {@code "  5 1\n  1 0\n  9 1"}: a few lines whatever the number of files, and no name to
     * parse back ({@link KeptFiles#read}). A file listed but missing is simply not kept (sha256sum's
     * complaints about it are not wanted on stderr); a file kept wrongly would still fail the final
     * check, which reads every file again.
     */
    public static String keepUnchanged(String restorePath, int timeoutSeconds) {
        String dir = ShellQuote.quote(TransferPaths.remoteDirectory(restorePath));
        String m = STAGED_MANIFEST;
        String script = "set -e\n"
                + "cd " + dir + "\n"
                + "[ -f " + m + " ] || { echo \"" + m + ": missing\"; exit " + SshOutput.MISSING_FILE + "; }\n"
                + "command -v sha256sum >/dev/null || { echo 'sha256sum: not found'; exit 127; }\n"
                + "find . -mindepth 1 ! -type d ! -type f -exec rm -f -- {} +\n"
                + notListed(m) + " | xargs -0 -r rm -f --\n"
                + "find . -mindepth 1 -type d -empty -delete\n"
                + "sha256sum -c " + m + " 2>/dev/null | sed -e 's/.*: OK$/1/' -e t -e 's/.*/0/' | uniq -c\n"
                + "rm -f " + m + "\n";
        return wrap(script, timeoutSeconds);
    }

    /**
     * {@code sha256sum -c --quiet MANIFEST.sha256} in the restore directory, then a check that no
     * file outside the manifest is there ({@code notListed}). On any mismatch the manifest is renamed
     * to MANIFEST.sha256.failed so the directory no longer looks complete, and the exit is non-zero
     * with the offending names on stdout/stderr.
     */
    public static String verify(String restorePath, int timeoutSeconds) {
        String dir = ShellQuote.quote(TransferPaths.remoteDirectory(restorePath));
        String m = BackupManifest.FILE_NAME;
        String script = "cd " + dir + " || exit 2\n"
                + "fail() { mv -f " + m + " " + m + ".failed; exit 1; }\n"
                + "[ -f " + m + " ] || { echo \"" + m + ": FAILED open or read\"; exit 1; }\n"
                + "sha256sum -c --quiet " + m + " || fail\n"
                // one name a line for the message: a newline inside a name shows as '?'
                + "extra=$(" + notListed(m) + " | tr '\\n\\000' '?\\n')\n"
                + "[ -z \"$extra\" ] || { printf '%s\\n' \"$extra\" | sed 's/$/: not in the manifest/'; fail; }\n";
        return wrap(script, timeoutSeconds);
    }

    /**
     * The regular files under the current directory that {@code manifest} does not list (the
     * manifest aside), NUL-terminated: a name listed twice (the manifest's names, twice, plus the
     * files found) is one the manifest does not know. Names travel NUL-separated, since a name may
     * hold a newline: read a line at a time, a stray "a⏎b" would pass for the listed "a" and "b".
     * The manifest's own names hold no newline (BackupManifest refuses control characters).
     */
    private static String notListed(String manifest) {
        String listed = "sed -n 's/^[0-9a-f]\\{64\\} [ *]//p' " + manifest + " | tr '\\n' '\\000'";
        return "{ " + listed + "; " + listed + "; find . -type f ! -path ./" + manifest + " -printf '%P\\000'; }"
                + " | sort -z | uniq -z -u";
    }

    /** {@code script} as one command for any login shell, under {@code LC_ALL=C} and a time limit (also the rsync leg's, {@link RsyncCommand}). */
    static String wrap(String script, int timeoutSeconds) {
        if (timeoutSeconds <= 0) throw new IllegalArgumentException("command timeout must be positive, not " + timeoutSeconds);
        return "timeout " + timeoutSeconds + " sh -c " + ShellQuote.quote("export LC_ALL=C\n" + script);
    }
}
