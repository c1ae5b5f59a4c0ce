package io.ddbsync.sync.transfer;

import io.ddbsync.sync.offline.BackupManifest;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The command the rsync leg runs on the source host (through camel-ssh), pushing the backup
 * directory to the target as the DolphinDB tutorial does ({@code rsync -av backupDir/* user@host:restoreDir}),
 * with what a nightly job needs on top:
 * <ul>
 * <li>{@code --delete}: the target ends with exactly the backup's files;</li>
 * <li>{@code --rsync-path="mkdir -p restoreDir && rsync"}: the restore directory's parents need not exist;</li>
 * <li>two passes: the data first, with the old manifest deleted early ({@code --delete-excluded}),
 * then the new manifest, so a target that holds a manifest received all the data before it;</li>
 * <li>rsync's own temporary files ({@code .name.XXXXXX}, renamed when whole, removed on failure);</li>
 * <li>ssh in batch mode with strict host key checking against an explicit known_hosts file on the
 * source host: rsync never prompts, and never trusts an unknown host;</li>
 * <li>the identity file checked on the source host first ({@code test -r}), because ssh without it
 * quietly falls back to the user's default keys;</li>
 * <li>{@code --timeout} for stalled I/O and {@code timeout} around the whole command, because
 * camel-ssh waits for a remote command without limit;</li>
 * <li>the data pass's statistics ({@code --stats}, numbers as plain digits: {@code --no-h}) kept
 * aside, and on success only their "Total transferred file size" printed as {@code moved N}: the
 * bytes of the files rsync sent, whole or as a delta, which the run reports as moved
 * ({@link TransferRun#rsyncMoved}). On failure they are dropped, and rsync's errors are what the
 * output shows.</li>
 * </ul>
 * One instance per templated route, configured from the template's parameters.
 */
public class RsyncCommand {
    /** The line the command ends with on success: the bytes of the backup's files rsync sent. */
    static final Pattern MOVED_LINE = Pattern.compile("(?m)^moved (\\d+)$");

    private String targetHost;
    private int targetPort = 22;
    private String targetUser;
    private String identityFile = "";
    private String knownHostsFile;
    private String sshOptions = "";
    private String rsyncOptions = "";
    private int ioTimeoutSeconds = 600;
    private int commandTimeoutSeconds = 86400;

    public void setTargetHost(String targetHost) {
        this.targetHost = targetHost;
    }

    public void setTargetPort(int targetPort) {
        this.targetPort = targetPort;
    }

    public void setTargetUser(String targetUser) {
        this.targetUser = targetUser;
    }

    /** Private key on the source host that rsync's ssh logs in with; empty: ssh's defaults. */
    public void setIdentityFile(String identityFile) {
        this.identityFile = identityFile;
    }

    /** known_hosts file on the source host holding the target's host key. */
    public void setKnownHostsFile(String knownHostsFile) {
        this.knownHostsFile = knownHostsFile;
    }

    /** More ssh options for rsync's ssh, e.g. {@code -c aes128-gcm@openssh.com}. */
    public void setSshOptions(String sshOptions) {
        this.sshOptions = sshOptions;
    }

    /** More rsync options, e.g. {@code --bwlimit=50m}. */
    public void setRsyncOptions(String rsyncOptions) {
        this.rsyncOptions = rsyncOptions;
    }

    public void setIoTimeoutSeconds(int ioTimeoutSeconds) {
        this.ioTimeoutSeconds = ioTimeoutSeconds;
    }

    public void setCommandTimeoutSeconds(int commandTimeoutSeconds) {
        this.commandTimeoutSeconds = commandTimeoutSeconds;
    }

    public String command(String backupPath, String restorePath) {
        String source = TransferPaths.shellSafe(TransferHeaders.BACKUP_PATH, backupPath);
        String restore = TransferPaths.remoteDirectory(restorePath);
        String destination = TransferPaths.shellSafe("targetUser", require("targetUser", targetUser)) + "@"
                + TransferPaths.shellSafe("targetHost", require("targetHost", targetHost)) + ":" + restore + "/";
        String manifest = "/" + BackupManifest.FILE_NAME;

        List<String> data = rsync();
        data.add("--stats");
        data.add("--no-h");
        // rsync creates only the last directory of the destination: the target makes the whole path first
        data.add(ShellQuote.quote("--rsync-path=mkdir -p " + restore + " && rsync"));
        data.add("--delete");
        data.add("--delete-excluded");
        data.add("--exclude=" + manifest);
        data.add("--exclude=" + manifest + ".part");
        data.add(ShellQuote.quote(source + "/"));
        data.add(ShellQuote.quote(destination));

        List<String> last = rsync();
        last.add(ShellQuote.quote(source + manifest));
        last.add(ShellQuote.quote(destination));

        return RemoteCommands.wrap(identityCheck() + "stats=$(" + String.join(" ", data) + ") && " + String.join(" ", last)
                + " && printf '%s\\n' \"$stats\" | sed -n 's/^Total transferred file size: \\([0-9][0-9]*\\) bytes$/moved \\1/p'",
                commandTimeoutSeconds);
    }

    /**
     * ssh given a missing -i file only warns and logs in with the user's default keys, so a
     * mistyped rsyncIdentityFile could go unnoticed: it is checked on the source host first.
     */
    private String identityCheck() {
        if (identityFile == null || identityFile.isBlank()) return "";
        String file = sourceHostFile("rsync identity file", identityFile);
        return "test -r " + file + " || { echo \"rsyncIdentityFile " + identityFile + " is not a readable file on the source host\" >&2; exit "
                + SshOutput.MISSING_FILE + "; }; ";
    }

    private List<String> rsync() {
        List<String> args = new ArrayList<>(List.of("rsync", "-a", "--timeout=" + ioTimeoutSeconds));
        if (!rsyncOptions.isBlank()) args.add(rsyncOptions.strip());
        args.add("-e");
        args.add(ShellQuote.quote(ssh()));
        return args;
    }

    /**
     * rsync splits -e on spaces, so every part of it is checked to hold none. The two files may
     * start with ~/, which ssh itself expands on the source host.
     */
    private String ssh() {
        List<String> ssh = new ArrayList<>(List.of("ssh", "-p", String.valueOf(targetPort), "-o", "BatchMode=yes",
                "-o", "StrictHostKeyChecking=yes",
                "-o", "UserKnownHostsFile=" + sourceHostFile("rsync known_hosts file", require("knownHostsFile", knownHostsFile))));
        if (identityFile != null && !identityFile.isBlank()) {
            ssh.add("-o");
            ssh.add("IdentitiesOnly=yes");
            ssh.add("-i");
            ssh.add(sourceHostFile("rsync identity file", identityFile));
        }
        if (!sshOptions.isBlank()) ssh.add(sshOptions.strip());
        return String.join(" ", ssh);
    }

    private static String sourceHostFile(String what, String path) {
        return path.startsWith("~/") ? "~/" + TransferPaths.shellSafe(what, path.substring(2)) : TransferPaths.shellSafe(what, path);
    }

    private static String require(String name, String value) {
        if (value == null || value.isBlank()) throw new IllegalArgumentException("rsync leg parameter " + name + " is not set");
        return value;
    }
}
