package org.socialmaturity.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.socialmaturity.localmongo.StoredEvents;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;

/**
 * Lists every query a process sends to MongoDB next to the index that serves it, from what goes over the wire: the
 * indexes are those the process asked for ({@code createIndexes}, besides {@code _id}), the queries the filters and
 * sorts of its finds, counts, aggregations, updates, deletes and find-and-modifies. mongo-java-server ignores indexes
 * that are not unique, so asking it is no use; a real MongoDB would use each index as this check assumes: one serves
 * a filter when its first key is a field the filter bounds (equality, {@code $in}, a range), or a sort without filter
 * when its keys begin with the sort's.
 *
 * <p>A service's tests register a {@link Recorder} (a subclass in their sources that names {@code CommandListener}
 * among its interfaces: Quarkus adds every such class to its client as a bean),
 * which writes each new index and query shape to {@code target/mongo-queries.log}; a plain test, which JUnit runs after
 * the Quarkus tests, reads it ({@link #read}) and asserts that {@link #unserved} is empty. A file, because each
 * Quarkus application of a test run has its own class loader, and so its own statics.
 */
public final class QueryIndexCheck {

    /** Where the listener writes and the check reads, relative to the module (the tests' working directory). */
    public static final Path LOG = Path.of("target", "mongo-queries.log");
    private static final String STARTED = "platform.query-index-check.started";

    private static final Set<String> QUERIES = Set.of("find", "aggregate", "count", "distinct", "update", "delete",
            "findAndModify");
    /** Conditions an index cannot narrow down (they match most of any index's keys). */
    private static final Set<String> UNSELECTIVE = Set.of("$nin", "$ne", "$not", "$exists", "$regex", "$where",
            "$expr");

    private final Map<String, Set<List<String>>> indexes = new ConcurrentHashMap<>();
    private final Map<String, Query> seen = new ConcurrentHashMap<>();

    private QueryIndexCheck() {
    }

    /** Records what a MongoClient sends; a subclass in a service's test sources makes it a bean. */
    public static class Recorder implements CommandListener {

        private final QueryIndexCheck recorded = new QueryIndexCheck();

        @Override
        public void commandStarted(CommandStartedEvent event) {
            if (sentByTestCode()) {
                return;
            }
            List<String> lines = recorded.record(event.getDatabaseName(), event.getCommandName(), event.getCommand());
            if (!lines.isEmpty()) {
                append(lines);
            }
        }

        /**
         * Whether the code that sent the command (the first caller outside the driver) is a test, a test helper or
         * the raw reader of the store ({@link StoredEvents}), not the service: the tests share the service's client.
         */
        private static boolean sentByTestCode() {
            return StackWalker.getInstance().walk(frames -> frames.map(StackWalker.StackFrame::getClassName)
                    .filter(name -> !name.startsWith("com.mongodb.") && !name.startsWith("org.bson.")
                            && !name.startsWith("java.") && !name.startsWith("jdk.")
                            && !name.startsWith(QueryIndexCheck.class.getName()))
                    .findFirst()
                    .map(caller -> caller.startsWith(QueryIndexCheck.class.getPackageName() + ".")
                            || caller.startsWith(StoredEvents.class.getPackageName() + ".")
                            || caller.replaceAll("\\$.*", "").endsWith("Test"))
                    .orElse(false));
        }

