package io.ddbsync.sync.transfer;

import org.apache.camel.spi.PropertiesFunction;

/**
 * The property placeholder function {@code {{?sshKey:<file>}}}: camel-ssh's {@code certResource}
 * for a private key file, {@code file:<file>}, or no option at all when the file is empty.
 * camel-ssh logs in with a key whenever certResource is set, even to {@code file:} alone (it then
 * fails with "No key-pair to add"), and with the password only when it is absent; Camel drops an
 * endpoint option whose optional placeholder resolves to nothing. So a leg's empty key file setting
 * means password login, and a key file set means key login, from one endpoint definition.
 * <p>
 * Found by name through Camel's factory finder
 * ({@code META-INF/services/org/apache/camel/properties-function/sshKey}), in the runner and in
 * tests alike.
 */
public class SshKeyFunction implements PropertiesFunction {

    @Override
    public String getName() {
        return "sshKey";
    }

    @Override
    public String apply(String file) {
        return isUnset(file) ? null : "file:" + file.strip();
    }

    /** An empty file resolves to nothing, which Camel then treats as an absent option instead of an error. */
    @Override
    public boolean optional(String file) {
        return isUnset(file);
    }

    private static boolean isUnset(String file) {
        return file == null || file.isBlank();
    }
}
