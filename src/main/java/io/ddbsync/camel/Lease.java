package io.ddbsync.camel;

/** A connection borrowed from a {@link ConnectionPool}: closing gives it back, unless marked broken, when it is closed for good. */
interface Lease extends AutoCloseable {
    /** The connection is out of step with its replies (say a reply was abandoned half read): not to be reused. */
    void markBroken();

    @Override
    void close();
}
