package io.ddbsync.app;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.util.SensitiveUtils;

/**
 * The secrets the routes hand on as route template parameters (a transfer leg's password or key
 * passphrase, transfer.* and jobs.*): Camel resolves a template's parameters once more when it makes
 * the route, so a {{ or }} in such a value, even one written \{{, is read as a placeholder there, and
 * Camel's message on failing quotes the text, the secret in it. Checked as the context initializes,
 * before any route is made, the start stops naming the key and never the value. (The clusters'
 * passwords, dolphindb.clusters.*, are bound by the component, which takes an escaped brace: see
 * ClusterProperties.)
 */
final class SecretSettings {

    private SecretSettings() {
    }

    /** @throws IllegalArgumentException naming the first secret of transfer.* or jobs.* a route could not be given */
    static void check(CamelContext context) {
        PropertiesComponent properties = context.getPropertiesComponent();
        properties.loadProperties(k -> k.startsWith("transfer.") || k.startsWith("jobs.")).stringPropertyNames().stream()
                .filter(SensitiveUtils::containsSensitive).sorted().forEach(key -> requirePassable(context, key));
    }

    private static void requirePassable(CamelContext context, String key) {
        String value;
        try {
            value = context.resolvePropertyPlaceholders(PropertiesComponent.PREFIX_TOKEN + key + PropertiesComponent.SUFFIX_TOKEN);
        } catch (RuntimeException e) {
            // not e's message: it quotes the value
            throw refused(key, "Camel cannot resolve its property placeholders: one names a property or an environment variable"
                    + " that is not set, or the value holds a {{ or }} of its own");
        }
        if (value != null && (value.contains(PropertiesComponent.PREFIX_TOKEN) || value.contains(PropertiesComponent.SUFFIX_TOKEN))) {
            throw refused(key, "its value holds a {{ or }} (escaped, or from a variable), and the routes hand it on as a route"
                    + " template parameter, which Camel resolves once more");
        }
    }

    private static IllegalArgumentException refused(String key, String why) {
        return new IllegalArgumentException("Unusable setting " + key + " (a secret, so its value is not shown): " + why
                + ". Such a secret cannot hold {{ or }}: change it, or, for a transfer leg, log in with a key file (privateKeyFile)");
    }
}
