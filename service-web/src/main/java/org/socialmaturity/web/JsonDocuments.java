package org.socialmaturity.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import org.bson.BsonBinaryWriter;
import org.bson.BsonDocument;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.io.BasicOutputBuffer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;

/**
 * A read model's documents as Java values (records or plain classes), written and read with the service's Jackson
 * configuration and always addressed by id: {@code _id} equality or {@code $in}, the only queries mongo-java-server
 * answers from an index.
 */
public final class JsonDocuments<T> {

    private final MongoCollection<Document> collection;
    private final ObjectMapper json;
    private final Class<T> type;

    public JsonDocuments(MongoCollection<Document> collection, ObjectMapper json, Class<T> type) {
        this.collection = collection;
        this.json = json.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        this.type = type;
    }

    public Optional<T> find(String id) {
        return Optional.ofNullable(collection.find(Filters.eq("_id", id)).first()).map(this::read);
    }

    /** The documents with these ids, in no particular order; missing ids are left out. */
    public List<T> findAll(List<String> ids) {
        List<T> found = new ArrayList<>(ids.size());
        collection.find(Filters.in("_id", ids)).forEach(d -> found.add(read(d)));
        return found;
    }

    /** Writes the value under {@code id}, replacing what was there. */
    public void save(String id, T value) {
        collection.replaceOne(Filters.eq("_id", id), Document.parse(toJson(value)).append("_id", id),
                new ReplaceOptions().upsert(true));
    }

    /**
     * Writes every value under its id, replacing the stored document only while that one still holds the expected
     * number in {@code version}, or while there is none for an expected {@code -1}: a compare-and-set per document, in
     * one unordered bulk write. The documents go to the driver as BSON made straight from the JSON (no map of fields
     * in between): what a rebuild spends most on.
     *
     * <p>The field must be unique in the collection ({@link #uniqueIndex}), as a read model's {@code lastIndex} is
     * (each event changes one document), so that the filter is that field alone: an index lookup on MongoDB and on
     * mongo-java-server, which scans the whole collection for a filter of more than one field.
     *
     * @return the ids not written because the stored document changed meanwhile
     */
    public Set<String> saveAllIf(Map<String, T> values, String version, Map<String, Long> expected) {
        Map<String, RawBsonDocument> documents = new LinkedHashMap<>();
        values.forEach((id, value) -> documents.put(id, bson(id, value)));
        return replaceAllIf(collection.withDocumentClass(RawBsonDocument.class), documents, version, expected);
    }

    /**
     * The compare-and-set of {@link #saveAllIf} for documents already in the collection's class. A replacement whose
     * filter matches nothing is an upsert, and the upsert of an id that exists is refused as a duplicate key: that
     * refusal, per document in the bulk write's errors, is the conflict.
     */
    public static <D> Set<String> replaceAllIf(MongoCollection<D> collection, Map<String, D> documents, String version,
                                               Map<String, Long> expected) {
        if (documents.isEmpty()) {
            return Set.of();
        }
        List<String> ids = new ArrayList<>(documents.keySet());
        List<WriteModel<D>> writes = new ArrayList<>(ids.size());
        for (String id : ids) {
            writes.add(new ReplaceOneModel<>(Filters.eq(version, expected.getOrDefault(id, -1L)), documents.get(id),
                    new ReplaceOptions().upsert(true)));
        }
        try {
            collection.bulkWrite(writes, new BulkWriteOptions().ordered(false));
            return Set.of();
        } catch (MongoBulkWriteException e) {
            if (e.getWriteConcernError() != null) {
                throw e;
            }
            Set<String> changed = new LinkedHashSet<>();
            for (BulkWriteError error : e.getWriteErrors()) {
                if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                changed.add(ids.get(error.getIndex()));
            }
            return changed;
        }
    }

    /** Makes a field unique in the collection (idempotent), for {@link #saveAllIf}. */
    public JsonDocuments<T> uniqueIndex(String field) {
        uniqueIndex(collection, field);
        return this;
    }

    public static void uniqueIndex(MongoCollection<?> collection, String field) {
        collection.createIndex(Indexes.ascending(field), new IndexOptions().unique(true));
    }

    /**
     * Sets fields of documents, creating the documents that do not exist, in one unordered bulk write: for each id,
     * each field (a dotted path reaches into an embedded document) is set to its value, written as {@link #saveAllIf}
     * writes documents. Other fields are left as they are, so that parts of one document are written without reading
     * it first, and setting a field twice to the same value changes nothing.
     */
    public void setAll(Map<String, ? extends Map<String, ?>> fieldsById) {
        if (fieldsById.isEmpty()) {
            return;
        }
        List<WriteModel<RawBsonDocument>> writes = new ArrayList<>(fieldsById.size());
        fieldsById.forEach((id, fields) -> {
            BsonDocument set = new BsonDocument();
            fields.forEach((field, value) -> set.append(field, bson(null, value)));
            writes.add(new UpdateOneModel<>(Filters.eq("_id", id), new BsonDocument("$set", set),
                    new UpdateOptions().upsert(true)));
        });
        collection.withDocumentClass(RawBsonDocument.class).bulkWrite(writes, new BulkWriteOptions().ordered(false));
    }

