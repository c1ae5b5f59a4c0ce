package io.ddbsync.sync.transfer;

import org.apache.camel.Exchange;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The two directories of one run, from the exchange's headers, checked before anything is
 * written or deleted: the target directory is emptied by every leg (the end state is exactly
 * the backup's files, as with {@code rsync --delete}), so a wrong path must never get that far.
 */
public record TransferPaths(Path backup, Path restore) {

    /**
     * Paths that go into a command line on a remote host (rsync's, ssh's) stay within characters
     * that no shell or rsync version reads specially.
     */
    private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9._/+=@,:-]+");

    /** For the shared-directory leg: both paths are on this machine. */
    public static TransferPaths of(Exchange exchange) throws NoSuchFileException {
        return of(exchange, null);
    }

    /**
     * @param targetHost the host the restore path is on; null for this machine. The same path on
     *                   two hosts is fine (the tutorial uses /home/backupDir on both), the same
     *                   directory on one machine is not.
     */
    public static TransferPaths of(Exchange exchange, String targetHost) throws NoSuchFileException {
        Path backup = absoluteDirectory(TransferHeaders.BACKUP_PATH, exchange.getIn().getHeader(TransferHeaders.BACKUP_PATH, String.class));
        Path restore = absoluteDirectory(TransferHeaders.RESTORE_PATH, exchange.getIn().getHeader(TransferHeaders.RESTORE_PATH, String.class));
        boolean sameMachine = targetHost == null || targetHost.isBlank() || isThisMachine(targetHost);
        if (sameMachine && (restore.startsWith(backup) || backup.startsWith(restore))) {
            throw new IllegalArgumentException("backup directory " + backup + " and restore directory " + restore
                    + " must not contain one another on the same machine: the restore directory is emptied before the transfer");
        }
        if (!Files.isDirectory(backup)) {
            throw new NoSuchFileException(backup.toString(), null, "backup directory does not exist");
        }
        return new TransferPaths(backup, restore);
    }

    private static boolean isThisMachine(String host) {
        try {
            InetAddress address = InetAddress.getByName(host);
            return address.isLoopbackAddress() || address.isAnyLocalAddress() || NetworkInterface.getByInetAddress(address) != null;
        } catch (IOException e) {
            return false; // a host we cannot resolve is not this one; the transfer will say it cannot reach it
        }
    }

    /** The restore path as it may appear in a remote command. */
    public static String remoteDirectory(String restorePath) {
        Path dir = absoluteDirectory(TransferHeaders.RESTORE_PATH, restorePath);
        return shellSafe(TransferHeaders.RESTORE_PATH, dir.toString());
    }

    static String shellSafe(String what, String value) {
        if (!SHELL_SAFE.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " '" + value + "' may only use letters, digits and ._/+=@,:- for a remote command");
        }
        return value;
    }

    private static Path absoluteDirectory(String header, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("header " + header + " is missing: the transfer leg needs an absolute directory path");
        }
        Path path = Path.of(value);
        if (!path.isAbsolute() || !path.normalize().equals(path) || value.contains("//") || value.endsWith("/") && value.length() > 1) {
            throw new IllegalArgumentException("header " + header + " must be an absolute, normalized directory path, not '" + value + "'");
        }
        if (path.getNameCount() < 1) {
            throw new IllegalArgumentException("header " + header + " must not be the root directory");
        }
        return path;
    }
}
