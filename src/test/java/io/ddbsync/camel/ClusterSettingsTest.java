package io.ddbsync.camel;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.main.Main;
import org.apache.camel.spi.PropertiesSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Cluster settings are bound by Camel's property binding and checked when the component starts, for
 * every cluster named in properties: settings under a cluster name no route uses and that has no
 * sites (a misspelt name) stop the start naming them, as do a misspelt setting and a bad value of a
 * cluster no route uses yet; a secret's value is never shown, in errors or in the log.
 */
class ClusterSettingsTest {

    @Test
    void settingsOfAClusterWithoutSitesStopTheStartNamingThem() {
        // "tgt" for "target": the read timeout would be ignored without a word
        assertEquals("Cluster 'tgt' has settings [dolphindb.clusters.tgt.readTimeout] but no dolphindb.clusters.tgt.sites:"
                + " a misspelt cluster name? The clusters configured are [source, target]", startFailureWith("dolphindb.clusters.tgt.readTimeout", "5000"));
    }

    @Test
    void aMisspeltSettingOfAClusterNoRouteUsesStopsTheStart() {
        assertEquals("Unknown setting [dolphindb.clusters.target.readTimout] for cluster 'target': a cluster takes [backupTimeout,"
                + " borrowTimeout, compress, connectTimeout, password, poolSize, readTimeout, sites, ssl, user, validateAfterIdle]",
                startFailureWith("dolphindb.clusters.target.readTimout", "5000"));
    }

    @Test
    void settingsBindInEitherSpellingWithTimesAsDurations() throws Exception {
        Properties p = twoClusters();
        p.put("dolphindb.clusters.target.readTimeout", "5m");
        p.put("dolphindb.clusters.target.backup-timeout", "12h");
        p.put("dolphindb.clusters.target.borrowTimeout", "30s");
        p.put("dolphindb.clusters.target.validate-after-idle", "2500");
        p.put("dolphindb.clusters.target.connectTimeout", "1s500ms");
        p.put("dolphindb.clusters.target.pool-size", "7");
        p.put("dolphindb.clusters.target.user", "syncer");
        p.put("dolphindb.clusters.target.ssl", "true");
        p.put("dolphindb.clusters.target.Compress", "TRUE");
        try (DefaultCamelContext context = context(p)) {
            context.start();
            DolphinDBCluster target = context.getComponent("dolphindb", DolphinDBComponent.class).resolveCluster("target");
            assertEquals("127.0.0.1:2", target.getSites());
            assertEquals(300_000, target.getReadTimeout());
            assertEquals(12 * 3_600_000L, target.getBackupTimeout());
            assertEquals(30_000, target.getBorrowTimeout());
            assertEquals(2500, target.getValidateAfterIdle());
            assertEquals(1500, target.getConnectTimeout());
            assertEquals(7, target.getPoolSize());
            assertEquals("syncer", target.getUser());
            assertTrue(target.isSsl());
            assertTrue(target.isCompress());
            // what no setting names keeps its default
            DolphinDBCluster source = context.getComponent("dolphindb", DolphinDBComponent.class).resolveCluster("source");
            assertEquals(1000, source.getReadTimeout());
            assertEquals(DolphinDBCluster.DEFAULT_BACKUP_TIMEOUT, source.getBackupTimeout());
            assertFalse(source.isSsl());
        }
    }

    @Test
    void aBadDurationStopsTheStartNamingTheKeyAndValue() {
        assertEquals("Cluster 'target' has an invalid dolphindb.clusters.target.readTimeout '5 mins': expected a whole number"
                + " (a time: milliseconds, or a duration such as 30s, 5m or 12h)", startFailureWith("dolphindb.clusters.target.readTimeout", "5 mins"));
    }

