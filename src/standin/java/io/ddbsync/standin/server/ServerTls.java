package io.ddbsync.standin.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The TLS side of a node started with {@code enableHTTPS=true}. DolphinDB then encrypts its port
 * with the certificate in the {@code keys} folder of its home directory, a self-signed one unless
 * the administrator installed another. The stand-in keeps its key and certificate in
 * {@code <data>/keys/server.p12} (one PKCS12 file where DolphinDB has server.crt and
 * serverPrivate.key) and makes a self-signed one with the JDK's keytool the first time; a restarted
 * node keeps its certificate, as DolphinDB's does.
 */
final class ServerTls {
    /** Protects the stand-in's own key file only: a test server's throwaway key, never a secret. */
    private static final char[] STORE_PASSWORD = "stand-in".toCharArray();

    private ServerTls() {
    }

    static SSLContext context(Path dataDir) throws IOException {
        Path store = dataDir.resolve("keys").resolve("server.p12");
        if (!Files.exists(store)) createSelfSigned(store);
        try (InputStream in = Files.newInputStream(store)) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(in, STORE_PASSWORD);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, STORE_PASSWORD);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(kmf.getKeyManagers(), null, null);
            return tls;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot load the stand-in's TLS key from " + store + ": " + e.getMessage(), e);
        }
    }

    private static void createSelfSigned(Path store) throws IOException {
        Files.createDirectories(store.getParent());
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        String password = new String(STORE_PASSWORD);
        Process p = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", "server",
                "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost", "-validity", "3650",
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", password, "-keypass", password))
                .redirectErrorStream(true).start();
        try {
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("keytool could not make the stand-in's TLS certificate in " + store + ": " + output.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted while making the stand-in's TLS certificate", e);
        }
    }
}
