package dev.dwarfbind.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.dwarfbind.types.TypeSystem;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Collections;

/**
 * Writes a {@link TypeSystem} as JSON and reads it back, in the versioned
 * {@code dwarfbind-types/1} schema documented in {@code docs/json-schema.md}.
 *
 * <p>The round trip is exact: {@code read(toJson(ts))} has equal types under the same ids, equal
 * functions, variables, untyped symbols and target. Reading validates the document fully and
 * reports any problem as a {@link TypeSystemJsonException} whose message begins with the path of
 * the offending member ({@code types[12].fields[3].type: id 999 out of range ...}).
 *
 * <p>All methods are static and thread-safe. Streams and writers passed in are flushed but not
 * closed: they belong to the caller.
 */
public final class TypeSystemJson {
    /** The {@code "schema"} value written: family and major version. */
    public static final String SCHEMA_VERSION = Schema.VERSION;

    private static final JsonMapper MAPPER = JsonMapper.builder()
            // A repeated member would otherwise silently override the first.
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            // A second document after the first is damage, not something to ignore.
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .build();

    private TypeSystemJson() {
    }

    /**
     * Writes {@code ts} to {@code out}, pretty-printed, and flushes it.
     *
     * @param ts  the type system
     * @param out where the JSON text goes; not closed
     * @throws IOException if writing fails
     */
    public static void write(TypeSystem ts, Writer out) throws IOException {
        JsonFactory factory = MAPPER.getFactory();
        try (JsonGenerator g = factory.createGenerator(out)) {
            write(ts, g);
        }
    }

    /**
     * Writes {@code ts} to {@code out} as UTF-8, pretty-printed, and flushes it.
     *
     * @param ts  the type system
     * @param out where the JSON bytes go; not closed
     * @throws IOException if writing fails
     */
    public static void write(TypeSystem ts, OutputStream out) throws IOException {
        JsonFactory factory = MAPPER.getFactory();
        try (JsonGenerator g = factory.createGenerator(out)) {
            write(ts, g);
        }
    }

    /**
     * The JSON text of {@code ts}, pretty-printed with two-space indentation and {@code \n} line
     * ends, so that equal type systems give identical text on every platform.
     *
     * @param ts the type system
     * @return the document
     */
    public static String toJson(TypeSystem ts) {
        var out = new StringWriter();
        try {
            write(ts, out);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a StringWriter cannot fail", e);
        }
        return out.toString();
    }

    /**
     * Reads a type system from JSON text.
     *
     * @param in the document; read to its end, not closed
     * @return the type system, with the ids the document gives
     * @throws TypeSystemJsonException if the text is not valid JSON or not a valid type system
     * @throws IOException             if reading fails
     */
    public static TypeSystem read(Reader in) throws IOException {
        return read(parse(() -> MAPPER.getFactory().createParser(in)));
    }

    /**
     * Reads a type system from JSON bytes (UTF-8, or UTF-16/32 with the encoding detected as JSON
     * allows).
     *
     * @param in the document; read to its end, not closed
     * @return the type system, with the ids the document gives
     * @throws TypeSystemJsonException if the bytes are not valid JSON or not a valid type system
     * @throws IOException             if reading fails
     */
    public static TypeSystem read(InputStream in) throws IOException {
        return read(parse(() -> MAPPER.getFactory().createParser(in)));
    }

    /**
     * Reads a type system from a string holding the JSON text (not a file name).
     *
     * @param json the document
     * @return the type system, with the ids the document gives
     * @throws TypeSystemJsonException if the text is not valid JSON or not a valid type system
     */
    public static TypeSystem read(String json) throws TypeSystemJsonException {
        try {
            return read(new StringReader(json));
        } catch (TypeSystemJsonException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("reading from a StringReader cannot fail", e);
        }
    }

    private static void write(TypeSystem ts, JsonGenerator g) throws IOException {
        var indenter = new DefaultIndenter("  ", "\n");
        var printer = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                .withObjectIndenter(indenter)
                .withArrayIndenter(indenter);
        g.setPrettyPrinter(printer);
        new TypeSystemJsonWriter(g).write(ts);
        g.writeRaw('\n');
        g.flush();
    }

    private static TypeSystem read(JsonNode document) throws TypeSystemJsonException {
        if (document == null || document.isMissingNode()) {
            throw new TypeSystemJsonException("$", "empty input: expected a JSON object");
        }
        return new TypeSystemJsonReader().read(document);
    }

    /** Opens a parser; a lambda so both read overloads share the error translation. */
    private interface ParserSource {
        JsonParser open() throws IOException;
    }

    private static JsonNode parse(ParserSource source) throws IOException {
        try (JsonParser parser = source.open()) {
            return MAPPER.readTree(parser);
        } catch (JsonProcessingException e) {
            // Syntax errors (truncated input, a stray comma, a duplicate member) are located by
            // line and column; the path the parser had reached is given as well.
            String path = "$";
            if (e.getProcessor() instanceof JsonParser p) path = pathOf(p.getParsingContext());
            var loc = e.getLocation();
            String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            throw new TypeSystemJsonException(path, "invalid JSON" + where + ": " + e.getOriginalMessage(), e);
        }
    }

    /** The parser's position as a path in the notation the rest of the reader uses. */
    private static String pathOf(JsonStreamContext context) {
        var parts = new ArrayList<String>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.add("[" + Math.max(c.getCurrentIndex(), 0) + "]");
            } else if (c.getCurrentName() != null) {
                parts.add("." + c.getCurrentName());
            }
        }
        Collections.reverse(parts);
        String path = String.join("", parts);
        if (path.startsWith(".")) path = path.substring(1);
        return path.isEmpty() ? "$" : path;
    }
}