    @Test
    void aTimeOutOfRangeIsRefused() {
        assertEquals("Cluster 'target' has an invalid dolphindb.clusters.target.readTimeout '-1': Cluster 'target' needs readTimeout from 0 to"
                + " 2147483647 (milliseconds, about 24 days), not -1", startFailureWith("dolphindb.clusters.target.readTimeout", "-1"));
        // longer than the API's int takes: refused, where a cast would make it 25 032 704 ms
        String tooLong = startFailureWith("dolphindb.clusters.target.connectTimeout", "50d");
        assertTrue(tooLong.endsWith("not 4320000000"), tooLong);
    }

    @Test
    void tlsIsSwitchedOnlyByTrueOrFalse() {
        // "on" is no boolean to Camel: taking it for false would send everything in the clear
        assertEquals("Cluster 'target' has an invalid dolphindb.clusters.target.ssl 'on': expected true or false",
                startFailureWith("dolphindb.clusters.target.ssl", "on"));
        assertTrue(startFailureWith("dolphindb.clusters.target.tls", "true").startsWith("Unknown setting [dolphindb.clusters.target.tls] for cluster 'target'"));
    }

    @Test
    void aClusterIsNamedByItsKeysOnly() {
        assertTrue(startFailureWith("dolphindb.clusters.target.name", "source").startsWith("Unknown setting [dolphindb.clusters.target.name] for cluster 'target'"));
    }

    @Test
    void aPasswordIsTakenAsWritten() throws Exception {
        Properties p = twoClusters();
        // no bean reference (#bean:name is one, to Camel) and no placeholder: the password itself
        p.put("dolphindb.clusters.target.password", "#s3cret");
        try (DefaultCamelContext context = context(p)) {
            context.start();
            assertEquals("#s3cret", context.getComponent("dolphindb", DolphinDBComponent.class).resolveCluster("target").getPassword());
        }
    }

    @Test
    void aPasswordIsNeverEchoed() throws Exception {
        // a password where it does not belong: under a misspelt key, under a misspelt cluster, and
        // beside a mistake in another setting
        for (String mistake : new String[]{"dolphindb.clusters.target.passwrod", "dolphindb.clusters.tgt.password", "dolphindb.clusters.target.ssl"}) {
            Properties p = twoClusters();
            // as {{env:SRC_PASSWORD}} would, resolved by Camel's properties component
            System.setProperty("ddbsync.test.secret", "secret123");
            p.put("dolphindb.clusters.source.password", "{{sys:ddbsync.test.secret}}");
            p.put("dolphindb.clusters.target.password", "secret123");
            p.put(mistake, mistake.endsWith("ssl") ? "maybe" : "secret123");
            try {
                List<String> messages = startFailureHiding("secret123", p, mistake);
                assertTrue(messages.get(messages.size() - 1).contains(mistake), mistake + " is named: " + messages);
            } finally {
                System.clearProperty("ddbsync.test.secret");
            }
        }
    }

    @Test
    void aPasswordWithUnescapedBracesStopsTheStartWithoutShowingIt() throws Exception {
        // Camel reads {{ and }} in a value as a property placeholder: these do not resolve, and were
        // taken as an empty password without a word; as the whole value, in a file's value or an
        // environment variable's alike (nested placeholders are resolved too)
        System.setProperty("ddbsync.test.secret", "s3cret{{x");
        try {
            // and a placeholder naming an environment variable that is not set: no password either, not an empty one
            for (String password : new String[]{"s3cret{{x", "s3cret}}x", "s3cret{{x}}y", "{{sys:ddbsync.test.secret}}", "{{env:DDBSYNC_TEST_UNSET}}"}) {
                Properties p = twoClusters();
                p.put("dolphindb.clusters.target.password", password);
                List<String> messages = startFailureHiding("s3cret", p, "password " + password);
                String root = messages.get(messages.size() - 1);
                assertTrue(root.contains("Cluster 'target' has an invalid dolphindb.clusters.target.password"), root);
                assertTrue(root.contains("\\{{"), "it says how to write a brace that is part of the password: " + root);
            }
        } finally {
            System.clearProperty("ddbsync.test.secret");
        }
    }

