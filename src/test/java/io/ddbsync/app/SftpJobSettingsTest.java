package io.ddbsync.app;

import com.xxdb.data.BasicTable;
import io.ddbsync.standin.TestCluster;
import io.ddbsync.sync.transfer.EmbeddedSftpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The shipped jobs file's db1-offline-sftp, whose leg entry is its jobId alone, logging in with a
 * key set in its own properties (transfer.db1-offline-sftp.*) over the leg's (transfer.sftp.*): the
 * leg's password is empty for this job and its known_hosts file empty for every other job, so the
 * run gets through only if both of the job's own settings are the ones used. Judged on the
 * clusters: per day, the target holds the source's row count and sums.
 */
class SftpJobSettingsTest {

    private static final String PER_DAY =
            "select count(*) as n, sum(qty) as q, sum(price) as p from loadTable('%s', 'mt') group by date(Timestamp) as d order by d";

    @Test
    void aJobsOwnKeyFileAndKnownHostsFileOverrideTheLegsSettings(@TempDir Path dir) throws Exception {
        String database = TestCluster.uniqueDb("keyLogin");
        String copy = TestCluster.uniqueDb("keyLoginCopy");
        KeyPair user = EmbeddedSftpServer.newRsaKeyPair();
        Path key = EmbeddedSftpServer.writePrivateKey(user, dir.resolve("id_rsa"));
        try (TestCluster src = TestCluster.start(); TestCluster dst = TestCluster.second();
             EmbeddedSftpServer sftp = EmbeddedSftpServer.start(Files.createDirectories(dir.resolve("sshd")), "s3cret", user.getPublic())) {
            src.run("db = database('" + database + "', VALUE, 2024.01.01..2024.01.03)\n"
                    + "db.createPartitionedTable(table(1:0, `Timestamp`sym`qty`price, [TIMESTAMP, SYMBOL, INT, DOUBLE]), `mt, `Timestamp)\n"
                    + "ts = timestamp(2024.01.01) + (0..299) * 864000\n"
                    + "n = size(ts)\n"
                    + "loadTable('" + database + "', 'mt').append!(table(ts as Timestamp, take(`IBM`MSFT, n) as sym, 1..n as qty, 0.25 * (1..n) as price))");

            Properties p = SyncRunner.clusters(src, dst);
            p.setProperty("jobs.db1.database", database);
            p.setProperty("jobs.db1.table", "mt");
            p.setProperty("jobs.db1.targetDatabase", copy);
            p.setProperty("jobs.db1.window", "2024.01.02..2024.01.03");
            p.setProperty("jobs.db1.backupDir", dir.resolve("backup").toString());
            p.setProperty("jobs.db1.restoreDir", dir.resolve("remote-restore").toString());
            sftp.putSftpLegSettings(p, dir);
            Path knownHosts = Path.of(p.getProperty("transfer.sftp.knownHostsFile"));
            p.setProperty("transfer.sftp.knownHostsFile", Files.writeString(dir.resolve("known_hosts_empty"), "").toString());
            p.setProperty("transfer.db1-offline-sftp.knownHostsFile", knownHosts.toString());
            p.setProperty("transfer.db1-offline-sftp.privateKeyFile", key.toString());
            p.setProperty("transfer.db1-offline-sftp.password", "");
            try (SyncRunner runner = SyncRunner.start(p)) {
                runner.runSucceeding("db1-offline-sftp");
            }

            BasicTable a = (BasicTable) src.run(String.format(PER_DAY, database));
            BasicTable b = (BasicTable) dst.run(String.format(PER_DAY, copy));
            assertEquals(3, a.rows());
            assertEquals(2, b.rows(), "the window's two days, the first day not copied");
            for (int col = 0; col < a.columns(); col++) {
                for (int r = 0; r < b.rows(); r++) assertEquals(a.getColumn(col).get(r + 1).getString(), b.getColumn(col).get(r).getString());
            }
        }
    }
}
