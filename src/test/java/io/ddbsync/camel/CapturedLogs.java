package io.ddbsync.camel;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;

/**
 * Every log line at DEBUG and above while it is open, captured rather than printed (the failures a
 * test provokes are on purpose), with the messages of each line's exception chain: what a test
 * searches for a secret. The loggers the runner's config/logback.xml sets keep its levels, as in
 * production: Camel's properties component prints every value it resolves at DEBUG, secrets
 * included, and the runner's configuration keeps it at INFO for that reason.
 */
public final class CapturedLogs implements AutoCloseable {
    private static final Path RUNNER_LOGGING = Path.of("config", "logback.xml");
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    /** Camel's error handler is switched off in logback-test.xml; it logs failed exchanges. */
    private final Logger errors = (Logger) LoggerFactory.getLogger("org.apache.camel.processor.errorhandler");
    private final Level rootLevel = root.getLevel();
    private final Level errorsLevel = errors.getLevel();
    private final Appender<ILoggingEvent> console = root.getAppender("STDOUT");
    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    private final Map<Logger, Level> runnerLevels = new HashMap<>();

    public CapturedLogs() throws Exception {
        captured.start();
        if (console != null) root.detachAppender(console);
        root.addAppender(captured);
        root.setLevel(Level.DEBUG);
        errors.setLevel(Level.DEBUG);
        NodeList loggers = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(RUNNER_LOGGING.toFile()).getElementsByTagName("logger");
        for (int i = 0; i < loggers.getLength(); i++) {
            Element e = (Element) loggers.item(i);
            Logger logger = (Logger) LoggerFactory.getLogger(e.getAttribute("name"));
            runnerLevels.put(logger, logger.getLevel());
            logger.setLevel(Level.toLevel(e.getAttribute("level")));
        }
    }

    /**
     * These loggers at DEBUG too, though the runner's configuration keeps them quieter: whoever
     * chases a refused login turns them up, and a secret must not show then either. Restored on close.
     */
    public CapturedLogs withDebug(String... names) {
        for (String name : names) {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            runnerLevels.putIfAbsent(logger, logger.getLevel());
            logger.setLevel(Level.DEBUG);
        }
        return this;
    }

    /** Each line's logger and message, followed by the messages of its exception and that exception's causes. */
    public List<String> lines() {
        return captured.list.stream().map(event -> {
            StringBuilder text = new StringBuilder(event.getLoggerName()).append(": ").append(event.getFormattedMessage());
            for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) text.append(" | ").append(t.getMessage());
            return text.toString();
        }).toList();
    }

    @Override
    public void close() {
        root.detachAppender(captured);
        if (console != null) root.addAppender(console);
        root.setLevel(rootLevel);
        errors.setLevel(errorsLevel);
        runnerLevels.forEach(Logger::setLevel);
    }
}
