package org.socialmaturity.localmongo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

class IndexKeyOrderTest {

    // Keys of different lengths: H2's serialized order puts shorter strings first ("k9" < "k10"), value order does
    // not ("k10" < "k9"), so a look-up in the wrong order misses keys.
    private static final int DOCUMENTS = 600;

    @TempDir
    Path directory;

    @Test
    void keysCompareByValueWithinAClassAndByClassAcrossClasses() {
        IndexKeyOrder order = new IndexKeyOrder();
        assertTrue(order.compare(key("k10"), key("k9")) < 0);
        assertTrue(order.compare(key(2L), key(10L)) < 0);
        assertTrue(order.compare(key(-1L), key(1L)) < 0);
        assertEquals(0, order.compare(new KeyValue(List.of("a", 1L)), new KeyValue(List.of("a", 1L))));
        assertTrue(order.compare(new KeyValue(List.of("a", 1L)), new KeyValue(List.of("a", 2L))) < 0);
        int acrossClasses = order.compare(key(1L), key("1"));
        assertTrue(acrossClasses != 0);
        assertEquals(-Integer.signum(acrossClasses), Integer.signum(order.compare(key("1"), key(1L))));
    }

    @Test
    void aFileWrittenInH2sOrderIsRewrittenOnceAndEveryKeyIsFoundAndStaysUnique() {
        Path file = directory.resolve("old.mv.db");
        MongoServer old = new MongoServer(new H2Backend(file.toString()));
        InetSocketAddress address = old.bind();
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
            fill(collection(client));
        } finally {
            old.shutdownNow();
        }

        withLocalMongo(file, this::assertEveryKeyFoundAndUnique);
        // Reopened: already in value order, nothing to rewrite, still whole.
        withLocalMongo(file, this::assertEveryKeyFoundAndUnique);
    }

    @Test
    void aNewFileKeepsItsIndexesAcrossARestart() {
        Path file = directory.resolve("new.mv.db");
        withLocalMongo(file, this::fill);
        withLocalMongo(file, this::assertEveryKeyFoundAndUnique);
    }

    private void fill(MongoCollection<Document> collection) {
        collection.createIndex(Indexes.ascending("position"), new IndexOptions().unique(true));
        List<Document> documents = new ArrayList<>();
        for (int i = 0; i < DOCUMENTS; i++) {
            documents.add(new Document("_id", "k" + i).append("position", (long) i * 1_000_003L));
        }
        collection.insertMany(documents);
    }

    private void assertEveryKeyFoundAndUnique(MongoCollection<Document> collection) {
        for (int i = 0; i < DOCUMENTS; i++) {
            long position = (long) i * 1_000_003L;
            Document byId = collection.find(Filters.eq("_id", "k" + i)).first();
            assertEquals(position, byId == null ? null : byId.getLong("position"), "k" + i + " by _id");
            Document byPosition = collection.find(Filters.eq("position", position)).first();
            assertEquals("k" + i, byPosition == null ? null : byPosition.getString("_id"), position + " by position");
        }
        MongoWriteException sameId = assertThrows(MongoWriteException.class,
                () -> collection.insertOne(new Document("_id", "k17").append("position", -1L)));
        assertEquals(ErrorCategory.DUPLICATE_KEY, ErrorCategory.fromErrorCode(sameId.getCode()));
        MongoWriteException samePosition = assertThrows(MongoWriteException.class,
                () -> collection.insertOne(new Document("_id", "fresh").append("position", 17 * 1_000_003L)));
        assertEquals(ErrorCategory.DUPLICATE_KEY, ErrorCategory.fromErrorCode(samePosition.getCode()));
        assertEquals(DOCUMENTS, collection.countDocuments());
    }

    private static void withLocalMongo(Path file, Consumer<MongoCollection<Document>> use) {
        try (LocalMongo mongo = LocalMongo.fileBacked(file, "127.0.0.1", 0);
             MongoClient client = MongoClients.create(mongo.connectionString())) {
            use.accept(collection(client));
        }
    }

    private static MongoCollection<Document> collection(MongoClient client) {
        return client.getDatabase("ordering").getCollection("documents");
    }

    private static KeyValue key(Object value) {
        return new KeyValue(value);
    }
}
