package org.socialmaturity.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bson.BsonBinaryWriter;
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
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
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
     * Writes every value under its id, replacing what was there, in one unordered bulk write. The documents go to the
     * driver as BSON made straight from the JSON (no map of fields in between): what a rebuild spends most on.
     */
    public void saveAll(Map<String, T> values) {
        if (values.isEmpty()) {
            return;
        }
        List<WriteModel<RawBsonDocument>> writes = new ArrayList<>(values.size());
        values.forEach((id, value) -> writes.add(new ReplaceOneModel<>(Filters.eq("_id", id), bson(id, value),
                new ReplaceOptions().upsert(true))));
        collection.withDocumentClass(RawBsonDocument.class).bulkWrite(writes, new BulkWriteOptions().ordered(false));
    }

    /**
     * The value as a BSON document with {@code _id} first, written from Jackson's tokens: the same fields and types
     * as {@link #save} stores through JSON text (integers as int32 when they fit, else int64; other numbers as
     * doubles), without printing and parsing the text.
     */
    private RawBsonDocument bson(String id, T value) {
        BasicOutputBuffer out = new BasicOutputBuffer();
        try (TokenBuffer tokens = new TokenBuffer(json, false)) {
            json.writeValue(tokens, value);
            try (JsonParser parser = tokens.asParser(); BsonBinaryWriter writer = new BsonBinaryWriter(out)) {
                if (parser.nextToken() != JsonToken.START_OBJECT) {
                    throw new IllegalStateException(type.getSimpleName() + " is not written as an object");
                }
                writer.writeStartDocument();
                writer.writeString("_id", id);
                copyFields(parser, writer);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Unwritable " + type.getSimpleName() + " " + id, e);
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

    /**
     * Writes the value under {@code id} only while the stored document's {@code field} still equals {@code expected}
     * (compare-and-set, so that a concurrent writer's newer document is not overwritten), or, with a null
     * {@code expected}, only if there is no document yet.
     *
     * @return whether it was written
     */
    public boolean replaceIf(String id, T value, String field, Object expected) {
        Document document = Document.parse(toJson(value)).append("_id", id);
        if (expected == null) {
            try {
                collection.insertOne(document);
                return true;
            } catch (com.mongodb.MongoWriteException e) {
                if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                    return false;
                }
                throw e;
            }
        }
        return collection.replaceOne(Filters.and(Filters.eq("_id", id), Filters.eq(field, expected)), document)
                .getMatchedCount() == 1;
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
