package dev.dwarfbind.json;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * A node of the parsed document together with the path that leads to it, so that every
 * validation failure can say where it happened ({@code types[12].fields[3].type}). All accessors
 * check the JSON type before converting, which is what keeps a malformed document from surfacing
 * as a {@link NullPointerException} or {@link ClassCastException}.
 *
 * @param node the node, or {@code null} when the member is absent
 * @param path where the node is; {@code $} is the document itself
 */
record JsonCursor(JsonNode node, String path) {
    /** The document root. */
    static JsonCursor root(JsonNode node) {
        return new JsonCursor(node, "$");
    }

    /** The member {@code key} of this object; absent (not an error) if there is no such member. */
    JsonCursor get(String key) throws TypeSystemJsonException {
        requireObject();
        return new JsonCursor(node.get(key), path.equals("$") ? key : path + "." + key);
    }

    /** Whether the member is missing or JSON {@code null}; optional members may be either. */
    boolean isAbsent() {
        return node == null || node.isNull();
    }

    /** An error located here. */
    TypeSystemJsonException error(String problem) {
        return new TypeSystemJsonException(path, problem);
    }

    /** Fails unless this is an object. */
    JsonCursor requireObject() throws TypeSystemJsonException {
        if (node == null) throw error("missing");
        if (!node.isObject()) throw error("expected an object, found " + describe());
        return this;
    }

    /** The elements of this array. */
    List<JsonCursor> elements() throws TypeSystemJsonException {
        if (node == null) throw error("missing");
        if (!node.isArray()) throw error("expected an array, found " + describe());
        var out = new ArrayList<JsonCursor>(node.size());
        for (int i = 0; i < node.size(); i++) out.add(new JsonCursor(node.get(i), path + "[" + i + "]"));
        return out;
    }

    /** A required string. */
    String string() throws TypeSystemJsonException {
        if (node == null) throw error("missing");
        if (!node.isTextual()) throw error("expected a string, found " + describe());
        return node.textValue();
    }

    /** An optional string: {@code null} when absent. */
    String optionalString() throws TypeSystemJsonException {
        return isAbsent() ? null : string();
    }

    /** A required boolean. */
    boolean bool() throws TypeSystemJsonException {
        if (node == null) throw error("missing");
        if (!node.isBoolean()) throw error("expected true or false, found " + describe());
        return node.booleanValue();
    }

    /** A required number (integers too), as a double. */
    double doubleValue() throws TypeSystemJsonException {
        if (node == null) throw error("missing");
        if (!node.isNumber()) throw error("expected a number, found " + describe());
        return node.doubleValue();
    }

    /** A required integer of any size. */
    BigInteger bigInteger() throws TypeSystemJsonException {
        if (node == null) throw error("missing");
        if (!node.isIntegralNumber()) throw error("expected an integer, found " + describe());
        return node.bigIntegerValue();
    }

    /** A required integer that fits a Java {@code long}. */
    long longValue() throws TypeSystemJsonException {
        BigInteger v = bigInteger();
        if (v.bitLength() > 63) throw error("integer " + v + " out of range");
        return v.longValue();
    }

    /** A required integer that fits a Java {@code int}. */
    int intValue() throws TypeSystemJsonException {
        BigInteger v = bigInteger();
        if (v.bitLength() > 31) throw error("integer " + v + " out of range");
        return v.intValue();
    }

    /** A required id of a type in a document that has {@code typeCount} types. */
    int typeId(int typeCount) throws TypeSystemJsonException {
        BigInteger v = bigInteger();
        if (v.signum() < 0 || v.compareTo(BigInteger.valueOf(typeCount)) >= 0) {
            throw error("id " + v + " out of range (the document has " + typeCount + " types)");
        }
        return v.intValue();
    }

    private String describe() {
        if (node.isNull()) return "null";
        if (node.isTextual()) return "a string";
        if (node.isIntegralNumber()) return "the integer " + node.asText();
        if (node.isNumber()) return "the number " + node.asText();
        if (node.isBoolean()) return node.asText();
        if (node.isArray()) return "an array";
        if (node.isObject()) return "an object";
        return node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    }
}
