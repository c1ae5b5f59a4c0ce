package io.ddbsync.sync.transfer;

import io.ddbsync.standin.dfs.Storage;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Benchmark (not a test): the SFTP leg of routes/transfer-legs.yaml against {@code rsync -e ssh},
 * both over OpenSSH's sshd on 127.0.0.1, for the same backup directory, in the same run.
 *
 * <pre>java -cp ... io.ddbsync.sync.transfer.TransferBenchmark [totalMiB=1024] [fileMiB=64] [runs=2]</pre>
 *
 * Prints MB/s of each (best of {@code runs}; MB = 10^6 bytes) and the ratio SFTP/rsync; target ≥ 0.8.
 * The SFTP figure is the leg's move alone (DdbSyncCopyMillis: every file under a temporary name,
 * renamed, the manifest last); the whole leg (manifest, emptying the target, move, sha256sum check
 * on the target) is printed too, next to the rsync leg's. Variants show what the SFTP options change.
 * The leg with the template's defaults then runs twice more on the target it filled: nothing changed
 * (the target hashes and keeps every file, nothing is uploaded), and one file changed.
 */
public final class TransferBenchmark {

    private static final String JSCH_DEFAULT_CIPHERS = "aes128-gcm@openssh.com,aes256-gcm@openssh.com,aes128-ctr,aes192-ctr,aes256-ctr";

