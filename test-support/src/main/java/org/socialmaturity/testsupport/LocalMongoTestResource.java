package org.socialmaturity.testsupport;

import java.util.Map;

import org.socialmaturity.localmongo.LocalMongo;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts an in-memory mongo-java-server on a random loopback port for a Quarkus test run and points the service's
 * MongoDB client at it. Services reach it over TCP with the real MongoDB driver.
 */
public class LocalMongoTestResource implements QuarkusTestResourceLifecycleManager {

    private LocalMongo mongo;

    @Override
    public Map<String, String> start() {
        mongo = LocalMongo.inMemory();
        return Map.of("quarkus.mongodb.connection-string", mongo.connectionString());
    }

    @Override
    public void stop() {
        if (mongo != null) {
            mongo.close();
        }
    }
}