    /**
     * Starts a context with these properties, which must fail, and returns the messages of the
     * failure's exception chain, root last, once sure that neither they nor any log line at DEBUG
     * meanwhile shows the secret.
     */
    private static List<String> startFailureHiding(String secret, Properties p, String what) throws Exception {
        Throwable failure;
        List<String> lines;
        try (CapturedLogs logs = new CapturedLogs()) {
            failure = failedStart(p, what);
            lines = logs.lines();
        }
        List<String> messages = new ArrayList<>();
        for (Throwable t = failure; t != null; t = t.getCause()) messages.add(t.getMessage() + " " + t);
        for (String text : messages) assertFalse(text.contains(secret), text);
        assertFalse(lines.isEmpty(), "Camel logs its start at DEBUG");
        for (String line : lines) assertFalse(line.contains(secret), line);
        return messages;
    }

    @Test
    void aPasswordWithEscapedBracesIsTakenWithItsBraces() throws Exception {
        // \{{ and \}} (written \\{{ in a .properties file), also in an environment variable's value
        System.setProperty("ddbsync.test.secret", "from\\{{env\\}}");
        try {
            Properties p = twoClusters();
            p.put("dolphindb.clusters.source.password", "{{sys:ddbsync.test.secret}}");
            p.put("dolphindb.clusters.target.password", "ab\\{{cd\\}}ef");
            try (DefaultCamelContext context = context(p)) {
                context.start();
                DolphinDBComponent component = context.getComponent("dolphindb", DolphinDBComponent.class);
                assertEquals("ab{{cd}}ef", component.resolveCluster("target").getPassword());
                assertEquals("from{{env}}", component.resolveCluster("source").getPassword());
            }
            // Camel drops a backslash that is the last but one character (a\b gives ab); doubled, it stays
            p.put("dolphindb.clusters.target.password", "a\\\\b");
            try (DefaultCamelContext context = context(p)) {
                context.start();
                assertEquals("a\\b", context.getComponent("dolphindb", DolphinDBComponent.class).resolveCluster("target").getPassword());
            }
        } finally {
            System.clearProperty("ddbsync.test.secret");
        }
    }

    @Test
    void aSettingWhosePlaceholderNamesNothingStopsTheStart() {
        String root = startFailureWith("dolphindb.clusters.target.readTimeout", "{{ddbsync.test.noSuchKey}}");
        assertTrue(root.startsWith("Cluster 'target' has an invalid dolphindb.clusters.target.readTimeout"), root);
        assertTrue(root.contains("ddbsync.test.noSuchKey"), root);
    }

    @Test
    void aCompleteClusterNoRouteUsesIsAllowed() throws Exception {
        try (DefaultCamelContext context = context(twoClusters())) {
            context.start();
            assertTrue(context.isStarted());
        }
    }

    @Test
    void settingsFromASourceThatCannotListItsKeysStillBind() throws Exception {
        // as Spring's environment under Spring Boot: Camel looks keys up in it, one at a time
        Map<String, String> spring = Map.of("dolphindb.clusters.spring.sites", "127.0.0.1:3",
                "dolphindb.clusters.spring.read-timeout", "5m", "dolphindb.clusters.spring.ssl", "true");
        try (DefaultCamelContext context = context(twoClusters())) {
            context.getPropertiesComponent().addPropertiesSource(new PropertiesSource() {
                @Override
                public String getName() {
                    return "lookup-only";
                }

                @Override
                public String getProperty(String name) {
                    return spring.get(name);
                }
            });
            context.start();
            DolphinDBCluster cluster = context.getComponent("dolphindb", DolphinDBComponent.class).resolveCluster("spring");
            assertEquals("127.0.0.1:3", cluster.getSites());
            assertEquals(300_000, cluster.getReadTimeout());
            assertTrue(cluster.isSsl());
        }
    }

