package dev.dwarfbind.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dwarfbind.cprint.SampleTypeSystem;
import dev.dwarfbind.types.ArrayType;
import dev.dwarfbind.types.PointerType;
import dev.dwarfbind.types.RecordType;
import dev.dwarfbind.types.TypeSystem;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Writing a type system as JSON and reading it back. */
class TypeSystemJsonTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Everything a reader may observe is equal after a round trip, ids included. */
    static void assertSame(TypeSystem expected, TypeSystem actual) {
        assertEquals(expected.target(), actual.target());
        assertEquals(expected.types(), actual.types());
        assertEquals(List.copyOf(expected.functions().values()), List.copyOf(actual.functions().values()));
        assertEquals(List.copyOf(expected.variables().values()), List.copyOf(actual.variables().values()));
        assertEquals(expected.untyped(), actual.untyped());
        assertEquals(expected.namedTypes(), actual.namedTypes());
        assertEquals(expected.constants(), actual.constants());
    }

    @Test
    void roundTripIsExact() throws IOException {
        TypeSystem ts = SampleTypeSystem.build();
        String json = TypeSystemJson.toJson(ts);
        TypeSystem back = TypeSystemJson.read(json);
        assertSame(ts, back);
        // And the text is stable: writing what was read gives the same document.
        assertEquals(json, TypeSystemJson.toJson(back));
    }

    @Test
    void roundTripThroughStreamsAndWriters() throws IOException {
        TypeSystem ts = SampleTypeSystem.build();
        var bytes = new ByteArrayOutputStream();
        TypeSystemJson.write(ts, bytes);
        assertSame(ts, TypeSystemJson.read(new ByteArrayInputStream(bytes.toByteArray())));

        var chars = new StringWriter();
        TypeSystemJson.write(ts, chars);
        assertSame(ts, TypeSystemJson.read(new StringReader(chars.toString())));
        assertEquals(chars.toString(), bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void documentFollowsTheSchema() throws IOException {
        TypeSystem ts = SampleTypeSystem.build();
        String json = TypeSystemJson.toJson(ts);
        // Minor version 1 added constants; a document without any is still plain version 1.
        String version = ts.constants().isEmpty() ? "dwarfbind-types/1" : "dwarfbind-types/1.1";
        assertTrue(json.startsWith("{\n  \"schema\": \"" + version + "\",\n  \"target\": {"), json);
        JsonNode doc = MAPPER.readTree(json);
        assertEquals("x86_64", doc.at("/target/arch").asText());
        JsonNode types = doc.get("types");
        assertEquals(ts.types().size(), types.size());
        for (int id = 0; id < types.size(); id++) {
            JsonNode t = types.get(id);
            assertEquals(id, t.get("id").intValue());
            switch (ts.type(id)) {
                case RecordType r when r.tag() == null -> assertFalse(t.has("tag"), t::toString);
                case ArrayType a when a.isFlexible() -> assertFalse(t.has("count"), t::toString);
                case PointerType p -> assertEquals(p.pointee(), t.get("pointee").intValue());
                default -> { }
            }
            assertFalse(t.toString().contains("null"), t::toString);
        }
    }

    @Test
    void constantsOfEveryKindRoundTrip() throws IOException {
        var b = new dev.dwarfbind.types.TypeSystemBuilder(new dev.dwarfbind.types.Target("linux", "x86_64", 8, true));
        int u = b.add(new dev.dwarfbind.types.ScalarType("unsigned int", dev.dwarfbind.types.ScalarKind.UNSIGNED, 4, 4, false));
        int e = b.add(new dev.dwarfbind.types.EnumType(null, u, 4, 4, false,
                List.of(new dev.dwarfbind.types.Enumerator("ANON_X", BigInteger.TEN)), true));
        b.addConstant(new dev.dwarfbind.types.Constant("VERSION", "1.3.1", TypeSystem.NO_TYPE));
        b.addConstant(new dev.dwarfbind.types.Constant("HALF", 0.5, TypeSystem.NO_TYPE));
        b.addConstant(new dev.dwarfbind.types.Constant("BIG", BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE), u));
        TypeSystem ts = b.build();
        assertEquals(e, ts.constant("ANON_X").orElseThrow().type(), "enumerators are constants of their enum type");
        String json = TypeSystemJson.toJson(ts);
        assertTrue(json.contains("\"dwarfbind-types/1.1\""), json);
        assertTrue(json.contains("18446744073709551615"), "exact integers, not doubles: " + json);
        TypeSystem back = TypeSystemJson.read(json);
        assertSame(ts, back);
        assertEquals("1.3.1", back.constant("VERSION").orElseThrow().value());
        assertEquals(0.5, back.constant("HALF").orElseThrow().value());
    }

    @Test
    void enumValuesAreExactJsonIntegers() throws IOException {
        String json = TypeSystemJson.toJson(SampleTypeSystem.build());
        assertTrue(json.contains("\"value\": 18446744073709551615"), "2^64-1 written as an integer");
        assertTrue(json.contains("\"value\": -9223372036854775808"), "INT64_MIN written as an integer");
        JsonNode big = MAPPER.readTree(json).findValues("values").stream()
                .flatMap(v -> java.util.stream.StreamSupport.stream(v.spliterator(), false))
                .filter(v -> v.get("name").asText().equals("BF_ALL")).findFirst().orElseThrow();
        assertEquals(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE), big.get("value").bigIntegerValue());
    }

    @Test
    void forwardReferencesAndOptionalMembersAreRead() throws IOException {
        TypeSystem ts = TypeSystemJson.read(JsonDocuments.SMALL);
        // Type 0 points at type 2, defined after it.
        assertEquals(new PointerType(2, 8), ts.type(0));
        assertEquals("s", ts.type(2, RecordType.class).tag());
        assertEquals(2, ts.typeNamed("struct s").getAsInt());
        assertEquals(5, ts.typeNamed("s_t").getAsInt());
        assertEquals(4, ts.function("f").orElseThrow().type());
        assertTrue(ts.variable("v").orElseThrow().version() == null);
        // Written back, the small document reads the same again.
        assertSame(ts, TypeSystemJson.read(TypeSystemJson.toJson(ts)));
    }

    @Test
    void minorVersionsOfTheSameMajorAreRead() throws IOException {
        String newer = JsonDocuments.SMALL.replace("\"dwarfbind-types/1\"", "\"dwarfbind-types/1.4\"")
                // A member a later minor version added is ignored.
                .replace("\"kind\": \"void\"", "\"kind\": \"void\", \"comment\": \"added in 1.4\"");
        assertSame(TypeSystemJson.read(JsonDocuments.SMALL), TypeSystemJson.read(newer));
    }

    @Test
    void explicitNullIsTheSameAsAnAbsentOptionalMember() throws IOException {
        String withNulls = JsonDocuments.SMALL.replace("\"address\": 8192}", "\"address\": 8192, \"version\": null}");
        assertSame(TypeSystemJson.read(JsonDocuments.SMALL), TypeSystemJson.read(withNulls));
    }

    @Test
    void emptyTypeSystem() throws IOException {
        TypeSystem empty = new dev.dwarfbind.types.TypeSystemBuilder(SampleTypeSystem.X86_64_LINUX).build();
        assertSame(empty, TypeSystemJson.read(TypeSystemJson.toJson(empty)));
    }

    @Test
    void readErrorsAreIOExceptions() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> TypeSystemJson.read("{"));
        assertInstanceOf(TypeSystemJsonException.class, e);
    }
}
