package io.ddbsync.camel;

import io.ddbsync.standin.TestCluster;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** Under camel-main, a cluster comes from properties with placeholders, and YAML routes use it. */
class CamelMainConfigurationTest {
    @Test
    void clusterFromPropertiesWithPlaceholdersAndYamlRoutes() throws Exception {
        try (TestCluster cluster = TestCluster.start()) {
            System.setProperty("ddbsync.test.password", cluster.password());
            Main main = new Main();
            try {
                main.addInitialProperty("camel.main.routes-include-pattern", "classpath:routes/dolphindb-operations.yaml");
                main.addInitialProperty("dolphindb.clusters.src.sites", "127.0.0.1:1," + cluster.host() + ":" + cluster.port());
                main.addInitialProperty("dolphindb.clusters.src.user", cluster.user());
                // as {{env:SRC_PASSWORD}} would, from outside the file
                main.addInitialProperty("dolphindb.clusters.src.password", "{{sys:ddbsync.test.password}}");
                main.addInitialProperty("dolphindb.clusters.src.connect-timeout", "500");
                main.addInitialProperty("dolphindb.clusters.dst.sites", cluster.host() + ":" + cluster.port());
                main.addInitialProperty("camel.component.dolphindb.user", cluster.user());
                main.addInitialProperty("camel.component.dolphindb.password", cluster.password());
                main.addInitialProperty("camel.component.dolphindb.fetch-size", "16384");
                main.start();
                ProducerTemplate template = main.getCamelContext().createProducerTemplate();
                assertEquals(6, template.requestBody("direct:yaml-script", "2*3"));
                DolphinDBComponent component = main.getCamelContext().getComponent("dolphindb", DolphinDBComponent.class);
                assertEquals(500, component.resolveCluster("src").getConnectTimeout());
                assertEquals(16384, component.getConfiguration().getFetchSize());
                // dst has no user or password of its own: the component's apply
                assertEquals(cluster.user(), component.resolveCluster("dst").getUser());
            } finally {
                main.stop();
                System.clearProperty("ddbsync.test.password");
            }
        }
    }
}