    @Test
    void underCamelMainAClusterMayAlsoBeAComponentOption() throws Exception {
        // camel.component.dolphindb.clusters[name].* binds into the component's clusters map, with Camel's own checks
        Main main = new Main();
        try {
            main.addInitialProperty("camel.component.dolphindb.clusters[target].sites", "127.0.0.1:2");
            main.addInitialProperty("camel.component.dolphindb.clusters[target].read-timeout", "5m");
            main.addInitialProperty("camel.component.dolphindb.clusters[target].ssl", "true");
            main.start();
            DolphinDBCluster target = main.getCamelContext().getComponent("dolphindb", DolphinDBComponent.class).resolveCluster("target");
            assertEquals("target", target.getName());
            assertEquals("127.0.0.1:2", target.getSites());
            assertEquals(300_000, target.getReadTimeout());
            assertTrue(target.isSsl());
        } finally {
            main.stop();
        }
        Main misspelt = new Main();
        try {
            misspelt.addInitialProperty("camel.component.dolphindb.clusters[target].sites", "127.0.0.1:2");
            misspelt.addInitialProperty("camel.component.dolphindb.clusters[target].readTimout", "5m");
            Exception e = assertThrows(Exception.class, misspelt::start);
            StringBuilder messages = new StringBuilder();
            for (Throwable t = e; t != null; t = t.getCause()) messages.append(t.getMessage()).append('\n');
            assertTrue(messages.toString().contains("readTimout"), messages.toString());
        } finally {
            misspelt.stop();
        }
        Main noSites = new Main();
        try {
            noSites.addInitialProperty("camel.component.dolphindb.clusters[target].readTimeout", "5m");
            noSites.configure().addRoutesBuilder(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:run").to("dolphindb:source?operation=script");
                }
            });
            Exception e = assertThrows(Exception.class, noSites::start);
            Throwable root = e;
            while (root.getCause() != null) root = root.getCause();
            assertEquals("Cluster 'target' has no sites (host:port, comma separated)", root.getMessage());
        } finally {
            noSites.stop();
        }
    }

    @Test
    void camelMainMasksThePasswordsItLogs() throws Exception {
        // camel-main logs the properties it reads and sets: masked at INFO, unmasked at DEBUG, which
        // config/logback.xml (applied by CapturedLogs) keeps off
        List<String> lines;
        Main main = new Main();
        try (CapturedLogs logs = new CapturedLogs()) {
            main.addInitialProperty("camel.component.dolphindb.password", "secret123");
            main.addInitialProperty("camel.component.dolphindb.clusters[target].sites", "127.0.0.1:2");
            main.addInitialProperty("camel.component.dolphindb.clusters[target].password", "secret123");
            main.addInitialProperty("dolphindb.clusters.source.sites", "127.0.0.1:1");
            main.addInitialProperty("dolphindb.clusters.source.password", "secret123");
            main.start();
            assertEquals("secret123", main.getCamelContext().getComponent("dolphindb", DolphinDBComponent.class).resolveCluster("target").getPassword());
            lines = logs.lines();
        } finally {
            main.stop();
        }
        // what camel-main's summary at INFO shows, masked by the key's name as Camel masks a password
        assertTrue(lines.stream().anyMatch(l -> l.contains("dolphindb.clusters.source.password = xxxxxx")), () -> "no masked summary in " + lines);
        for (String line : lines) assertFalse(line.contains("secret123"), line);
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

    /** The root cause's message of the failed start of the two clusters with one more setting. */
    private static String startFailureWith(String key, String value) {
        Properties p = twoClusters();
        p.put(key, value);
        Throwable root = failedStart(p, key);
        while (root.getCause() != null) root = root.getCause();
        return root.getMessage();
    }

    /** The failure of a start that must fail: {@code what} names what must not have been taken. */
    private static Throwable failedStart(Properties p, String what) {
        return assertThrows(Exception.class, () -> {
            try (DefaultCamelContext context = context(p)) {
                context.start();
            }
        }, what + " was taken");
    }
}
