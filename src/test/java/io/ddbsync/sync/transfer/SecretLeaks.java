package io.ddbsync.sync.transfer;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.slf4j.LoggerFactory;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Everything Camel, the SSH libraries and our code log while it is open, at DEBUG, into a list
 * (not onto the console), to be searched for a secret afterwards; except the two Camel loggers
 * that print resolved property placeholders at DEBUG, which stay at INFO as docs/deployment.md
 * tells whoever configures secrets.
 */
final class SecretLeaks implements AutoCloseable {

    private static final List<String> VERBOSE = List.of("org.apache.camel", "org.apache.sshd", "com.jcraft", "io.ddbsync");
    private static final List<String> PLACEHOLDER_LOGGERS = List.of(
            "org.apache.camel.component.properties", "org.apache.camel.impl.engine.DefaultCamelContextExtension");

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private SecretLeaks() {
        appender.start();
        for (String name : VERBOSE) {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            logger.setLevel(Level.DEBUG);
            logger.addAppender(appender);
            logger.setAdditive(false);
        }
        for (String name : PLACEHOLDER_LOGGERS) ((Logger) LoggerFactory.getLogger(name)).setLevel(Level.INFO);
    }

    static SecretLeaks capture() {
        return new SecretLeaks();
    }

    /**
     * The secret is in none of: the failure's message, causes and stack trace; the log captured
     * so far (messages and their exceptions); the context's endpoints as they print.
     */
    void assertAbsent(String secret, Throwable failure, CamelContext context) {
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        assertFalse(trace.toString().contains(secret), "the secret is in the exception or its causes");
        assertTrue(appender.list.size() > 50, "DEBUG logging was captured");
        Set<String> leaky = new TreeSet<>();
        for (ILoggingEvent event : appender.list) {
            String text = event.getFormattedMessage() + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy()));
            if (text.contains(secret)) leaky.add(event.getLoggerName() + " " + event.getLevel() + " " + event.getFormattedMessage());
        }
        assertTrue(leaky.isEmpty(), () -> "the secret is in the log: " + leaky);
        for (Endpoint endpoint : context.getEndpoints()) {
            assertFalse(endpoint.toString().contains(secret), () -> "the secret is in " + endpoint);
        }
    }

    @Override
    public void close() {
        for (String name : VERBOSE) {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            logger.setLevel(null);
            logger.detachAppender(appender);
            logger.setAdditive(true);
        }
        for (String name : PLACEHOLDER_LOGGERS) ((Logger) LoggerFactory.getLogger(name)).setLevel(null);
    }
}
