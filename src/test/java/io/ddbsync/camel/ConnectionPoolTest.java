package io.ddbsync.camel;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.*;

import static org.junit.jupiter.api.Assertions.*;

/** The pool per cluster: no leak on failures, failover across sites, configuration as a Java bean. */
class ConnectionPoolTest extends DolphinDBTestSupport {
    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:script").to("dolphindb:src?operation=script");
                from("direct:query").to("dolphindb:src?operation=query");
                from("direct:bean").to("dolphindb:beanCluster?operation=script");
            }
        };
    }

    @Override
    protected void bindToRegistry(org.apache.camel.spi.Registry registry) throws Exception {
        // plain Java: a bean named after the cluster, with a dead site first
        DolphinDBCluster c = new DolphinDBCluster(null, "127.0.0.1:" + deadPort() + "," + src.host() + ":" + src.port(), src.user(), src.password());
        c.setPoolSize(2);
        c.setConnectTimeout(500);
        registry.bind("beanCluster", c);
    }

    private static int deadPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void manyFailuresLeaveThePoolIntact() throws Exception {
        String db = createTradesTable(src, 1);
        ConnectionPool pool = pool("src");
        for (int i = 0; i < 60; i++) {
            int kind = i % 4;
            Exchange out = switch (kind) {
                case 0 -> template.request("direct:script", e -> e.getMessage().setBody("error('boom')"));
                case 1 -> template.request("direct:query", e -> e.getMessage().getHeaders().putAll(Map.of(DolphinDBConstants.DATABASE, db,
                        DolphinDBConstants.TABLE, "nosuch")));
                case 2 -> template.request("direct:query", e -> e.getMessage().getHeaders().putAll(Map.of(DolphinDBConstants.DATABASE, db,
                        DolphinDBConstants.TABLE, "mt", DolphinDBConstants.WHERE, "nosuchcolumn > 1")));
                default -> template.request("direct:query", e -> e.getMessage().getHeaders().putAll(Map.of(DolphinDBConstants.DATABASE, db,
                        DolphinDBConstants.TABLE, "mt", DolphinDBConstants.OPERATION, "append")));
            };
            assertNotNull(out.getException(), "call " + i + " should fail");
        }
        assertEquals(0, pool.borrowedCount());
        assertEquals(3, pool.availablePermits());
        // server errors keep the connection usable: no new connection per failure
        assertTrue(pool.openedCount() <= 3, "opened " + pool.openedCount());
        assertEquals(2, template.requestBody("direct:script", "1+1"));
    }

    @Test
    void concurrentCallersSharePoolSizeConnections() throws Exception {
        ExecutorService workers = Executors.newFixedThreadPool(8);
        try {
            CompletableFuture<?>[] calls = new CompletableFuture<?>[40];
            for (int i = 0; i < calls.length; i++) {
                int n = i;
                calls[i] = CompletableFuture.supplyAsync(() -> template.requestBody("direct:script", n + "*2"), workers);
            }
            for (int i = 0; i < calls.length; i++) assertEquals(i * 2, calls[i].get(10, TimeUnit.SECONDS));
        } finally {
            workers.shutdownNow();
        }
        ConnectionPool pool = pool("src");
        assertTrue(pool.openedCount() <= 3, "opened " + pool.openedCount());
        assertEquals(0, pool.borrowedCount());
    }

    @Test
    void failsOverToTheNextSiteAndWorksFromABean() {
        assertEquals(5, template.requestBody("direct:bean", "2+3"));
        assertEquals(0, pool("beanCluster").borrowedCount());
    }

    @Test
    void connectionsSurviveAServerRestart() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(src.isStandIn(), "restarts the server");
        assertEquals(2, template.requestBody("direct:script", "1+1"));
        src = src.restart();
        // the idle connection's socket is dead: the pool notices before lending it and opens a new one
        assertEquals(3, template.requestBody("direct:script", "1+2"));
        assertEquals(0, pool("src").borrowedCount());
    }

    @Test
    void unreachableClusterFailsClearlyAndLeaksNothing() throws Exception {
        DolphinDBComponent component = context.getComponent("dolphindb", DolphinDBComponent.class);
        DolphinDBCluster down = new DolphinDBCluster("down", "127.0.0.1:" + deadPort(), "admin", SECRET);
        down.setConnectTimeout(300);
        component.addCluster(down);
        for (int i = 0; i < 5; i++) {
            Exchange out = template.request("dolphindb:down?operation=script", e -> e.getMessage().setBody("1"));
            DolphinDBOperationException e = AppendOperationTest.failure(out);
            assertTrue(e.getServerMessage().startsWith("Cannot connect to cluster 'down'"), e.getServerMessage());
            assertFalse(e.getMessage().contains(SECRET));
        }
        assertEquals(0, pool("down").borrowedCount());
        assertEquals(4, pool("down").availablePermits());
    }
}
