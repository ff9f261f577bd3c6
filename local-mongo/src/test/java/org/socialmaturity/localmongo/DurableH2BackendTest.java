package org.socialmaturity.localmongo;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import de.bwaldvogel.mongo.bson.Document;

class DurableH2BackendTest {

    @Test
    void writesAndCommandsItDoesNotKnowWaitForDurability() {
        for (String command : List.of("insert", "update", "delete", "findAndModify", "findandmodify", "create",
                "createIndexes", "drop", "dropIndexes", "dropDatabase", "renameCollection", "someFutureCommand")) {
            assertTrue(DurableH2Backend.mayWrite(command, new Document(command, "c")), command);
        }
    }

    @Test
    void readsDoNotWaitForDurability() {
        for (String command : List.of("find", "getMore", "count", "distinct", "listCollections", "listIndexes",
                "isMaster", "ismaster", "hello", "buildInfo", "ping", "killCursors", "endSessions")) {
            assertFalse(DurableH2Backend.mayWrite(command, new Document(command, "c")), command);
        }
    }

    @Test
    void anAggregationWritesOnlyWithOutOrMerge() {
        Document match = new Document("$match", new Document("a", 1));
        assertFalse(DurableH2Backend.mayWrite("aggregate", aggregate(match)));
        assertTrue(DurableH2Backend.mayWrite("aggregate", aggregate(match, new Document("$out", "copy"))));
        assertTrue(DurableH2Backend.mayWrite("aggregate", aggregate(match, new Document("$merge", "copy"))));
    }

    private static Document aggregate(Document... stages) {
        return new Document("aggregate", "c").append("pipeline", List.of(stages));
    }
}
