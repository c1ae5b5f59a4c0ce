package io.ddbsync.camel;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.ExtendedPropertyConfigurerGetter;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.PropertyConfigurer;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.util.SensitiveUtils;
import org.apache.camel.util.StringHelper;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The clusters configured in properties, {@code <prefix>.<cluster>.<setting>}, each bound to a
 * {@link DolphinDBCluster} through the configurer Camel's tooling generates for it: the same
 * conversions as every Camel option (durations such as {@code 5m} for times, only true or false for
 * switches), a setting in any case or kebab-case. A value's placeholders are resolved once, and a
 * value Camel cannot resolve (a placeholder that names nothing, a {{ or }} not escaped) stops the start.
 *
 * What the binding cannot place stops the start, naming the cluster and the key: a misspelt
 * setting would otherwise be ignored without a word, and some of them matter (a mistyped
 * {@code ssl} sends everything in the clear). A value is never shown when its key is a secret's.
 */
final class ClusterProperties {
    /** A cluster's name is the one in its keys; a {@code name} setting could only contradict it. */
    private static final String NAME = "name";

    private final CamelContext context;
    private final String prefix;
    private final PropertyConfigurer configurer;

    ClusterProperties(CamelContext context, String clusterPropertyPrefix) {
        this.context = context;
        this.prefix = clusterPropertyPrefix + ".";
        this.configurer = PluginHelper.getConfigurerResolver(context).resolvePropertyConfigurer(DolphinDBCluster.class.getName(), context);
        if (configurer == null) {
            throw new IllegalStateException("No generated configurer for " + DolphinDBCluster.class.getName() + " on the classpath: a broken build?");
        }
    }

    /** The cluster called name, from its properties; empty when none of its keys is there. */
    Optional<DolphinDBCluster> find(String name) {
        Map<String, String> settings = settings(name);
        return settings.isEmpty() ? Optional.empty() : Optional.of(bind(name, settings));
    }

    /**
     * Binds every cluster named in properties, used by a route or not, so that a mistake stops the
     * start: a setting or a value a cluster does not take, or settings under a cluster name that
     * has no sites (most likely misspelt: {@code dolphindb.clusters.tgt.readTimeout}).
     */
    void checkAll() {
        Map<String, DolphinDBCluster> bound = new TreeMap<>();
        for (String name : clusterNames()) bound.put(name, bind(name, settings(name)));
        List<String> complete = bound.keySet().stream().filter(name -> hasSites(bound.get(name))).toList();
        bound.forEach((name, cluster) -> {
            if (!hasSites(cluster)) {
                throw new IllegalArgumentException("Cluster '" + name + "' has settings " + settings(name).keySet().stream().map(s -> key(name, s)).toList()
                        + " but no " + key(name, "sites") + ": a misspelt cluster name? The clusters configured are " + complete);
            }
        });
    }

    private static boolean hasSites(DolphinDBCluster cluster) {
        return cluster.getSites() != null && !cluster.getSites().isBlank();
    }

    private TreeSet<String> clusterNames() {
        TreeSet<String> names = new TreeSet<>();
        for (String key : properties().loadProperties(k -> k.startsWith(prefix)).stringPropertyNames()) {
            int dot = key.indexOf('.', prefix.length());
            if (dot > prefix.length()) names.add(key.substring(prefix.length(), dot));
        }
        return names;
    }

    /**
     * A cluster's settings by their names as written, with placeholders in their values resolved:
     * every key the properties list, and the settings a cluster takes, looked up one by one, from
     * sources Camel can look keys up in but not list (Spring's environment under Spring Boot).
     */
    private Map<String, String> settings(String name) {
        String base = key(name, "");
        Map<String, String> settings = new TreeMap<>();
        for (String key : properties().loadProperties(k -> k.startsWith(base)).stringPropertyNames()) {
            String setting = key.substring(base.length());
            settings.put(setting, resolved(name, setting));
        }
        Set<String> listed = settings.keySet().stream().map(ClusterProperties::normalized).collect(Collectors.toSet());
        for (String setting : knownSettings()) {
            if (listed.contains(normalized(setting))) continue;
            for (String spelling : List.of(setting, StringHelper.camelCaseToDash(setting))) {
                Optional<String> value = properties().resolveProperty(base + spelling);
                if (value.isPresent()) {
                    settings.put(spelling, value.get());
                    break;
                }
            }
        }
        return settings;
    }

