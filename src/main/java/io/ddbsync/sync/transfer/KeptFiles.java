package io.ddbsync.sync.transfer;

import io.ddbsync.sync.offline.BackupManifest;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SFTP leg's answer from the target host to {@link RemoteCommands#keepUnchanged}: which of the
 * manifest's files the restore directory holds already, equal to their entries, so that only the
 * others are uploaded. The answer is sha256sum's verdicts in manifest order, as runs ("count 1"
 * kept, "count 0" to send); they become {@link TransferHeaders#KEPT}, one bit a file, which
 * {@link TransferRun#toCopy} reads.
 */
public final class KeptFiles {
    private static final Logger LOG = LoggerFactory.getLogger(KeptFiles.class);
    private static final Pattern RUN = Pattern.compile("\\s*(\\d+) ([01])");
    private static final String COMMAND = "the check of the files the restore directory holds";

    private KeptFiles() {
    }

    /**
     * After the command ran through camel-ssh: sets {@link TransferHeaders#KEPT}.
     *
     * @throws TransferException if the command failed, or answered other than one verdict for each
     *                           of the manifest's files (nothing is then taken as kept)
     */
    public static void read(Exchange exchange) throws TransferException, IOException {
        SshOutput.requireSuccess(exchange, COMMAND);
        BackupManifest manifest = exchange.getProperty(TransferHeaders.MANIFEST, BackupManifest.class);
        BitSet kept = new BitSet();
        int verdicts = 0;
        InputStream body = exchange.getIn().getBody(InputStream.class);
        if (body == null) body = InputStream.nullInputStream();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                if (line.isBlank()) continue;
                Matcher run = RUN.matcher(line);
                if (!run.matches()) throw new TransferException(COMMAND + " answered an unexpected line: " + line);
                int count = Integer.parseInt(run.group(1));
                if (run.group(2).equals("1")) kept.set(verdicts, verdicts + count);
                verdicts += count;
            }
        }
        if (verdicts != manifest.fileCount()) {
            throw new TransferException(COMMAND + " gave " + verdicts + " verdicts for the manifest's " + manifest.fileCount() + " files");
        }
        LOG.info("{}: {} of {} files already there, {} to upload", exchange.getIn().getHeader(TransferHeaders.RESTORE_PATH),
                kept.cardinality(), manifest.fileCount(), manifest.fileCount() - kept.cardinality());
        exchange.setProperty(TransferHeaders.KEPT, kept);
    }
}
