package io.ddbsync.sync.online;

import org.apache.camel.Exchange;

/**
 * What must hold around a partition for a run to skip it, in one place: an earlier run of the same
 * job, target and resolved window verified it, and neither side has been written since. The key
 * says so by holding the source's version the partition was copied from and the target's version
 * when it verified ({@link OnlineRun#ledgerKey}); the check asks for the key made of the versions
 * the plan sees now. The online-sync template calls {@link #verifiedEarlier} before a partition
 * and {@link #record} after it verified. Stateless: the run holds the ledger and the keys it used.
 */
public class PartitionLedger {

    /** Whether the ledger holds this partition at the versions the plan sees: then the run does not copy it. */
    public boolean verifiedEarlier(Exchange exchange) {
        OnlineRun run = OnlineJob.run(exchange);
        PartitionTask task = PartitionSteps.progress(exchange).getTask();
        String key = run.ledgerKey(task.getPath(), task.getSourceVersion(), task.getTargetVersion());
        if (key == null || !run.ledger().contains(key)) return false;
        run.ledgerKeyUsed(key);
        return true;
    }

    /**
     * After the partition's steps: a partition that verified is recorded with the versions it was
     * proven equal at (one that was only copied, verify=false, is not: a later run copies it again).
     */
    public void record(Exchange exchange) {
        OnlineRun run = OnlineJob.run(exchange);
        PartitionProgress progress = PartitionSteps.progress(exchange);
        if (!progress.isVerified()) return;
        String key = run.ledgerKey(progress.getTask().getPath(), progress.getTask().getSourceVersion(), progress.getTargetVersion());
        if (key == null) return;
        run.ledger().add(key);
        run.ledgerKeyUsed(key);
    }
}
