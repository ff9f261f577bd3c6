package org.socialmaturity.localmongo;

import java.util.Date;

import org.bson.Document;
import org.bson.conversions.Bson;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;

/**
 * Prints the raw events of the shared event store, oldest first: what an operator checks when in doubt whether an
 * accepted request really reached MongoDB. Works against any MongoDB, not only the local one.
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
            MongoCollection<Document> events = client.getDatabase("platform-events").getCollection("domainevents");
            Bson filter = aggregateId == null ? new Document() : Filters.eq("aggregateIdentifier", aggregateId);
            long count = 0;
            for (Document event : events.find(filter).sort(Sorts.ascending("timestamp", "sequenceNumber"))) {
                count++;
                String type = event.getString("payloadType");
                System.out.printf("%s  %-40s #%-3s %s%n", event.get("timestamp") instanceof Date d ? d.toInstant()
                                : event.get("timestamp"), event.getString("aggregateIdentifier"),
                        event.get("sequenceNumber"), type.substring(type.lastIndexOf('.') + 1));
                if (payload) {
                    System.out.println("    " + event.get("serializedPayload"));
                    System.out.println("    " + event.get("serializedMetaData"));
                }
            }
            System.out.println(count + " event(s)" + (aggregateId == null ? "" : " of " + aggregateId));
        }
    }
}
