package dev.dwarfbind.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dwarfbind.cprint.SampleTypeSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Invalid documents are rejected with a {@link TypeSystemJsonException} that names the place,
 * and nothing else ever escapes the reader.
 */
class TypeSystemJsonErrorTest {
    private static TypeSystemJsonException failure(String json) {
        return assertThrows(TypeSystemJsonException.class, () -> TypeSystemJson.read(json));
    }

    /** Replacing the value at a JSON pointer gives this message. */
    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            /schema                     | `"dwarfbind-types/2"`   | schema: unsupported schema version 'dwarfbind-types/2': this reader understands major version 1 only
            /schema                     | `"other-format/1"`      | schema: 'other-format/1' is not a dwarfbind-types document (expected "dwarfbind-types/1")
            /schema                     | 1                       | schema: expected a string, found the integer 1
            /target/pointerSize         | 3                       | target.pointerSize: pointer size 3
            /target/littleEndian        | `"yes"`                 | target.littleEndian: expected true or false, found a string
            /types/0/pointee            | 999                     | types[0].pointee: id 999 out of range (the document has 10 types)
            /types/0/pointee            | -1                      | types[0].pointee: id -1 out of range (the document has 10 types)
            /types/2/fields/1/type      | 999                     | types[2].fields[1].type: id 999 out of range (the document has 10 types)
            /types/4/parameters/1/type  | 10                      | types[4].parameters[1].type: id 10 out of range (the document has 10 types)
            /types/3/underlying         | 12                      | types[3].underlying: id 12 out of range (the document has 10 types)
            /types/6/kind               | `"class"`               | types[6].kind: unknown kind 'class'
            /types/1/scalarKind         | `"quaternion"`          | types[1].scalarKind: unknown value 'quaternion' (expected one of bool, char, signed_char, unsigned_char, signed, unsigned, unicode_char, float, complex, decimal_float)
            /types/4/convention         | `"cdecl"`               | types[4].convention: unknown value 'cdecl'
            /types/7/qualifiers/0       | `"mutable"`             | types[7].qualifiers[0]: unknown value 'mutable'
            /types/7/qualifiers         | []                      | types[7].qualifiers: a qualified type needs at least one qualifier
            /types/1/size               | `"eight"`               | types[1].size: expected an integer, found a string
            /types/1/size               | 4.5                     | types[1].size: expected an integer, found the number 4.5
            /types/1/size               | 1099511627776           | types[1].size: integer 1099511627776 out of range
            /types/1/size               | 0                       | types[1]: scalar int has size 0
            /types/1/name               | null                    | types[1].name: expected a string, found null
            /types/2/size               | -1                      | types[2]: struct s has size -1
            /types/2/fields             | {}                      | types[2].fields: expected an array, found an object
            /types/2/fields/0           | 3                       | types[2].fields[0]: expected an object, found the integer 3
            /types/2/fields/2/bitSize   | -3                      | types[2].fields[2].bitSize: negative bit size -3
            /types/2/fields/0/bitOffset | -8                      | types[2].fields[0].bitOffset: negative bit offset -8
            /types/8/count              | -1                      | types[8].count: negative array count -1 (omit "count" for an array without one)
            /types/3/values/1/value     | 4294967296              | types[3].values[1].value: value 4294967296 does not fit an enum of 4 bytes
            /types/3/values/0/value     | -2147483649             | types[3].values[0].value: value -2147483649 does not fit an enum of 4 bytes
            /types/3/values/0/value     | `"-1"`                  | types[3].values[0].value: expected an integer, found a string
            /types/5/id                 | 6                       | types[5].id: expected id 5 (ids are array positions), found 6
            /types/5                    | `"typedef"`             | types[5]: expected an object, found a string
            /types                      | {}                      | types: expected an array, found an object
            /functions/0/type           | 1                       | functions[0].type: type 1 is not a function type (it is scalar)
            /functions/0/address        | 18446744073709551616    | functions[0].address: integer 18446744073709551616 out of range
            /variables/0/type           | 100                     | variables[0].type: id 100 out of range (the document has 10 types)
            /untyped/0/kind             | `"both"`                | untyped[0].kind: unknown value 'both' (expected one of function, variable)
            """)
    void invalidValue(String at, String value, String message) {
        String json = JsonDocuments.with(JsonDocuments.small(), at, JsonDocuments.value(value));
        TypeSystemJsonException e = failure(json);
        assertTrue(e.getMessage().startsWith(message), () -> "expected: " + message + "\n  but was: " + e.getMessage());
    }

    /** Removing a required member gives this message. */
    @ParameterizedTest(name = "without {0}")
    @CsvSource(delimiter = '|', textBlock = """
            /schema                  | schema: missing
            /target                  | target: missing
            /types                   | types: missing
            /functions               | functions: missing
            /types/1/kind            | types[1].kind: missing
            /types/1/signed          | types[1].signed: missing
            /types/2/complete        | types[2].complete: missing
            /types/2/fields/1/type   | types[2].fields[1].type: missing
            /types/3/values/0/value  | types[3].values[0].value: missing
            /types/4/variadic        | types[4].variadic: missing
            /functions/0/name        | functions[0].name: missing
            /untyped/0/address       | untyped[0].address: missing
            """)
    void missingMember(String at, String message) {
        TypeSystemJsonException e = failure(JsonDocuments.without(JsonDocuments.small(), at));
        assertEquals(message, e.getMessage());
    }

    @Test
    void enumValuesBeyondAnyCIntegerAreRejected() {
        // An enum with no size (forward-declared) still cannot hold more than 128 bits.
        ObjectNode doc = JsonDocuments.small();
        ((ObjectNode) doc.at("/types/3")).put("size", 0);
        String json = JsonDocuments.with(doc, "/types/3/values/1/value",
                JsonDocuments.value("1" + "0".repeat(60)));
        assertTrue(failure(json).getMessage().startsWith("types[3].values[1].value: value 1000"));
        // The full unsigned 64-bit range fits an 8-byte enum, one more does not.
        ((ObjectNode) doc.at("/types/3")).put("size", 8);
        String max = JsonDocuments.with(doc, "/types/3/values/1/value", JsonDocuments.value("18446744073709551615"));
        org.junit.jupiter.api.Assertions.assertDoesNotThrow(() -> TypeSystemJson.read(max));
        String over = JsonDocuments.with(doc, "/types/3/values/1/value", JsonDocuments.value("18446744073709551616"));
        assertEquals("types[3].values[1].value: value 18446744073709551616 does not fit an enum of 8 bytes",
                failure(over).getMessage());
    }

    @Test
    void truncatedInputNamesWhereTheParserStopped() {
        String json = TypeSystemJson.toJson(SampleTypeSystem.build());
        int cut = json.indexOf("\"fields\"", json.length() / 2);
        TypeSystemJsonException e = failure(json.substring(0, cut + 40));
        assertTrue(e.getMessage().matches("types\\[\\d+]\\.fields(\\[\\d+])?(\\.\\w+)?: invalid JSON at line \\d+, column \\d+: .*(end-of-input|EOF).*"),
                e.getMessage());
        assertTrue(e.getCause() instanceof com.fasterxml.jackson.core.JsonProcessingException);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            ``                                                | $: empty input: expected a JSON object
            `   `                                             | $: empty input: expected a JSON object
            []                                                | $: expected an object, found an array
            `"dwarfbind-types/1"`                             | $: expected an object, found a string
            `{"schema": "dwarfbind-types/1"} {}`              | $: invalid JSON
            `{"schema": "dwarfbind-types/1", "schema": "x"}`  | schema: invalid JSON
            `{"schema": dwarfbind}`                           | schema: invalid JSON
            """)
    void notADocument(String json, String message) {
        String actual = failure(json).getMessage();
        assertTrue(actual.startsWith(message), actual);
    }

    @Test
    void typedefCyclesAreRejected() {
        ObjectNode doc = JsonDocuments.small();
        ((ObjectNode) doc.at("/types/5")).put("target", 7);
        ((ObjectNode) doc.at("/types/7")).put("type", 5);
        assertTrue(failure(doc.toString()).getMessage().matches("types\\[[57]]: typedef or qualifier cycle through type [57]"));
        ((ObjectNode) doc.at("/types/5")).put("target", 5);
        assertEquals("types[5]: typedef or qualifier cycle through type 5", failure(doc.toString()).getMessage());
    }

    @Test
    void duplicateDeclarationsAreRejected() {
        ObjectNode doc = JsonDocuments.small();
        ((ArrayNode) doc.get("functions")).add(doc.at("/functions/0").deepCopy());
        assertEquals("functions[1].name: duplicate function 'f'", failure(doc.toString()).getMessage());
    }

    /**
     * Whatever is wrong with a document, the reader answers with a {@link TypeSystemJsonException}
     * or a type system, never another exception: every value of the small document and of the
     * sample replaced by every kind of wrong value, every member removed, every prefix of the text.
     */
    @Test
    void nothingButTheDedicatedExceptionEscapes() {
        List<JsonNode> wrong = List.of(JsonDocuments.value("null"), JsonDocuments.value("\"x\""),
                JsonDocuments.value("1.5"), JsonDocuments.value("-1"), JsonDocuments.value("0"),
                JsonDocuments.value("1" + "0".repeat(30)), JsonDocuments.value("{}"), JsonDocuments.value("[]"),
                JsonDocuments.value("true"), JsonDocuments.value("[1]"));
        int tried = 0;
        for (JsonNode doc : List.of(JsonDocuments.small(), JsonDocuments.value(TypeSystemJson.toJson(SampleTypeSystem.build())))) {
            var pointers = new ArrayList<String>();
            collectPointers(doc, "", pointers);
            for (String at : pointers) {
                for (JsonNode value : wrong) {
                    readExpectingOnlyDedicatedFailure(JsonDocuments.with(doc, at, value), at + " = " + value);
                    tried++;
                }
                if (doc.at(at.substring(0, at.lastIndexOf('/'))).isObject()) {
                    readExpectingOnlyDedicatedFailure(JsonDocuments.without(doc, at), "without " + at);
                }
            }
        }
        String small = JsonDocuments.SMALL;
        for (int cut = 0; cut < small.length(); cut++) {
            readExpectingOnlyDedicatedFailure(small.substring(0, cut), "first " + cut + " characters");
        }
        assertTrue(tried > 1000, "tried " + tried);
    }

    private static void collectPointers(JsonNode node, String at, List<String> out) {
        if (!at.isEmpty()) out.add(at);
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                var e = it.next();
                collectPointers(e.getValue(), at + "/" + e.getKey(), out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) collectPointers(node.get(i), at + "/" + i, out);
        }
    }

    private static void readExpectingOnlyDedicatedFailure(String json, String what) {
        try {
            TypeSystemJson.read(json);
        } catch (TypeSystemJsonException e) {
            if (e.getMessage() == null || e.path() == null || !e.getMessage().startsWith(e.path() + ": ")) {
                fail(what + ": message without a path: " + e.getMessage());
            }
        } catch (RuntimeException e) {
            throw new AssertionError(what + ": " + e, e);
        }
    }
}