    /**
     * A listed setting's value, its placeholders resolved. Camel's own lookup
     * ({@link PropertiesComponent#resolveProperty}) answers nothing for a value it cannot resolve, which
     * would make a password with a {{ or }} in it, or one from an environment variable that is not
     * set, an empty one without a word; resolved here, the failure stops the start instead, naming the
     * key (and, for a secret, neither the value nor Camel's message, which quotes it).
     */
    private String resolved(String name, String setting) {
        String key = key(name, setting);
        try {
            String value = context.resolvePropertyPlaceholders(PropertiesComponent.PREFIX_TOKEN + key + PropertiesComponent.SUFFIX_TOKEN);
            return value == null ? "" : value;
        } catch (RuntimeException e) {
            String cause = SensitiveUtils.containsSensitive(setting) ? "a secret, so its value is not shown" : e.getMessage();
            throw new IllegalArgumentException("Cluster '" + name + "' has an invalid " + key + ": Camel cannot resolve its property"
                    + " placeholders (" + cause + "). Either one names a property or an environment variable that is not set, or the"
                    + " value holds a {{ or }} of its own, which Camel reads as a placeholder: write it \\{{ or \\}} (\\\\{{ in a"
                    + " .properties file), in an environment variable's value too");
        }
    }

    /** One setting's spellings alike: pool-size, poolSize, POOLSIZE. */
    private static String normalized(String setting) {
        return setting.replace("-", "").toLowerCase(Locale.ROOT);
    }

    /** One setting at a time, so that a failure or a setting the cluster does not take names its own key. */
    private DolphinDBCluster bind(String name, Map<String, String> settings) {
        DolphinDBCluster cluster = new DolphinDBCluster();
        cluster.setName(name);
        List<String> unknown = new ArrayList<>();
        settings.forEach((setting, value) -> {
            boolean bound;
            try {
                // through the configurer, not Camel's property binding, which resolves placeholders in a
                // value again (whatever its options say): placeholders were resolved once already, and a
                // password may hold a {{ that was written \{{, or start with #
                bound = !setting.equalsIgnoreCase(NAME) && configurer.configure(context, cluster, setting.replace("-", ""), value, true);
            } catch (RuntimeException e) {
                throw invalid(name, setting, value, e);
            }
            if (!bound) unknown.add(key(name, setting));
        });
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("Unknown setting" + (unknown.size() > 1 ? "s " : " ") + unknown + " for cluster '" + name
                    + "': a cluster takes " + knownSettings());
        }
        return cluster;
    }

    /** What the configurer takes, spelt as the README spells it (its keys are capitalised: ReadTimeout). */
    private TreeSet<String> knownSettings() {
        TreeSet<String> known = new TreeSet<>();
        for (String option : ((ExtendedPropertyConfigurerGetter) configurer).getAllOptions(new DolphinDBCluster()).keySet()) {
            if (!option.equalsIgnoreCase(NAME)) known.add(Character.toLowerCase(option.charAt(0)) + option.substring(1));
        }
        return known;
    }

    /** Names the key and, unless it is a secret's, the value and what the setting takes. */
    private IllegalArgumentException invalid(String name, String setting, String value, RuntimeException e) {
        String key = key(name, setting);
        Throwable root = e;
        while (root.getCause() != null) root = root.getCause();
        if (SensitiveUtils.containsSensitive(setting)) {
            // neither the value nor the cause's message, which may quote it
            return new IllegalArgumentException("Cluster '" + name + "' has an invalid " + key + " (a secret, so its value is not shown: "
                    + root.getClass().getSimpleName() + ")");
        }
        // no cause: the message says it all, and the binding's own would add a dump of the bean
        return new IllegalArgumentException("Cluster '" + name + "' has an invalid " + key + " '" + value + "': " + takes(setting, root));
    }

    /**
     * What a setting takes, where the conversion's own message would not say it plainly. A number
     * that does not convert fails with a NumberFormatException or an index error from Camel's
     * duration parser; one that converts but is out of range, with the setter's own
     * IllegalArgumentException, which says the range.
     */
    private String takes(String setting, Throwable failure) {
        Class<?> type = ((ExtendedPropertyConfigurerGetter) configurer).getOptionType(setting, true);
        if (type == boolean.class) return "expected true or false";
        if ((type == int.class || type == long.class) && failure.getClass() != IllegalArgumentException.class) {
            return "expected a whole number (a time: milliseconds, or a duration such as 30s, 5m or 12h)";
        }
        return failure.getMessage();
    }

    private String key(String name, String setting) {
        return prefix + name + "." + setting;
    }

    private PropertiesComponent properties() {
        return context.getPropertiesComponent();
    }
}
