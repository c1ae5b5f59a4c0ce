package io.ddbsync.it.springboot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * An integration team's Spring Boot application running dolphindb-sync: routes and settings come
 * from the project's routes/ and config/application.properties (named in this project's
 * application.properties), and dolphindb-sync's jar hooks itself into the CamelContext (high
 * availability, its settings' check, ddbsync.once); nothing else is Java but this class.
 */
@SpringBootApplication
public class SpringBootHost {
    public static void main(String[] args) {
        SpringApplication.run(SpringBootHost.class, args);
    }
}