    public static void main(String[] args) throws Exception {
        int totalMiB = args.length > 0 ? Integer.parseInt(args[0]) : 1024;
        int fileMiB = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        if (!OpenSshServer.available()) {
            System.err.println("needs /usr/sbin/sshd and rsync (apt-get install openssh-server openssh-client rsync)");
            System.exit(2);
        }
        Path work = Files.createTempDirectory("ddbsync-transfer-bench-");
        try (OpenSshServer sshd = OpenSshServer.start(work.resolve("sshd"))) {
            Path backup = BackupTree.writeLarge(work.resolve("source/backup"), totalMiB / fileMiB, (long) fileMiB << 20);
            long bytes = sizeOf(backup);
            System.out.printf("backup directory: %d files, %,.1f MB of random data; sshd (OpenSSH) on 127.0.0.1:%d; %d run(s) each, best kept%n",
                    totalMiB / fileMiB, bytes / 1e6, sshd.port(), runs);

            Map<String, SftpVariant> variants = new LinkedHashMap<>();
            variants.put("sftp-1-conn-ctr", new SftpVariant(1, "aes128-ctr", 16));
            variants.put("sftp-1-conn-gcm", new SftpVariant(1, JSCH_DEFAULT_CIPHERS, 16));
            variants.put("sftp-1-conn-gcm-bulk64", new SftpVariant(1, JSCH_DEFAULT_CIPHERS, 64));
            variants.put("sftp-2-conn-gcm-bulk64", new SftpVariant(2, JSCH_DEFAULT_CIPHERS, 64));
            variants.put("sftp-4-conn-gcm-bulk64", new SftpVariant(4, JSCH_DEFAULT_CIPHERS, 64));
            String leg = "sftp-2-conn-gcm-bulk64"; // the template's defaults

            try (CamelContext camel = camel(sshd, variants)) {
                ProducerTemplate template = camel.createProducerTemplate();
                double rsyncBaseline = 0;
                double rsyncLeg = 0;
                Map<String, double[]> sftp = new LinkedHashMap<>();
                long[] rerunMillis = {Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE};
                for (int run = 1; run <= runs; run++) {
                    Path target = work.resolve("target/rsync");
                    double seconds = rsyncBaseline(sshd, backup, target);
                    rsyncBaseline = Math.max(rsyncBaseline, bytes / 1e6 / seconds);
                    System.out.printf("run %d  rsync -e ssh              %8.1f MB/s%n", run, bytes / 1e6 / seconds);
                    for (String name : variants.keySet()) {
                        Exchange done = transfer(template, name, backup, work.resolve("target/" + name));
                        double copy = bytes / 1e6 / (done.getProperty(TransferHeaders.COPY_MILLIS, Long.class) / 1e3);
                        double whole = bytes / 1e6 / (done.getProperty(TransferHeaders.TRANSFER_MILLIS, Long.class) / 1e3);
                        double[] best = sftp.computeIfAbsent(name, n -> new double[2]);
                        best[0] = Math.max(best[0], copy);
                        best[1] = Math.max(best[1], whole);
                        System.out.printf("run %d  %-26s %8.1f MB/s move, %8.1f MB/s whole leg%n", run, name, copy, whole);
                        if (name.equals(leg)) rerun(template, leg, backup, work.resolve("target/" + name), done, rerunMillis, run);
                        Storage.deleteTree(work.resolve("target/" + name));
                    }
                    Exchange done = transfer(template, "rsync-leg", backup, work.resolve("target/rsync-leg"));
                    double copy = bytes / 1e6 / (done.getProperty(TransferHeaders.COPY_MILLIS, Long.class) / 1e3);
                    double whole = bytes / 1e6 / (done.getProperty(TransferHeaders.TRANSFER_MILLIS, Long.class) / 1e3);
                    rsyncLeg = Math.max(rsyncLeg, whole);
                    System.out.printf("run %d  rsync leg                  %8.1f MB/s move, %8.1f MB/s whole leg%n", run, copy, whole);
                    Storage.deleteTree(work.resolve("target/rsync-leg"));
                }
                System.out.println();
                System.out.printf("rsync -e ssh (baseline, tutorial's command) %8.1f MB/s%n", rsyncBaseline);
                for (Map.Entry<String, double[]> e : sftp.entrySet()) {
                    System.out.printf("%-43s %8.1f MB/s   ratio SFTP/rsync %.2f%s%n", e.getKey() + " " + variants.get(e.getKey()),
                            e.getValue()[0], e.getValue()[0] / rsyncBaseline, e.getKey().equals(leg) ? "   <- template defaults" : "");
                }
                System.out.printf("whole legs (manifest + move + check): SFTP %.1f MB/s, rsync %.1f MB/s, ratio %.2f%n",
                        sftp.get(leg)[1], rsyncLeg, sftp.get(leg)[1] / rsyncLeg);
                System.out.printf("SFTP leg (template defaults) whole, best: first run %d ms; rerun, nothing changed %d ms (%.2f of the first);"
                        + " rerun, one file changed %d ms (%.2f)%n", rerunMillis[0], rerunMillis[1], rerunMillis[1] / (double) rerunMillis[0],
                        rerunMillis[2], rerunMillis[2] / (double) rerunMillis[0]);
                System.out.printf("RESULT ratio SFTP/rsync = %.2f (target >= 0.8)%n", sftp.get(leg)[0] / rsyncBaseline);
            }
        } finally {
            Storage.deleteTree(work);
        }
    }

