package io.ddbsync.camel;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import java.util.Properties;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Cluster settings are checked when the component starts, for every cluster named in properties:
 * settings under a cluster name no route uses and that has no sites (a misspelt name) stop the
 * start naming them, as does a misspelt setting of a cluster no route uses yet.
 */
class ClusterSettingsTest {

    @Test
    void settingsOfAClusterWithoutSitesStopTheStartNamingThem() {
        Properties p = twoClusters();
        // "tgt" for "target": the read timeout would be ignored without a word
        p.put("dolphindb.clusters.tgt.readTimeout", "5000");
        Throwable root = startFailure(p);
        assertEquals("Cluster 'tgt' has settings [dolphindb.clusters.tgt.readTimeout] but no dolphindb.clusters.tgt.sites:"
                + " a misspelt cluster name? The clusters configured are [source, target]", root.getMessage());
    }

    @Test
    void aMisspeltSettingOfAClusterNoRouteUsesStopsTheStart() {
        Properties p = twoClusters();
        p.put("dolphindb.clusters.target.readTimout", "5000");
        Throwable root = startFailure(p);
        assertTrue(root.getMessage().startsWith("Unknown setting [dolphindb.clusters.target.readTimout] for cluster 'target'"), root.getMessage());
    }

    @Test
    void aCompleteClusterNoRouteUsesIsAllowed() throws Exception {
        try (DefaultCamelContext context = context(twoClusters())) {
            context.start();
            assertTrue(context.isStarted());
        }
    }

    private static Properties twoClusters() {
        Properties p = new Properties();
        // nothing listens there: the component does not connect when it starts
        p.put("dolphindb.clusters.source.sites", "127.0.0.1:1");
        p.put("dolphindb.clusters.source.readTimeout", "1000");
        p.put("dolphindb.clusters.target.sites", "127.0.0.1:2");
        return p;
    }

    private static DefaultCamelContext context(Properties p) throws Exception {
        DefaultCamelContext context = new DefaultCamelContext();
        context.getPropertiesComponent().setInitialProperties(p);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:run").to("dolphindb:source?operation=script");
            }
        });
        return context;
    }

    private static Throwable startFailure(Properties p) {
        Exception e = assertThrows(Exception.class, () -> {
            try (DefaultCamelContext context = context(p)) {
                context.start();
            }
        });
        Throwable root = e;
        while (root.getCause() != null) root = root.getCause();
        return root;
    }
}
