package io.ddbsync.sync.offline;

import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;

/**
 * Gathers the offline verification's two stats calls, made at once by a parallel multicast (the
 * source's branch first, the target's second): the source's stats into the exchange property
 * {@value #SOURCE_STATS}, the target's as the body. The two are separate clusters' work; made one
 * after the other, the runner waits for both in turn.
 */
public final class BothSidesStats implements AggregationStrategy {
    /** The exchange property the source's stats go into. */
    public static final String SOURCE_STATS = "DdbSyncSourceStats";

    @Override
    public Exchange aggregate(Exchange gathered, Exchange arrived) {
        Exchange result = gathered == null ? arrived : gathered;
        Integer branch = arrived.getProperty(ExchangePropertyKey.MULTICAST_INDEX, Integer.class);
        if (branch == null) throw new IllegalStateException("BothSidesStats gathers the branches of a multicast only");
        Object stats = arrived.getMessage().getBody();
        if (branch == 0) {
            result.setProperty(SOURCE_STATS, stats);
        } else {
            result.getMessage().setBody(stats);
        }
        return result;
    }
}
