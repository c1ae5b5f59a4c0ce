package io.ddbsync.sync.online;

import org.apache.camel.Exchange;

import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Semaphore;

/**
 * A job's partition slots: at most {@code parallel} partitions copy at a time, and at most
 * {@code parallel} are verified at a time. A partition gives its copy slot back as soon as its last
 * block is appended, so the next partition starts copying while it is read back (or its checksums
 * are taken).
 * <p>
 * Why two kinds: partitions that start together copy together and would then all be verified
 * together. Over a network, the copy uses the links from the source and to the target, and the
 * read-back the link back from the target: held in one slot, each partition leaves one of them idle
 * at a time, and the run takes the copy's time plus the read-back's. With a slot of each kind they
 * overlap, and the run takes about the longer of the two.
 * <p>
 * Each job has one (one run of a job at a time), and {@link PartitionGuard} takes and gives back its
 * slots around a partition's stages; a partition that ends in any other way gives back what it
 * still holds ({@link #release}). The slots a partition holds are on its exchange, so releasing is
 * safe to repeat. Fair semaphores: partitions get their slots in the order they asked.
 */
public final class PartitionSlots {
    /** Exchange property: the slots the partition holds now. */
    static final String HELD = "DdbSyncPartitionSlots";

    private enum Slot { COPY, VERIFY }

    private final Semaphore copying;
    private final Semaphore verifying;

    public PartitionSlots(int parallel) {
        if (parallel < 1) throw new IllegalArgumentException("parallel must be at least 1, not " + parallel);
        this.copying = new Semaphore(parallel, true);
        this.verifying = new Semaphore(parallel, true);
    }

    /** Waits for a copy slot (before the partition is cleared on the target). */
    public void beginCopy(Exchange exchange) throws InterruptedException {
        take(exchange, Slot.COPY, copying);
    }

    /** The partition's blocks are all appended: the next partition may start copying. */
    public void endCopy(Exchange exchange) {
        giveBack(exchange, Slot.COPY, copying);
    }

    /** Waits for a verification slot (before the read-back, or before the checksums are taken). */
    public void beginVerify(Exchange exchange) throws InterruptedException {
        take(exchange, Slot.VERIFY, verifying);
    }

    public void endVerify(Exchange exchange) {
        giveBack(exchange, Slot.VERIFY, verifying);
    }

    /** Gives back whatever the partition still holds: it ended, verified or not. */
    public void release(Exchange exchange) {
        endCopy(exchange);
        endVerify(exchange);
    }

    /** Waits for the slot, no longer than the run's deadline: past it, no partition starts a stage. */
    private static void take(Exchange exchange, Slot slot, Semaphore semaphore) throws InterruptedException {
        if (held(exchange).contains(slot)) return;
        OnlineJob.run(exchange).getDeadline().acquire(semaphore);
        held(exchange).add(slot);
    }

    private static void giveBack(Exchange exchange, Slot slot, Semaphore semaphore) {
        if (held(exchange).remove(slot)) semaphore.release();
    }

    @SuppressWarnings("unchecked")
    private static Set<Slot> held(Exchange exchange) {
        Set<Slot> held = exchange.getProperty(HELD, Set.class);
        if (held == null) {
            held = EnumSet.noneOf(Slot.class);
            exchange.setProperty(HELD, held);
        }
        return held;
    }
}