    /** Removes these fields (dotted paths) from the document with this id. */
    public void unset(String id, List<String> fields) {
        if (fields.isEmpty()) {
            return;
        }
        collection.updateOne(Filters.eq("_id", id), Updates.combine(fields.stream().map(Updates::unset).toList()));
    }

    /**
     * The value as a BSON document, with {@code id} as its {@code _id} first unless null, written from Jackson's
     * tokens: the same fields and types as {@link #save} stores through JSON text (integers as int32 when they fit,
     * else int64; other numbers as doubles), without printing and parsing the text.
     */
    private RawBsonDocument bson(String id, Object value) {
        BasicOutputBuffer out = new BasicOutputBuffer();
        try (TokenBuffer tokens = new TokenBuffer(json, false)) {
            json.writeValue(tokens, value);
            try (JsonParser parser = tokens.asParser(); BsonBinaryWriter writer = new BsonBinaryWriter(out)) {
                if (parser.nextToken() != JsonToken.START_OBJECT) {
                    throw new IllegalStateException(value.getClass().getSimpleName() + " is not written as an object");
                }
                writer.writeStartDocument();
                if (id != null) {
                    writer.writeString("_id", id);
                }
                copyFields(parser, writer);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Unwritable " + value.getClass().getSimpleName() + " " + id, e);
        }
        return new RawBsonDocument(out.toByteArray());
    }

    private static void copyFields(JsonParser parser, BsonBinaryWriter writer) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            writer.writeName(parser.currentName());
            parser.nextToken();
            copyValue(parser, writer);
        }
        writer.writeEndDocument();
    }

    /**
     * A decimal as its JSON text would be stored: {@code BigDecimal} 7 is written {@code 7} and read back an int32, 7.50
     * is written {@code 7.50} and read back a double; a float is written as its shortest text.
     */
    private static void copyDecimal(JsonParser parser, BsonBinaryWriter writer) throws IOException {
        String text = parser.getNumberType() == JsonParser.NumberType.BIG_DECIMAL
                ? parser.getDecimalValue().toString() : parser.getText();
        if (text.indexOf('.') >= 0 || text.indexOf('e') >= 0 || text.indexOf('E') >= 0) {
            writer.writeDouble(Double.parseDouble(text));
            return;
        }
        long number = Long.parseLong(text);
        if (number == (int) number) {
            writer.writeInt32((int) number);
        } else {
            writer.writeInt64(number);
        }
    }

    private static void copyValue(JsonParser parser, BsonBinaryWriter writer) throws IOException {
        switch (parser.currentToken()) {
            case START_OBJECT -> {
                writer.writeStartDocument();
                copyFields(parser, writer);
            }
            case START_ARRAY -> {
                writer.writeStartArray();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    copyValue(parser, writer);
                }
                writer.writeEndArray();
            }
            case VALUE_STRING -> writer.writeString(parser.getText());
            case VALUE_NUMBER_INT -> {
                if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    writer.writeDouble(parser.getDoubleValue());
                } else {
                    long number = parser.getLongValue();
                    if (number == (int) number) {
                        writer.writeInt32((int) number);
                    } else {
                        writer.writeInt64(number);
                    }
                }
            }
            case VALUE_NUMBER_FLOAT -> copyDecimal(parser, writer);
            case VALUE_TRUE -> writer.writeBoolean(true);
            case VALUE_FALSE -> writer.writeBoolean(false);
            case VALUE_NULL -> writer.writeNull();
            default -> throw new IllegalStateException("Unexpected JSON token " + parser.currentToken());
        }
    }

    /** Removes the documents with these ids. */
    public void deleteAll(List<String> ids) {
        collection.deleteMany(Filters.in("_id", ids));
    }

    public void deleteAll() {
        collection.deleteMany(new Document());
    }

    /** Drops the whole collection. */
    public void drop() {
        collection.drop();
    }

    /** Every document, read one at a time from a cursor: for a pass over the whole read model. */
    public void forEach(Consumer<T> visit) {
        collection.find().forEach(document -> visit.accept(read(document)));
    }

    /** The stored documents as they are, for comparing read models field by field. */
    public List<Document> raw() {
        return collection.find().into(new ArrayList<>());
    }

    /** A value as this store writes it. */
    public String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unwritable " + value.getClass().getSimpleName(), e);
        }
    }

    private T read(Document document) {
        try {
            return json.readValue(document.toJson(), type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable " + type.getSimpleName() + " " + document.get("_id"), e);
        }
    }
}
