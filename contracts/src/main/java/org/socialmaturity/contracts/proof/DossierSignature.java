package org.socialmaturity.contracts.proof;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a dossier's signature covers: its canonical JSON without the signature: the dossier as written, read back as a
 * JSON tree, object members sorted by name, members whose value is null left out, no white space. The signer and the
 * verifier both start from the written text, so they see the same numbers however each runtime formats them.
 */
public final class DossierSignature {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SIGNATURE = "signature";

    private DossierSignature() {
    }

    /** Signs a dossier: its canonical content, signed by {@code key}. */
    public static Dossier sign(Dossier unsigned, SigningKey key) {
        try {
            JsonNode written = JSON.readTree(JSON.writeValueAsBytes(unsigned.withSignature(null)));
            return unsigned.withSignature(key.sign(canonical(written)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The dossier as JSON, written as it was signed. */
    public static byte[] write(Dossier dossier) {
        try {
            return JSON.writeValueAsBytes(dossier);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bytes the signature of a dossier read as a JSON tree covers. */
    public static byte[] canonical(JsonNode dossier) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator generator = JSON.getFactory().createGenerator(out)) {
            write(generator, dossier, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void write(JsonGenerator out, JsonNode node, boolean top) throws IOException {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!field.getValue().isNull() && !(top && SIGNATURE.equals(field.getKey()))) {
                    names.add(field.getKey());
                }
            }
            names.sort(null);
            out.writeStartObject();
            for (String name : names) {
                out.writeFieldName(name);
                write(out, node.get(name), false);
            }
            out.writeEndObject();
        } else if (node.isArray()) {
            out.writeStartArray();
            for (JsonNode element : node) {
                write(out, element, false);
            }
            out.writeEndArray();
        } else {
            out.writeTree(node);
        }
    }
}
