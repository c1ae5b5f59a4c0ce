package io.ddbsync.app;

import io.micrometer.core.instrument.Tags;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.component.micrometer.eventnotifier.MicrometerExchangeEventNotifier;
import org.apache.camel.component.micrometer.eventnotifier.MicrometerExchangeEventNotifierNamingStrategy;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.EventNotifier;

/**
 * Camel's exchange meters (camel_exchange_event_notifier) carry a routeId tag only for an exchange a
 * route created: one sent by a ProducerTemplate outside any route (a job listing its tables, a
 * ddbsync.once run) has none. Prometheus takes one set of tag keys per meter name, so once a route's
 * exchange had registered the meter, the template's were refused (a Micrometer warning in the log)
 * and went uncounted, or the other way round. This naming keeps Camel's and gives every exchange meter
 * the routeId tag, empty where no route created the exchange.
 */
final class RouteIdOnEveryExchangeMeter implements MicrometerExchangeEventNotifierNamingStrategy {
    private static final String ROUTE_ID = "routeId";
    private final MicrometerExchangeEventNotifierNamingStrategy camel;

    private RouteIdOnEveryExchangeMeter(MicrometerExchangeEventNotifierNamingStrategy camel) {
        this.camel = camel;
    }

    /** Puts this naming in front of the runtime's exchange-meter notifier, if it has one (metrics on). */
    static void apply(CamelContext context) {
        for (EventNotifier notifier : context.getManagementStrategy().getEventNotifiers()) {
            if (notifier instanceof MicrometerExchangeEventNotifier meters && !(meters.getNamingStrategy() instanceof RouteIdOnEveryExchangeMeter)) {
                meters.setNamingStrategy(new RouteIdOnEveryExchangeMeter(meters.getNamingStrategy()));
            }
        }
    }

    @Override
    public Tags getTags(CamelEvent.ExchangeEvent event, Endpoint endpoint) {
        Tags tags = camel.getTags(event, endpoint);
        return tags.stream().anyMatch(t -> t.getKey().equals(ROUTE_ID)) ? tags : tags.and(ROUTE_ID, "");
    }

    @Override
    public String getName(Exchange exchange, Endpoint endpoint) {
        return camel.getName(exchange, endpoint);
    }

    @Override
    public boolean isBaseEndpointURI() {
        return camel.isBaseEndpointURI();
    }

    @Override
    public String formatName(String name) {
        return camel.formatName(name);
    }

    @Override
    public String getInflightExchangesName() {
        return camel.getInflightExchangesName();
    }

    @Override
    public Tags getInflightExchangesTags(CamelContext context, String routeId) {
        return camel.getInflightExchangesTags(context, routeId);
    }
}
