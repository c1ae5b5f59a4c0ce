package io.ddbsync.sync.online;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The partition route runs thousands of times a run: its expressions read plain exchange
 * properties, never a getter through OGNL ({@code ${exchangeProperty.DdbSyncOnlineRun.job.verify}},
 * {@code ${body.path}}) nor a bean predicate: Camel copies the exchange for each such call
 * (BeanExpression), which was a sixth of the runner's CPU at 2,000 partitions.
 */
class PartitionRouteExpressionsTest {
    /** ${exchangeProperty.a.b}, ${body.x}, ${header.a.b}: a property, the body or a header, then a getter. */
    private static final Pattern OGNL = Pattern.compile("\\$\\{(?:exchangeProperty|body|header|headers)\\.[A-Za-z0-9_]+\\.[^}]*}|\\$\\{body\\.[^}]*}");

    @Test
    void thePartitionRouteReadsNoGetterThroughOgnl() throws Exception {
        String yaml = Files.readString(Path.of("routes/online-sync.yaml"));
        int start = yaml.indexOf("id: online-sync-partition");
        assertTrue(start > 0, "routes/online-sync.yaml has no route online-sync-partition");
        String route = yaml.substring(start);
        List<String> found = new ArrayList<>();
        for (Matcher m = OGNL.matcher(route); m.find(); ) found.add(m.group());
        assertEquals(List.of(), found, "expressions of the partition route that call getters through OGNL");
        // a bean predicate (choice or filter on `method:`) copies the exchange as well; steps (`bean:`) do not
        assertTrue(!Pattern.compile("-\\s+method:").matcher(route).find(), "a choice or filter of the partition route on a bean method");
    }

    /**
     * Every DdbSyncPartition* property the partition route reads is one its steps set: a toD whose
     * endpoint's parameter property is missing resolves an endpoint of an empty option, which a
     * read-back of nothing would not catch.
     */
    @Test
    void everyPartitionPropertyTheRouteReadsIsOneItsStepsSet() throws Exception {
        String yaml = Files.readString(Path.of("routes/online-sync.yaml"));
        String route = yaml.substring(yaml.indexOf("id: online-sync-partition"));
        String steps = Files.readString(Path.of("src/main/java/io/ddbsync/sync/online/PartitionSteps.java"))
                + Files.readString(Path.of("src/main/java/io/ddbsync/sync/online/PartitionGuard.java"));
        Pattern read = Pattern.compile("\\$\\{exchangeProperty\\.(DdbSyncPartition[A-Za-z]+)}");
        List<String> unset = new ArrayList<>();
        for (Matcher m = read.matcher(route); m.find(); ) {
            if (!steps.contains("\"" + m.group(1) + "\"")) unset.add(m.group(1));
        }
        assertEquals(List.of(), unset, "properties the partition route reads that no step of it sets");
        assertTrue(route.contains("${exchangeProperty.DdbSyncPartitionTargetTable}"), "the test reads the route's endpoints");
    }
}
