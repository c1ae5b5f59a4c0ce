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
 * The jobs' settings, jobs.&lt;job&gt;.&lt;setting&gt;: every key under jobs. must be one a job's routes
 * read, else it would be silently ignored, so it stops startup, naming the key. Two mistakes are told
 * apart: a key under a name that is neither a job nor a settings group a job reads (jobs.db1-onlne.parallel,
 * a misspelt job, or a job taken out of the routes whose keys stayed) lists the jobs there are; a key
 * under a job, or under the settings a job reads (its {@code settings} parameter, such as jobs.db1.*),
 * that none of the job's routes reads (jobs.db1-online.paralel, or an offline job's window under its own
 * name, where it reads its settings' group) lists the settings read there.
 * <p>
 * The jobs and the settings read are found where the routes name them: each job's route (an instance
 * of a route template, with parameter jobId) holds its parameters as written, template defaults
 * included, such as {@code {{jobs.{{jobId}}.parallel:4}}}; a new job or template parameter is known
 * without a change here. The per-table settings (jobs.&lt;job&gt;.tables.&lt;table&gt;.*) are checked
 * by the sync when it selects the tables; it reads them under the job's own name only. A context
 * whose routes run no job is not this application's (a host with the jar on its classpath): its keys
 * are left alone.
 */
final class JobSettings {
    /** A property placeholder naming a job setting: {{jobs.x.y}} or {{jobs.x.y:default}}. */
    private static final Pattern SETTING = Pattern.compile("\\{\\{(jobs\\.[^:{}]+)");

    private JobSettings() {
    }

    /** @throws IllegalArgumentException naming the keys under jobs. that no route reads */
    static void check(CamelContext context) {
        if (!(context instanceof ModelCamelContext model)) return;
        Set<String> jobs = new TreeSet<>();
        Set<String> groups = new TreeSet<>();
        Set<String> read = new HashSet<>();
        for (RouteDefinition route : model.getRouteDefinitions()) {
            Map<String, Object> parameters = route.getTemplateParameters();
            if (parameters == null || !(parameters.get("jobId") instanceof String job)) continue;
            String settings = String.valueOf(parameters.getOrDefault("settings", job)).replace("{{jobId}}", job);
            jobs.add(job);
            groups.add(settings);
            for (Object value : parameters.values()) {
                Matcher m = SETTING.matcher(String.valueOf(value).replace("{{jobId}}", job).replace("{{settings}}", settings));
                while (m.find()) read.add(m.group(1).trim());
            }
        }
        if (jobs.isEmpty()) return;
        groups.removeAll(jobs);
        Set<String> keys = context.getPropertiesComponent().loadProperties(k -> k.startsWith("jobs.")).stringPropertyNames();
        List<String> underNoJob = keys.stream().filter(k -> under(k, jobs) == null && under(k, groups) == null).sorted().toList();
        if (!underNoJob.isEmpty()) {
            throw new IllegalArgumentException(unknown(underNoJob) + ": no job of that name (a misspelt job name, or a job no route runs)."
                    + " The jobs are " + String.join(", ", jobs)
                    + (groups.isEmpty() ? "" : "; they also read jobs." + String.join(".*, jobs.", groups) + ".*"));
        }
        List<String> unread = keys.stream().filter(k -> !read.contains(k) && !perTable(k, jobs)).sorted().toList();
        if (unread.isEmpty()) return;
        String first = unread.get(0);
        String prefix = under(first, jobs) != null ? under(first, jobs) : under(first, groups);
        throw new IllegalArgumentException(unknown(unread) + ": no route of the jobs reads " + (unread.size() > 1 ? "them" : "it")
                + " (under " + prefix + "* the routes read " + String.join(", ", read.stream().filter(k -> k.startsWith(prefix)).sorted().toList()) + ")");
    }

    /** The prefix jobs.&lt;name&gt;. of the name the key is under, or null. */
    private static String under(String key, Set<String> names) {
        return names.stream().map(n -> "jobs." + n + ".").filter(key::startsWith).findFirst().orElse(null);
    }

    /**
     * A per-table setting, jobs.&lt;job&gt;.tables.&lt;table&gt;.*, checked when the job selects its tables.
     * Under a settings group it is read by no job (the sync reads them under the job's own name).
     */
    private static boolean perTable(String key, Set<String> jobs) {
        String job = under(key, jobs);
        return job != null && key.startsWith(job + "tables.");
    }

    private static String unknown(List<String> keys) {
        return "Unknown setting" + (keys.size() > 1 ? "s " : " ") + String.join(", ", keys);
    }
}
