package org.socialmaturity.localmongo;

import java.util.List;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

/**
 * Prints the raw events of the shared event store in global order: what an operator checks when in doubt whether
 * an accepted request really reached MongoDB. Works against any MongoDB, not only the local one.
 *
 * <pre>java -cp local-mongo.jar org.socialmaturity.localmongo.EventLog [mongodb-uri] [aggregate-id] [--payload]</pre>
 */
public final class EventLog {

    private EventLog() {
    }

    public static void main(String[] args) {
        System.setProperty("org.slf4j.simpleLogger.log.org.mongodb.driver", "warn");
        String uri = "mongodb://127.0.0.1:27017";
        String aggregateId = null;
        boolean payload = false;
        for (String arg : args) {
            if (arg.equals("--payload")) {
                payload = true;
            } else if (arg.startsWith("mongodb://") || arg.startsWith("mongodb+srv://")) {
                uri = arg;
            } else {
                aggregateId = arg;
            }
        }
        try (MongoClient client = MongoClients.create(uri)) {
            StoredEvents store = new StoredEvents(client);
            List<StoredEvents.StoredEvent> events = aggregateId == null ? store.all() : store.ofAggregate(aggregateId);
            for (StoredEvents.StoredEvent event : events) {
                System.out.printf("%8d  %s  %-40s #%-3d %s%n", event.globalIndex(), event.timestamp(),
                        event.aggregateId(), event.sequence(), event.simpleType());
                if (payload) {
                    System.out.println("          " + event.payload());
                    System.out.println("          " + event.metaData());
                }
            }
            System.out.println(events.size() + " event(s)" + (aggregateId == null ? "" : " of " + aggregateId));
        }
    }
}
