package io.ddbsync.sync.transfer;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Our runner's logback.xml, config/logback.xml (tests run with logback-test.xml instead). */
class ApplicationLoggingTest {

    @Test
    void theLoggersThatPrintResolvedPlaceholdersArePinnedToInfo() throws Exception {
        LoggerContext context = new LoggerContext();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(Path.of("config/logback.xml").toFile());

        // pinned, not inherited: raising the root or org.apache.camel to DEBUG leaves them at INFO
        assertEquals(Level.INFO, context.getLogger("org.apache.camel.component.properties").getLevel());
        assertEquals(Level.INFO, context.getLogger("org.apache.camel.impl.engine.DefaultCamelContextExtension").getLevel());
        assertEquals(Level.INFO, context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getLevel());
        context.stop();
    }
}
