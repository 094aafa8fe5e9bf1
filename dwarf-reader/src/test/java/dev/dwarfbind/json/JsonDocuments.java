package dev.dwarfbind.json;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.UncheckedIOException;

/** Hand-written documents for the reader tests, and a way to break them in one place. */
final class JsonDocuments {
    /**
     * A small valid document: a pointer (type 0) to a struct defined later (type 2), an enum, a
     * function type, a typedef, one function, variable and untyped symbol.
     */
    static final String SMALL = """
            {
              "schema": "dwarfbind-types/1",
              "target": {"os": "linux", "arch": "x86_64", "pointerSize": 8, "littleEndian": true},
              "types": [
                {"id": 0, "kind": "pointer", "pointee": 2, "size": 8},
                {"id": 1, "kind": "scalar", "name": "int", "scalarKind": "signed", "size": 4, "align": 4, "signed": true},
                {"id": 2, "kind": "struct", "tag": "s", "size": 16, "align": 8, "complete": true, "packed": false,
                 "fields": [{"name": "n", "type": 1, "bitOffset": 0}, {"name": "next", "type": 0, "bitOffset": 64},
                            {"name": "bits", "type": 1, "bitOffset": 96, "bitSize": 3}]},
                {"id": 3, "kind": "enum", "tag": "e", "underlying": 1, "size": 4, "align": 4, "signed": true,
                 "complete": true, "values": [{"name": "A", "value": -1}, {"name": "B", "value": 4294967295}]},
                {"id": 4, "kind": "function", "returnType": 1, "parameters": [{"name": "p", "type": 0}, {"type": 1}],
                 "variadic": false, "prototyped": true, "convention": "default"},
                {"id": 5, "kind": "typedef", "name": "s_t", "target": 2},
                {"id": 6, "kind": "void"},
                {"id": 7, "kind": "qualified", "qualifiers": ["const", "volatile"], "type": 1},
                {"id": 8, "kind": "array", "element": 7, "count": 3},
                {"id": 9, "kind": "array", "element": 1}
              ],
              "functions": [{"name": "f", "type": 4, "noreturn": false, "address": 4096, "weak": false}],
              "variables": [{"name": "v", "type": 5, "address": 8192}],
              "untyped": [{"name": "u", "kind": "function", "address": 1, "size": 2}]
            }
            """;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonDocuments() {
    }

    /** The small document as a tree, to be changed by a test. */
    static ObjectNode small() {
        try {
            return (ObjectNode) MAPPER.readTree(SMALL);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code doc} with the member or element at JSON pointer {@code at} replaced by {@code value}. */
    static String with(JsonNode doc, String at, JsonNode value) {
        JsonNode copy = doc.deepCopy();
        JsonPointer pointer = JsonPointer.compile(at);
        JsonNode parent = copy.at(pointer.head());
        String last = pointer.last().getMatchingProperty();
        if (parent instanceof ObjectNode o) {
            o.set(last, value);
        } else if (parent instanceof ArrayNode a) {
            a.set(Integer.parseInt(last), value);
        } else {
            throw new IllegalArgumentException("no container at " + pointer.head());
        }
        return copy.toString();
    }

    /** {@code doc} without the member at JSON pointer {@code at}. */
    static String without(JsonNode doc, String at) {
        JsonNode copy = doc.deepCopy();
        JsonPointer pointer = JsonPointer.compile(at);
        ((ObjectNode) copy.at(pointer.head())).remove(pointer.last().getMatchingProperty());
        return copy.toString();
    }

    /** A JSON value written as text. */
    static JsonNode value(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