        private static synchronized void append(List<String> lines) {
            try {
                Files.createDirectories(LOG.getParent());
                // The first write of a JVM (a test run) starts the file afresh; later applications add to it.
                boolean fresh = System.getProperty(STARTED) == null;
                System.setProperty(STARTED, "true");
                Files.write(LOG, lines, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        fresh ? StandardOpenOption.TRUNCATE_EXISTING : StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** What the listeners of a test run wrote. */
    public static QueryIndexCheck read() throws IOException {
        QueryIndexCheck check = new QueryIndexCheck();
        if (!Files.exists(LOG)) {
            return check;
        }
        for (String line : Files.readAllLines(LOG)) {
            String[] parts = line.split("\t", -1);
            if (parts[0].equals("INDEX")) {
                check.indexes.computeIfAbsent(parts[1], c -> ConcurrentHashMap.newKeySet()).add(fields(parts[2]));
            } else {
                Map<String, String> filter = new TreeMap<>();
                for (String condition : parts[2].isEmpty() ? new String[0] : parts[2].split(";")) {
                    int equals = condition.indexOf('=');
                    filter.put(condition.substring(0, equals), condition.substring(equals + 1));
                }
                Query query = new Query(parts[1], filter, fields(parts[3]));
                check.seen.putIfAbsent(query.toString(), query);
            }
        }
        return check;
    }

    private static List<String> fields(String joined) {
        return joined.isEmpty() ? List.of() : List.of(joined.split(","));
    }

    /** One shape of query on one collection: the fields it filters by (with how) and sorts by. */
    public record Query(String collection, Map<String, String> filter, List<String> sort) {
        @Override
        public String toString() {
            return collection + " " + filter + (sort.isEmpty() ? "" : " sort " + sort);
        }
    }

    /** @return the lines to log for what this command shows that was not seen before */
    List<String> record(String database, String command, BsonDocument body) {
        List<String> lines = new ArrayList<>();
        if (command.equals("createIndexes")) {
            String collection = name(database, body.getString("createIndexes").getValue());
            for (BsonValue index : body.getArray("indexes", new BsonArray())) {
                List<String> keys = List.copyOf(index.asDocument().getDocument("key").keySet());
                if (indexes.computeIfAbsent(collection, c -> ConcurrentHashMap.newKeySet()).add(keys)) {
                    lines.add("INDEX\t" + collection + "\t" + String.join(",", keys));
                }
            }
            return lines;
        }
        if (!QUERIES.contains(command) || !body.isString(command)) {
            return lines;
        }
        String collection = name(database, body.getString(command).getValue());
        for (Shape shape : shapes(command, body)) {
            Query query = new Query(collection, conditions(shape.filter()), List.copyOf(shape.sort().keySet()));
            if (seen.putIfAbsent(query.toString(), query) == null) {
                lines.add("QUERY\t" + collection + "\t" + String.join(";", query.filter().entrySet().stream()
                        .map(condition -> condition.getKey() + "=" + condition.getValue()).toList())
                        + "\t" + String.join(",", query.sort()));
            }
        }
        return lines;
    }

    private record Shape(BsonDocument filter, BsonDocument sort) {
    }

    private static List<Shape> shapes(String command, BsonDocument body) {
        BsonDocument none = new BsonDocument();
        return switch (command) {
            case "find" -> List.of(new Shape(body.getDocument("filter", none), body.getDocument("sort", none)));
            // A count of a whole collection reads its metadata, not its documents.
            case "count" -> body.getDocument("query", none).isEmpty() ? List.of()
                    : List.of(new Shape(body.getDocument("query"), none));
            case "distinct" -> List.of(new Shape(body.getDocument("query", none), none));
            case "findAndModify" -> List.of(new Shape(body.getDocument("query", none), body.getDocument("sort", none)));
            case "update" -> statements(body.getArray("updates", new BsonArray()));
            case "delete" -> statements(body.getArray("deletes", new BsonArray()));
            case "aggregate" -> {
                BsonDocument match = none;
                BsonDocument sort = none;
                for (BsonValue stage : body.getArray("pipeline", new BsonArray())) {
                    if (stage.asDocument().containsKey("$match") && match.isEmpty() && sort.isEmpty()) {
                        match = stage.asDocument().getDocument("$match");
                    } else if (stage.asDocument().containsKey("$sort") && sort.isEmpty()) {
                        sort = stage.asDocument().getDocument("$sort");
                    } else {
                        break;
                    }
                }
                yield List.of(new Shape(match, sort));
            }
            default -> List.of();
        };
    }

    private static List<Shape> statements(BsonArray statements) {
        List<Shape> shapes = new ArrayList<>();
        for (BsonValue statement : statements) {
            shapes.add(new Shape(statement.asDocument().getDocument("q", new BsonDocument()), new BsonDocument()));
        }
        return shapes;
    }

    /** Each top-level field (those under {@code $and} included) with how it is matched: eq, or its operators. */
    private static Map<String, String> conditions(BsonDocument filter) {
        Map<String, String> conditions = new TreeMap<>();
        for (Map.Entry<String, BsonValue> field : filter.entrySet()) {
            if (field.getKey().equals("$and")) {
                for (BsonValue part : field.getValue().asArray()) {
                    conditions(part.asDocument()).forEach((name, how) -> conditions.merge(name, how, QueryIndexCheck::both));
                }
            } else if (field.getKey().startsWith("$")) {
                conditions.put(field.getKey(), "(a whole-document condition)");
            } else {
                BsonValue value = field.getValue();
                String how = value.isDocument() && !value.asDocument().isEmpty()
                        && value.asDocument().getFirstKey().startsWith("$")
                        ? String.join(" ", value.asDocument().keySet()) : "eq";
                conditions.merge(field.getKey(), how, QueryIndexCheck::both);
            }
        }
        return conditions;
    }

    private static String both(String one, String other) {
        return one + " " + other;
    }

    /**
     * The index serving a query, if any ({@code [_id]} for a query by id): its first key is a field the filter bounds,
     * and a sort, if any, follows its keys after those the filter fixes (equality or {@code $in}); without a filter,
     * its keys begin with the sort's.
     */
    public Optional<List<String>> servedBy(Query query) {
        Set<List<String>> candidates = new LinkedHashSet<>();
        candidates.add(List.of("_id"));
        candidates.addAll(indexes.getOrDefault(query.collection(), Set.of()));
        for (List<String> index : candidates) {
            boolean served;
            if (query.filter().isEmpty()) {
                served = !query.sort().isEmpty() && startsWith(index, query.sort());
            } else {
                String first = index.get(0);
                served = query.filter().containsKey(first) && selective(query.filter().get(first))
                        && startsWith(index.subList(fixedPrefix(index, query.filter()), index.size()), query.sort());
            }
            if (served) {
                return Optional.of(index);
            }
        }
        return Optional.empty();
    }

    /** How many of the index's first keys the filter fixes to one value (or a few, with {@code $in}). */
    private static int fixedPrefix(List<String> index, Map<String, String> filter) {
        int fixed = 0;
        while (fixed < index.size() && ("eq".equals(filter.get(index.get(fixed)))
                || "$in".equals(filter.get(index.get(fixed))))) {
            fixed++;
        }
        return fixed;
    }

    private static boolean startsWith(List<String> keys, List<String> prefix) {
        return keys.size() >= prefix.size() && keys.subList(0, prefix.size()).equals(prefix);
    }

    private static boolean selective(String how) {
        return UNSELECTIVE.stream().noneMatch(how::contains);
    }

    /** Every query seen, with the index that serves it or NONE, one line each. */
    public List<String> listing() {
        return new TreeMap<>(seen).values().stream()
                .map(query -> query + " -> " + servedBy(query).map(Object::toString).orElse("NONE")).toList();
    }

    /**
     * Fails unless every query the service's tests made on {@code database} and the event store is served by an
     * index, those in {@code wholeCollectionReads} (the query as listed, and why it reads everything) aside; prints
     * the listing either way.
     */
    public static void assertServed(String database, Map<String, String> wholeCollectionReads) throws IOException {
        QueryIndexCheck check = read();
        if (!check.sawQueriesOn(database)) {
            throw new AssertionError("No query on " + database + " in " + LOG + ": the check runs after the service's "
                    + "Quarkus tests (JUnit orders plain tests after them), whose queries it checks");
        }
        if (System.getProperty(STARTED) == null) {
            System.out.println("No Quarkus test of this run sent a query: checking what an earlier run wrote in " + LOG);
        }
        System.out.println("MongoDB queries of the tests, and the index serving each:\n  "
                + String.join("\n  ", check.listing()));
        List<Query> unserved = check.unserved(wholeCollectionReads.keySet());
        if (!unserved.isEmpty()) {
            throw new AssertionError("Queries no index serves (create one at startup, or say why it reads the whole "
                    + "collection):\n  " + String.join("\n  ", unserved.stream().map(Query::toString).toList()));
        }
    }

    /** Whether any query on this database was seen: the tests that make them ran before the check. */
    boolean sawQueriesOn(String database) {
        return seen.values().stream().anyMatch(query -> query.collection().startsWith(database + "."));
    }

    /** The queries seen that no index serves, less those {@code allowed} to read whole collections. */
    public List<Query> unserved(Set<String> allowed) {
        return new TreeMap<>(seen).values().stream().filter(query -> servedBy(query).isEmpty())
                .filter(query -> !allowed.contains(query.toString())).toList();
    }

    /** A read model's generations are one collection for this check: {@code timelines_g3} is {@code timelines_g<n>}. */
    private static String name(String database, String collection) {
        return database + "." + collection.replaceAll("_g\\d+$", "_g<n>");
    }
}
