package io.ddbsync.app;

import org.apache.camel.CamelContext;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.RouteTemplateDefinition;
import org.apache.camel.model.RouteTemplateParameterDefinition;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The jobs' settings, jobs.&lt;job&gt;.&lt;setting&gt;, and the transfer legs',
 * transfer.&lt;job or leg&gt;.&lt;parameter&gt;: every key under jobs. or transfer. must be one a job's
 * routes read, else it would be silently ignored, so it stops startup, naming the key (never its value).
 * Two mistakes are told apart: a key under a name that is neither a job nor a settings group a job reads
 * (jobs.db1-onlne.parallel, a misspelt job, or a job taken out of the routes whose keys stayed), or under
 * transfer. neither a job nor a leg (transfer.db1-ofline.host), lists the jobs there are; a key under a
 * job, or under the settings a job reads (its {@code settings} parameter, such as jobs.db1.*), or under a
 * leg, that none of the routes reads (jobs.db1-online.paralel, or an offline job's window under its own
 * name, where it reads its settings' group; transfer.sftp.hots) lists the settings read there.
 * <p>
 * The jobs and the settings read are found where the routes name them: each job's route (an instance
 * of a route template, with parameter jobId) holds its parameters as written, template defaults
 * included, such as {@code {{jobs.{{jobId}}.parallel:4}}} or
 * {@code {{transfer.{{jobId}}.host:{{transfer.sftp.host}}}}}; a leg's own keys (transfer.sftp.*,
 * transfer.rsync.*) are read from its template's defaults, whether or not a job takes the leg. A new job,
 * leg or template parameter is known without a change here. The per-table settings
 * (jobs.&lt;job&gt;.tables.&lt;table&gt;.*) are checked by the sync when it selects the tables; it reads
 * them under the job's own name only. A context whose routes run no job is not this application's (a
 * host with the jar on its classpath): its keys are left alone.
 */
final class JobSettings {
    private static final String JOBS = "jobs.";
    private static final String TRANSFER = "transfer.";
    /** A property placeholder naming a job or transfer setting: {{jobs.x.y}} or {{transfer.x.y:default}}. */
    private static final Pattern SETTING = Pattern.compile("\\{\\{((?:jobs|transfer)\\.[^:{}]+)");

    private JobSettings() {
    }

    /** @throws IllegalArgumentException naming the keys under jobs. or transfer. that no route reads */
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
                read.addAll(keysIn(String.valueOf(value).replace("{{jobId}}", job).replace("{{settings}}", settings)));
            }
        }
        if (jobs.isEmpty()) return;
        groups.removeAll(jobs);
        // a leg's own keys (transfer.sftp.*, transfer.rsync.*) are its template's, read whether or not a job takes the leg
        Set<String> legs = new TreeSet<>();
        for (RouteTemplateDefinition template : model.getRouteTemplateDefinitions()) {
            for (RouteTemplateParameterDefinition parameter : template.getTemplateParameters()) {
                for (String key : keysIn(String.valueOf(parameter.getDefaultValue()))) {
                    if (!key.startsWith(TRANSFER)) continue;
                    read.add(key);
                    legs.add(key.substring(TRANSFER.length(), key.indexOf('.', TRANSFER.length())));
                }
            }
        }
        refuseUnread(context, JOBS, jobs, groups, "no job of that name (a misspelt job name, or a job no route runs)."
                + " The jobs are " + String.join(", ", jobs)
                + (groups.isEmpty() ? "" : "; they also read jobs." + String.join(".*, jobs.", groups) + ".*"), read);
        refuseUnread(context, TRANSFER, jobs, legs, "no job or transfer leg of that name (a misspelt job or leg name, or a job no route runs)."
                + " The jobs are " + String.join(", ", jobs)
                + (legs.isEmpty() ? "" : "; the legs read transfer." + String.join(".*, transfer.", legs) + ".*"), read);
    }

    /** The keys under jobs. or transfer. that placeholders in {@code text} name, whole (not those whose name is itself a placeholder). */
    private static Set<String> keysIn(String text) {
        Set<String> keys = new HashSet<>();
        Matcher m = SETTING.matcher(text);
        while (m.find()) {
            String key = m.group(1).trim();
            if (key.indexOf('.', key.indexOf('.') + 1) > 0) keys.add(key);
        }
        return keys;
    }

    /**
     * Refuses the keys under {@code namespace} (jobs. or transfer.) that are under neither a job nor
     * one of {@code others} ({@code noSuchName} says why), then those no route reads.
     */
    private static void refuseUnread(CamelContext context, String namespace, Set<String> jobs, Set<String> others, String noSuchName, Set<String> read) {
        Set<String> keys = context.getPropertiesComponent().loadProperties(k -> k.startsWith(namespace)).stringPropertyNames();
        List<String> underNoJob = keys.stream().filter(k -> under(k, namespace, jobs) == null && under(k, namespace, others) == null).sorted().toList();
        if (!underNoJob.isEmpty()) throw new IllegalArgumentException(unknown(underNoJob) + ": " + noSuchName);
        List<String> unread = keys.stream().filter(k -> !read.contains(k) && !perTable(k, jobs)).sorted().toList();
        if (unread.isEmpty()) return;
        String first = unread.get(0);
        String prefix = under(first, namespace, jobs) != null ? under(first, namespace, jobs) : under(first, namespace, others);
        List<String> readThere = read.stream().filter(k -> k.startsWith(prefix)).sorted().toList();
        throw new IllegalArgumentException(unknown(unread) + ": no route of the jobs reads " + (unread.size() > 1 ? "them" : "it")
                + " (under " + prefix + "* the routes read " + (readThere.isEmpty() ? "nothing" : String.join(", ", readThere)) + ")");
    }

    /** The prefix &lt;namespace&gt;&lt;name&gt;. of the name the key is under, or null. */
    private static String under(String key, String namespace, Set<String> names) {
        return names.stream().map(n -> namespace + n + ".").filter(key::startsWith).findFirst().orElse(null);
    }

    /**
     * A per-table setting, jobs.&lt;job&gt;.tables.&lt;table&gt;.*, checked when the job selects its tables.
     * Under a settings group it is read by no job (the sync reads them under the job's own name).
     */
    private static boolean perTable(String key, Set<String> jobs) {
        String job = under(key, JOBS, jobs);
        return job != null && key.startsWith(job + "tables.");
    }

    private static String unknown(List<String> keys) {
        return "Unknown setting" + (keys.size() > 1 ? "s " : " ") + String.join(", ", keys);
    }
}
