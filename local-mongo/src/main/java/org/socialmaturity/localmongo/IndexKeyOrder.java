package org.socialmaturity.localmongo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ObjectDataType;

import de.bwaldvogel.mongo.backend.KeyValue;

/**
 * The order of a unique index's keys in the file, without serializing them to compare.
 * <p>
 * mongo-java-server keeps each unique index of the H2 backend in an MVStore map keyed by {@link KeyValue}, which H2
 * does not know: its default key type compares two unknown objects by Java-serializing both. Every step of every
 * index look-up did that, under the collection's lock; JFR put 43% of the server's CPU there and showed readers of
 * the event collection queued 100-200 ms behind each other. Here keys compare value by value: values of one
 * comparable class (String, Long, Double, Boolean, Date, ...) by their own order, values of different classes by
 * class name, anything else as H2 would (equal values first, so the order stays consistent with
 * {@link KeyValue#equals}, which the unique index relies on). How keys are written to the file is unchanged.
 * <p>
 * The order decides where keys sit in the map's pages, so a file written in H2's order must be rewritten once in
 * this one ({@link #adopt}); a marker in the file says it was.
 */
final class IndexKeyOrder extends ObjectDataType {

    private static final String MARKER_MAP = "local-mongo.format";
    private static final String MARKER_KEY = "indexKeyOrder";
    private static final String MARKER_VALUE = "by-value-1";
    // mongo-java-server names every unique-index map "<database>.<collection>._index_<index name>".
    private static final String INDEX_MAP_INFIX = "._index_";

    IndexKeyOrder() {
    }

    /** Opens (or creates) a collection's index map in this order, before mongo-java-server opens it by name. */
    static void openIndex(MVStore store, String collectionNamespace, String indexName) {
        openIndexMap(store, collectionNamespace + INDEX_MAP_INFIX + indexName);
    }

    private static MVMap<KeyValue, Object> openIndexMap(MVStore store, String name) {
        return store.openMap(name, new MVMap.Builder<KeyValue, Object>().keyType(new IndexKeyOrder()));
    }

    /**
     * Makes the store's index maps ordered by value: rewrites each one written in H2's order (entries copied, old map
     * removed) and marks the file, all in one commit, so a crash leaves either the old file or the new one.
     * Idempotent; a new store is only marked. Must run before anything opens an index map of this store.
     */
    static void adopt(MVStore store) {
        MVMap<String, String> format = store.openMap(MARKER_MAP);
        if (MARKER_VALUE.equals(format.get(MARKER_KEY))) {
            return;
        }
        for (String name : List.copyOf(store.getMapNames())) {
            if (name.contains(INDEX_MAP_INFIX)) {
                rewrite(store, name);
            }
        }
        format.put(MARKER_KEY, MARKER_VALUE);
        store.commit();
        store.sync();
    }

    private static void rewrite(MVStore store, String name) {
        MVMap<Object, Object> inSerializedOrder = store.openMap(name);
        List<Map.Entry<Object, Object>> entries = new ArrayList<>(inSerializedOrder.entrySet());
        store.removeMap(inSerializedOrder);
        MVMap<KeyValue, Object> byValue = openIndexMap(store, name);
        for (Map.Entry<Object, Object> entry : entries) {
            byValue.put((KeyValue) entry.getKey(), entry.getValue());
        }
    }

    @Override
    public int compare(Object a, Object b) {
        if (a instanceof KeyValue left && b instanceof KeyValue right) {
            if (left.size() != right.size()) {
                return Integer.compare(left.size(), right.size());
            }
            for (int i = 0; i < left.size(); i++) {
                int value = compareValues(left.get(i), right.get(i));
                if (value != 0) {
                    return value;
                }
            }
            return 0;
        }
        return super.compare(a, b);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private int compareValues(Object a, Object b) {
        if (a == b) {
            return 0;
        }
        if (a == null || b == null) {
            return a == null ? -1 : 1;
        }
        if (a.getClass() != b.getClass()) {
            return a.getClass().getName().compareTo(b.getClass().getName());
        }
        if (a instanceof Comparable comparable) {
            return comparable.compareTo(b);
        }
        return a.equals(b) ? 0 : super.compare(a, b);
    }
}
