package io.ddbsync.sync.online;

import org.apache.camel.Exchange;

/**
 * What must hold around a partition, in one place: the run ledger and the job's partition slots.
 * <p>
 * The ledger: a run skips a partition that an earlier run of the same job, target and resolved
 * window verified, while neither side has been written since. The key says so by holding the
 * source's version the partition was copied from and the target's version when it verified
 * ({@link OnlineRun#ledgerKey}); the check asks for the key made of the versions the plan sees now.
 * <p>
 * The slots ({@link PartitionSlots}): at most {@code parallel} partitions copy at a time and at most
 * {@code parallel} are verified at a time; a partition gives its copy slot back as soon as its
 * blocks are in, and whatever it still holds when it ends in any other way ({@link #release}, from
 * the partition route's doFinally).
 * <p>
 * The partition route (routes/online-sync.yaml, direct:online-sync-partition) calls
 * {@link #checkLedger}, {@link #beginCopy}, {@link #copied}, {@link #verified} and
 * {@link #release} in that order. Stateless: the run holds the ledger, the slots and the keys it used.
 */
public class PartitionGuard {

    /**
     * Exchange property {@value #VERIFIED_EARLIER}: whether the ledger holds this partition at the
     * versions the plan sees (then the run does not copy it). A step that sets a property the
     * route's choice reads, rather than a predicate: Camel copies the exchange for each bean
     * predicate it evaluates.
     */
    public void checkLedger(Exchange exchange) {
        exchange.setProperty(VERIFIED_EARLIER, verifiedEarlier(exchange));
    }

    static final String VERIFIED_EARLIER = "DdbSyncPartitionVerifiedEarlier";

    private static boolean verifiedEarlier(Exchange exchange) {
        OnlineRun run = OnlineJob.run(exchange);
        PartitionTask task = PartitionSteps.progress(exchange).getTask();
        String key = run.ledgerKey(task.path(), task.sourceVersion(), task.targetVersion());
        if (key == null || !run.ledger().contains(key)) return false;
        run.ledgerKeyUsed(key);
        return true;
    }

    /** Waits for a copy slot, before the partition is cleared on the target. */
    public void beginCopy(Exchange exchange) throws InterruptedException {
        OnlineJob.run(exchange).slots().beginCopy(exchange);
    }

    /** Every block is in: the next partition may copy while this one waits for a verification slot and is verified. */
    public void copied(Exchange exchange) throws InterruptedException {
        PartitionSlots slots = OnlineJob.run(exchange).slots();
        slots.endCopy(exchange);
        slots.beginVerify(exchange);
    }

    /**
     * After the partition's steps: a partition that verified is recorded with the versions it was
     * proven equal at (one that was only copied, verify=false, is not: a later run copies it again);
     * its verification slot goes to the next.
     */
    public void verified(Exchange exchange) {
        OnlineRun run = OnlineJob.run(exchange);
        PartitionProgress progress = PartitionSteps.progress(exchange);
        if (progress.isVerified()) {
            String key = run.ledgerKey(progress.getTask().path(), progress.getTask().sourceVersion(), progress.getTargetVersion());
            if (key != null) {
                run.ledger().add(key);
                run.ledgerKeyUsed(key);
            }
        }
        run.slots().endVerify(exchange);
    }

    /** The partition ended, verified or not: it gives back whatever slots it still holds. */
    public void release(Exchange exchange) {
        OnlineRun run = exchange.getProperty(io.ddbsync.sync.run.SyncProperties.ONLINE_RUN, OnlineRun.class);
        if (run != null) run.slots().release(exchange);
    }
}
