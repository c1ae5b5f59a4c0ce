package io.ddbsync.runtimes;

import io.ddbsync.sync.run.RunReport;
import io.ddbsync.sync.run.SyncProperties;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A host with nothing but a CamelContext and the thin jar: properties from a file, every YAML file
 * of a routes directory, one job run through its direct:JOB-run endpoint; exits 0 when the run
 * verified, 1 otherwise. A plain context knows no camel.main.* settings (no schedules run here).
 * <pre>
 * java -cp dolphindb-sync.jar:... io.ddbsync.runtimes.PlainCamelContextHost config/application.properties routes db1-online
 * </pre>
 */
public final class PlainCamelContextHost {
    private PlainCamelContextHost() {
    }

    public static void main(String[] args) throws Exception {
        Path properties = Path.of(args[0]);
        Path routes = Path.of(args[1]);
        String job = args[2];
        try (CamelContext context = new DefaultCamelContext()) {
            context.getPropertiesComponent().setLocation("file:" + properties.toAbsolutePath());
            List<Resource> files = new ArrayList<>();
            try (Stream<Path> yaml = Files.list(routes)) {
                for (Path file : yaml.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                    files.add(ResourceHelper.resolveMandatoryResource(context, "file:" + file.toAbsolutePath()));
                }
            }
            PluginHelper.getRoutesLoader(context).loadRoutes(files);
            context.start();
            Exchange done = context.createProducerTemplate().request("direct:" + job + "-run", e -> { });
            RunReport report = done.getProperty(SyncProperties.REPORT, RunReport.class);
            if (report != null) System.out.println(report.render());
            if (done.getException() != null) System.out.println("job " + job + " failed: " + done.getException());
            System.exit(done.getException() == null && report != null && report.succeeded() ? 0 : 1);
        }
    }
}
