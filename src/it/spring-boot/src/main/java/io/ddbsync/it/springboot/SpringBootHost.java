package io.ddbsync.it.springboot;

import io.ddbsync.app.HighAvailability;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * An integration team's Spring Boot application running dolphindb-sync: routes and settings come
 * from the project's routes/ and config/application.properties (spring.config.import), nothing else
 * is Java but this class.
 */
@SpringBootApplication
public class SpringBootHost {
    public static void main(String[] args) {
        SpringApplication.run(SpringBootHost.class, args);
    }

    /**
     * One active runner among several (ddbsync.ha.*): camel-spring-boot has no
     * camel.main.configuration-classes, so the host hands the CamelContext to dolphindb-sync's
     * HighAvailability before the routes are built, as camel-main does from the properties.
     */
    @Bean
    CamelContextConfiguration dolphindbSyncHighAvailability() {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext context) {
                new HighAvailability().configure(context);
            }

            @Override
            public void afterApplicationStart(CamelContext context) {
                // nothing: the leadership service starts with the context
            }
        };
    }
}
