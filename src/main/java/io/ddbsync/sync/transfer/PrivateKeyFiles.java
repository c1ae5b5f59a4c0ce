package io.ddbsync.sync.transfer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The private key files a transfer leg logs in with from this runner's host, checked before the
 * leg connects anywhere: camel-ssh and camel-ftp read a missing key file as "no key" and go on
 * with other logins, so a mistyped path would otherwise surface as a refused login, or not at all.
 * Each file is named by the leg parameter that set it; an empty parameter means no key file.
 * One instance per templated route.
 */
public class PrivateKeyFiles {
    private final Map<String, String> files = new LinkedHashMap<>();

    /** The SFTP leg's key for the target. */
    public void setPrivateKeyFile(String file) {
        files.put("privateKeyFile", file);
    }

    /** The rsync leg's key for the source host (where rsync runs). */
    public void setSourcePrivateKeyFile(String file) {
        files.put("sourcePrivateKeyFile", file);
    }

    /** The rsync leg's key for the check on the target host. */
    public void setTargetPrivateKeyFile(String file) {
        files.put("targetPrivateKeyFile", file);
    }

    /** @throws IllegalArgumentException naming the parameter and the file, when a file set is not a readable file here */
    public void check() {
        files.forEach((parameter, file) -> {
            if (file == null || file.isBlank()) return;
            Path path = Path.of(file).toAbsolutePath();
            if (!Files.exists(path)) throw new IllegalArgumentException(parameter + " " + path + " does not exist on this runner's host");
            if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
                throw new IllegalArgumentException(parameter + " " + path + " is not a file this runner can read");
            }
        });
    }
}
