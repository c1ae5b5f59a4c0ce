package io.ddbsync.app;

import org.apache.camel.CamelContext;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The jobs' settings, jobs.&lt;job&gt;.&lt;setting&gt;: a key under a job the routes run, or under the
 * settings a job reads (its {@code settings} parameter, such as jobs.db1.*), that none of the job's
 * routes reads is a misspelling (jobs.db1-online.paralel) or a setting in the wrong place (an offline
 * job's window under its own name, where it reads its settings' group): it would be silently
 * ignored, so it stops startup, naming the key and the settings the job reads.
 * <p>
 * The settings read are found where the routes name them: each job's route (an instance of a route
 * template, with parameter jobId) holds its parameters as written, template defaults included, such
 * as {@code {{jobs.{{jobId}}.parallel:4}}}; a new template parameter is known without a change here.
 * The per-table settings (jobs.&lt;job&gt;.tables.&lt;table&gt;.*) are checked by the sync when it
 * selects the tables. Keys under a name that is no job are left alone (a job taken out of the routes
 * may keep its settings).
 */
final class JobSettings {
    /** A property placeholder naming a job setting: {{jobs.x.y}} or {{jobs.x.y:default}}. */
    private static final Pattern SETTING = Pattern.compile("\\{\\{(jobs\\.[^:{}]+)");

    private JobSettings() {
    }

    /** @throws IllegalArgumentException naming the keys under the jobs' names that no route reads */
    static void check(CamelContext context) {
        if (!(context instanceof ModelCamelContext model)) return;
        Set<String> prefixes = new TreeSet<>();
        Set<String> read = new HashSet<>();
        for (RouteDefinition route : model.getRouteDefinitions()) {
            Map<String, Object> parameters = route.getTemplateParameters();
            if (parameters == null || !(parameters.get("jobId") instanceof String job)) continue;
            String settings = String.valueOf(parameters.getOrDefault("settings", job)).replace("{{jobId}}", job);
            prefixes.add("jobs." + job + ".");
            prefixes.add("jobs." + settings + ".");
            for (Object value : parameters.values()) {
                Matcher m = SETTING.matcher(String.valueOf(value).replace("{{jobId}}", job).replace("{{settings}}", settings));
                while (m.find()) read.add(m.group(1).trim());
            }
        }
        if (prefixes.isEmpty()) return;
        List<String> unknown = context.getPropertiesComponent().loadProperties(k -> prefixes.stream().anyMatch(k::startsWith))
                .stringPropertyNames().stream()
                .filter(k -> !read.contains(k) && prefixes.stream().noneMatch(p -> k.startsWith(p + "tables.")))
                .sorted().toList();
        if (unknown.isEmpty()) return;
        String prefix = prefixes.stream().filter(unknown.get(0)::startsWith).findFirst().orElseThrow();
        throw new IllegalArgumentException("Unknown setting" + (unknown.size() > 1 ? "s " : " ") + String.join(", ", unknown)
                + ": no route of the jobs reads " + (unknown.size() > 1 ? "them" : "it") + " (under " + prefix + "* the routes read "
                + String.join(", ", read.stream().filter(k -> k.startsWith(prefix)).sorted().toList()) + ")");
    }
}
