package org.socialmaturity.localmongo;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.h2.mvstore.MVStore;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;

/**
 * mongo-java-server's file-backed H2 (MVStore) backend, made durable: a command that may have written returns only
 * once its changes are committed to the file and the file is forced to the device, with concurrent writers sharing
 * one commit and fsync ({@link GroupCommit}); a read returns only once every write it may have been shown is durable
 * too, as a majority read on a replica set shows only what no failover can roll back.
 * <p>
 * mongo-java-server answers every request on the Netty thread that read it: {@code MongoDatabaseHandler} calls
 * {@link #handleMessage} (OP_MSG) or {@link #handleCommand} (OP_QUERY on {@code $cmd}) and writes the reply only when
 * that call returns. {@code handleMessage} ends in {@code handleCommand} too, so waiting here for durability holds
 * back the reply of every command, whichever opcode carried it.
 */
final class DurableH2Backend extends H2Backend {

    // Commands known to change nothing in the store. Anything else (insert, update, delete, findAndModify, create,
    // createIndexes, drop, dropIndexes, dropDatabase, renameCollection, and commands this list does not know) is
    // treated as a write: an unneeded sync costs time, a missed one loses an acknowledged write.
    private static final Set<String> READ_ONLY_COMMANDS = Set.of(
            "find", "getmore", "count", "distinct", "aggregate", "listcollections", "listindexes", "listdatabases",
            "dbstats", "collstats", "validate", "killcursors", "endsessions", "ismaster", "hello", "buildinfo",
            "whatsmyuri", "ping", "serverstatus", "hostinfo", "getcmdlineopts", "getfreemonitoringstatus", "getlog",
            "connectionstatus", "getlasterror", "reseterror", "replsetgetstatus");

    private static final Set<String> DATA_READS = Set.of("find", "getmore", "count", "distinct", "aggregate");

    private final GroupCommit groupCommit;

    private DurableH2Backend(MVStore store) {
        super(store);
        this.groupCommit = new GroupCommit(() -> {
            store.commit();
            // MVStore's background writer stores asynchronously (tryCommit "may return BEFORE this thread changes are
            // actually persisted"). If it picked up a write of this round, commit() found nothing left to store and
            // returned while those bytes may still be on their way to the file; executeFilestoreOperation runs the
            // sync only once no store is queued or running.
            store.executeFilestoreOperation(store::sync);
        });
    }

    static DurableH2Backend open(Path file) {
        // Opened as H2Backend opens a file, background writer included: with a commit per write group the file
        // fragments fast, and that writer is what compacts it.
        // Adopted on its own, without H2's background writer, which would otherwise store a half-rewritten index
        // when the rewrite outgrows its memory: the rewrite is one commit, the old file or the new one.
        MVStore adopting = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open();
        try {
            IndexKeyOrder.adopt(adopting);
        } finally {
            adopting.close();
        }
        return new DurableH2Backend(MVStore.open(file.toString()));
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new ValueOrderedIndexes(databaseName);
    }

    /**
     * H2's database with its unique-index maps opened in {@link IndexKeyOrder} first: H2Database then opens them by
     * name and gets those open maps. An inner class because H2Database opens the existing indexes from its
     * constructor, before a field of a subclass could hold the store; the enclosing backend already does.
     */
    private final class ValueOrderedIndexes extends H2Database {

        ValueOrderedIndexes(String databaseName) {
            super(databaseName, getMvStore(), getCursorRegistry());
        }

        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                        boolean sparse) {
            IndexKeyOrder.openIndex(getMvStore(), getFullCollectionNamespace(collectionName), indexName);
            return super.openOrCreateUniqueIndex(collectionName, indexName, keys, sparse);
        }
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        if (!mayWrite(command, query)) {
            Document response = super.handleCommand(channel, databaseName, command, query);
            if (readsData(command)) {
                groupCommit.awaitReadDurable();
            }
            return response;
        }
        long ticket = groupCommit.begin();
        long landedAs;
        Document response;
        try {
            response = super.handleCommand(channel, databaseName, command, query);
        } finally {
            // Also when it failed: part of it may be in the store, and readers must not be shown that before it is
            // durable either.
            landedAs = groupCommit.landed(ticket);
        }
        groupCommit.awaitDurable(landedAs);
        return response;
    }

    /** Commands that answer with stored documents, as opposed to status and metadata. */
    static boolean readsData(String command) {
        return DATA_READS.contains(command.toLowerCase(Locale.ROOT));
    }

    /** mongo-java-server matches command names ignoring case, so this does too. */
    static boolean mayWrite(String command, Document query) {
        String name = command.toLowerCase(Locale.ROOT);
        if (name.equals("aggregate")) {
            return writesOutput(query.get("pipeline"));
        }
        return !READ_ONLY_COMMANDS.contains(name);
    }

    private static boolean writesOutput(Object pipeline) {
        if (!(pipeline instanceof List<?> stages)) {
            return false;
        }
        return stages.stream().anyMatch(stage -> stage instanceof Map<?, ?> map
                && (map.containsKey("$out") || map.containsKey("$merge")));
    }
}
