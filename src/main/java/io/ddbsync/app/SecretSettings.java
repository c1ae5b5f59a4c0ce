package io.ddbsync.app;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.util.SensitiveUtils;

import java.util.function.Predicate;

/**
 * Secrets Camel would quote back in an error, checked before Camel reads them so that a start
 * stops naming the key and never the value:
 * <ul>
 * <li>those the routes hand on as route template parameters (a transfer leg's password or key
 * passphrase, transfer.* and jobs.*): Camel resolves a template's parameters once more when it makes
 * the route, so a {{ or }} in such a value, even one written \{{, is read as a placeholder there, and
 * Camel's message on failing quotes the text, the secret in it. Checked as the context initializes,
 * before any route is made ({@link SyncPlugin}, in every runtime);</li>
 * <li>the secrets of components' own options under camel-main, camel.component.* (a cluster's
 * password set as camel.component.dolphindb.password or camel.component.dolphindb.clusters[name].password):
 * camel-main binds them itself before the context initializes, resolving their placeholders, and a
 * {{ (escaped or not) fails with a message quoting the value. Checked by {@link SyncApplication}
 * before camel-main binds them.</li>
 * </ul>
 * (The clusters' passwords as the project's own keys, dolphindb.clusters.*, are bound by the
 * component, which takes an escaped brace: see ClusterProperties.)
 */
final class SecretSettings {
    private static final String TRANSFER_REMEDY = "change it, or, for a transfer leg, log in with a key file (privateKeyFile)";
    private static final String COMPONENT_REMEDY = "change it, or, for a cluster's password, set it as"
            + " dolphindb.clusters.<cluster>.password, which takes a brace written \\{{ or \\}}";

    private SecretSettings() {
    }

    /** @throws IllegalArgumentException naming the first secret of transfer.* or jobs.* a route could not be given */
    static void check(CamelContext context) {
        check(context, k -> k.startsWith("transfer.") || k.startsWith("jobs."), "the routes hand it on as a route template parameter,"
                + " which Camel resolves once more", TRANSFER_REMEDY);
    }

    /** @throws IllegalArgumentException naming the first secret of camel.component.* camel-main could not bind */
    static void checkComponentOptions(CamelContext context) {
        check(context, k -> k.startsWith("camel.component."), "camel-main resolves it once more as it binds the component's option",
                COMPONENT_REMEDY);
    }

    private static void check(CamelContext context, Predicate<String> keys, String resolvedAgain, String remedy) {
        PropertiesComponent properties = context.getPropertiesComponent();
        properties.loadProperties(keys::test).stringPropertyNames().stream()
                .filter(SensitiveUtils::containsSensitive).sorted().forEach(key -> requirePassable(context, key, resolvedAgain, remedy));
    }

    private static void requirePassable(CamelContext context, String key, String resolvedAgain, String remedy) {
        String value;
        try {
            value = context.resolvePropertyPlaceholders(PropertiesComponent.PREFIX_TOKEN + key + PropertiesComponent.SUFFIX_TOKEN);
        } catch (RuntimeException e) {
            // not e's message: it quotes the value
            throw refused(key, "Camel cannot resolve its property placeholders: one names a property or an environment variable"
                    + " that is not set, or the value holds a {{ or }} of its own", remedy);
        }
        if (value != null && (value.contains(PropertiesComponent.PREFIX_TOKEN) || value.contains(PropertiesComponent.SUFFIX_TOKEN))) {
            throw refused(key, "its value holds a {{ or }} (escaped, or from a variable), and " + resolvedAgain, remedy);
        }
    }

    private static IllegalArgumentException refused(String key, String why, String remedy) {
        return new IllegalArgumentException("Unusable setting " + key + " (a secret, so its value is not shown): " + why
                + ". Such a secret cannot hold {{ or }}: " + remedy);
    }
}
