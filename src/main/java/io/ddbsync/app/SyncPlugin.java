package io.ddbsync.app;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.ContextServicePlugin;
import org.apache.camel.support.LifecycleStrategySupport;

/**
 * The application's part of every Camel runtime, with no host code: Camel finds this class through
 * java.util.ServiceLoader (META-INF/services/org.apache.camel.spi.ContextServicePlugin in this jar)
 * whenever a CamelContext is built, under camel-main, Camel JBang, Spring Boot or a plain
 * CamelContext alike.
 * <p>
 * Camel loads the plugin while it builds the context, before the runtime has given the properties
 * component its files, and only logs an exception thrown from {@link #load}. So the plugin only
 * registers a lifecycle strategy: as the context initializes, when every setting can be read and
 * before any route is created, it checks the ddbsync.* settings and that the secrets the routes are handed can be passed on
 * ({@link SecretSettings}), registers the leadership service
 * when ddbsync.ha.lockDir is set ({@link HighAvailability}) and prepares a {@code ddbsync.once} run
 * ({@link OnceRun}); as it starts, before any route runs, it checks the jobs' settings against what
 * the routes read ({@link JobSettings}) and makes Camel's exchange meters one set of tags
 * ({@link RouteIdOnEveryExchangeMeter}). An exception there stops the context's start, so a bad setting stops every
 * runtime at startup. Without ddbsync settings it does nothing, so a CamelContext that merely has this
 * jar on its classpath is not changed.
 */
public class SyncPlugin implements ContextServicePlugin {

    @Override
    public void load(CamelContext camelContext) {
        camelContext.addLifecycleStrategy(new LifecycleStrategySupport() {
            @Override
            public void onContextInitializing(CamelContext context) {
                SyncSettings.check(context);
                SecretSettings.check(context);
                HighAvailability.configure(context);
                OnceRun.prepare(context);
            }

            @Override
            public void onContextStarting(CamelContext context) {
                // every runtime has added its routes by now, and none runs yet
                JobSettings.check(context);
                // and has set up its metrics
                RouteIdOnEveryExchangeMeter.apply(context);
            }
        });
    }
}