    /**
     * The SFTP leg again on the target it just filled: with nothing changed (the target hashes its
     * files and keeps them all; the final check reads them all again), then with one file changed at
     * the source (same size, new bytes). Keeps the best whole-leg times: first, unchanged, one changed.
     */
    private static void rerun(ProducerTemplate template, String leg, Path backup, Path restore, Exchange first, long[] best, int run)
            throws IOException {
        long full = first.getProperty(TransferHeaders.TRANSFER_MILLIS, Long.class);
        long unchanged = transfer(template, leg, backup, restore).getProperty(TransferHeaders.TRANSFER_MILLIS, Long.class);
        Path changed;
        try (Stream<Path> files = Files.walk(backup)) {
            changed = files.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".col")).sorted().findFirst().orElseThrow();
        }
        byte[] bytes = new byte[1 << 20];
        new java.util.SplittableRandom(run).nextBytes(bytes);
        try (var channel = java.nio.channels.FileChannel.open(changed, java.nio.file.StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap(bytes), 0);
        }
        long oneChanged = transfer(template, leg, backup, restore).getProperty(TransferHeaders.TRANSFER_MILLIS, Long.class);
        best[0] = Math.min(best[0], full);
        best[1] = Math.min(best[1], unchanged);
        best[2] = Math.min(best[2], oneChanged);
        System.out.printf("run %d  %-26s whole leg %d ms; again, nothing changed: %d ms; again, one file changed: %d ms%n",
                run, leg, full, unchanged, oneChanged);
    }

    record SftpVariant(int threads, String ciphers, int bulkRequests) {
        @Override
        public String toString() {
            return "[" + threads + " conn, " + ciphers.split(",")[0] + ", bulk " + bulkRequests + "]";
        }
    }

    /** The tutorial's command, as the source host would run it: plain rsync -a over ssh with its defaults. */
    private static double rsyncBaseline(OpenSshServer sshd, Path backup, Path target) throws IOException, InterruptedException {
        Storage.deleteTree(target);
        Files.createDirectories(target);
        String ssh = "ssh -p " + sshd.port() + " -o BatchMode=yes -o UserKnownHostsFile=" + sshd.knownHosts() + " -i " + sshd.userKey();
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder("rsync", "-a", "-e", ssh, backup + "/", sshd.user() + "@127.0.0.1:" + target + "/")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(1, TimeUnit.HOURS) || p.exitValue() != 0) throw new IOException("rsync failed: " + out);
        double seconds = (System.nanoTime() - t0) / 1e9;
        Storage.deleteTree(target);
        return seconds;
    }

    private static Exchange transfer(ProducerTemplate template, String job, Path backup, Path restore) {
        Exchange done = template.send("direct:" + job + "-transfer", e -> {
            e.getIn().setHeader(TransferHeaders.BACKUP_PATH, backup.toString());
            e.getIn().setHeader(TransferHeaders.RESTORE_PATH, restore.toString());
        });
        if (done.getException() != null) throw new IllegalStateException(job + " failed", done.getException());
        return done;
    }

    /**
     * The real YAML templates, one SFTP job per variant and one rsync job, all against the same sshd,
     * each declared by its jobId alone as in routes/jobs.yaml: the legs' settings in transfer.sftp.* and
     * transfer.rsync.*, a variant's own in transfer.<variant>.*.
     */
    private static CamelContext camel(OpenSshServer sshd, Map<String, SftpVariant> variants) throws Exception {
        CamelContext camel = new DefaultCamelContext();
        Properties props = new Properties();
        props.setProperty("transfer.sftp.host", "127.0.0.1");
        props.setProperty("transfer.sftp.port", String.valueOf(sshd.port()));
        props.setProperty("transfer.sftp.username", sshd.user());
        props.setProperty("transfer.sftp.privateKeyFile", sshd.userKey().toString());
        props.setProperty("transfer.sftp.knownHostsFile", sshd.knownHosts().toString());
        for (Map.Entry<String, SftpVariant> v : variants.entrySet()) {
            props.setProperty("transfer." + v.getKey() + ".uploadThreads", String.valueOf(v.getValue().threads()));
            props.setProperty("transfer." + v.getKey() + ".ciphers", v.getValue().ciphers());
            props.setProperty("transfer." + v.getKey() + ".bulkRequests", String.valueOf(v.getValue().bulkRequests()));
        }
        sshd.putRsyncLegSettings(props);
        camel.getPropertiesComponent().setInitialProperties(props);
        PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.resolveMandatoryResource(camel, "file:routes/transfer-legs.yaml"));
        for (String variant : variants.keySet()) {
            TemplatedRouteBuilder.builder(camel, "transfer-sftp").routeId(variant).parameter("jobId", variant).add();
        }
        TemplatedRouteBuilder.builder(camel, "transfer-rsync").routeId("rsync-leg").parameter("jobId", "rsync-leg").add();
        camel.start();
        return camel;
    }

    private static long sizeOf(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }


    private TransferBenchmark() {
    }
}
