package io.ddbsync.standin;

import io.ddbsync.standin.dfs.Catalog;
import io.ddbsync.standin.script.ScriptException;
import io.ddbsync.standin.wire.UploadSpool;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Cipher;

/**
 * The state of one stand-in cluster, shared by all its sessions: databases (the catalog), users,
 * the RSA key the login handshake uses, configuration, and the record of backup/restore jobs.
 */
public final class StandInNode {
    private final Catalog catalog;
    private final Map<String, String> users = new ConcurrentHashMap<>();
    private final KeyPair loginKey;
    private final Map<String, String> config;
    private final AtomicLong sessionIds = new AtomicLong(100000 + (System.nanoTime() & 0xffff));
    private final CopyOnWriteArrayList<Object> jobRecords = new CopyOnWriteArrayList<>();
    private volatile int port;

    public StandInNode(Path dataDir, String user, String password, Map<String, String> config) throws IOException {
        this.config = Map.copyOf(config);
        this.catalog = new Catalog(dataDir, this.config);
        UploadSpool.clear(uploadSpoolDir());
        users.put(user, password);
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            this.loginKey = g.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public Catalog catalog() {
        return catalog;
    }

    public String config(String key, String fallback) {
        return config.getOrDefault(key, fallback);
    }

    public long nextSessionId() {
        return sessionIds.incrementAndGet();
    }

    public int port() {
        return port;
    }

    void setPort(int port) {
        this.port = port;
    }

    /** Where large uploads are spooled while they arrive (no database's directory: those never start with a dot). */
    public Path uploadSpoolDir() {
        return dataDir().resolve(".uploads");
    }

    public Path dataDir() {
        return catalog.root();
    }

    /** Backup and restore jobs of this node, as getBackupStatus reports them; lost on restart like DolphinDB's. */
    public CopyOnWriteArrayList<Object> jobRecords() {
        return jobRecords;
    }

    /** Checks credentials; the error text is DolphinDB's. */
    public void authenticate(String user, String password) {
        String expected = users.get(user);
        if (expected == null || !expected.equals(password)) {
            throw new ScriptException("The user name or password is incorrect.");
        }
    }

    public String publicKeyPem() {
        String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(loginKey.getPublic().getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + b64 + "\n-----END PUBLIC KEY-----\n";
    }

    /** Decrypts one RSA-encrypted login field (MIME Base64 of RSA/ECB/PKCS1Padding). */
    public String decryptLoginField(String mimeBase64) {
        try {
            Cipher c = Cipher.getInstance("RSA/ECB/PKCS1Padding");
            c.init(Cipher.DECRYPT_MODE, loginKey.getPrivate());
            return new String(c.doFinal(Base64.getMimeDecoder().decode(mimeBase64)), StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new ScriptException("The user name or password is incorrect.");
        }
    }
}
