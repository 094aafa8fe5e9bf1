package dev.dwarfbind.headers.isolation;

import dev.dwarfbind.clang.ClangException;
import dev.dwarfbind.clang.Diagnostic;
import dev.dwarfbind.clang.SourceLocation;
import dev.dwarfbind.headers.HeaderTypes;
import dev.dwarfbind.headers.Headers;
import dev.dwarfbind.headers.Isolation;
import dev.dwarfbind.headers.SkippedMacro;
import dev.dwarfbind.json.TypeSystemJson;
import dev.dwarfbind.symbols.Export;
import dev.dwarfbind.types.Target;
import dev.dwarfbind.types.TypeSystem;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The messages between the parent and the Clang worker, each a frame: a magic number, the payload's
 * length and the payload. The magic makes anything else on the worker's standard output (the JVM's
 * crash banner goes there whatever it is told) a detectable corruption, not a misread message.
 * Type systems travel as the reader's JSON ({@link TypeSystemJson}), whose round trip is exact and
 * whose reading validates everything, so a confused worker cannot hand the parent a broken type system.
 */
final class Wire {
    static final int MAGIC = 0x44574243; // "DWBC"
    /** Payloads above this are refused as corrupt: a type system of a header is megabytes at most. */
    static final int MAX_FRAME = 1 << 30;

    static final byte HELLO = 0;
    static final byte TYPES = 1;
    static final byte CLANG_ERROR = 2;
    static final byte OTHER_ERROR = 3;

    private Wire() {
    }

    /** A request: the headers to read for a library of {@code target} with {@code exports} (either may be null). */
    static byte[] request(Headers h, Target target, List<Export> exports) {
        return payload(out -> {
            strings(out, h.headers());
            string(out, h.code());
            strings(out, h.includeDirs().stream().map(Path::toString).toList());
            out.writeInt(h.defines().size());
            for (var e : h.defines().entrySet()) {
                string(out, e.getKey());
                nullable(out, e.getValue());
            }
            nullable(out, h.target());
            strings(out, h.ownFiles());
            strings(out, h.nameFilters());
            strings(out, h.clangArguments());
            out.writeBoolean(target != null);
            if (target != null) {
                string(out, target.os());
                string(out, target.arch());
                out.writeInt(target.pointerSize());
                out.writeBoolean(target.littleEndian());
            }
            out.writeInt(exports == null ? -1 : exports.size());
            if (exports != null) {
                for (Export e : exports) {
                    string(out, e.name());
                    out.writeLong(e.address());
                    out.writeLong(e.size());
                    out.writeBoolean(e.function());
                    out.writeBoolean(e.threadLocal());
                    out.writeBoolean(e.indirect());
                    out.writeBoolean(e.weak());
                    nullable(out, e.version());
                }
            }
        });
    }

    /** A request as the worker reads it. */
    record Request(Headers headers, Target target, List<Export> exports) {
    }

    static Request readRequest(byte[] payload) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload));
        List<String> headers = strings(in);
        String code = string(in);
        List<Path> dirs = strings(in).stream().map(Path::of).toList();
        int n = in.readInt();
        Map<String, String> defines = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) defines.put(string(in), nullable(in));
        String triple = nullable(in);
        List<String> own = strings(in);
        List<String> filters = strings(in);
        List<String> args = strings(in);
        Target target = in.readBoolean() ? new Target(string(in), string(in), in.readInt(), in.readBoolean()) : null;
        int count = in.readInt();
        List<Export> exports = null;
        if (count >= 0) {
            exports = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                exports.add(new Export(string(in), in.readLong(), in.readLong(), in.readBoolean(), in.readBoolean(),
                        in.readBoolean(), in.readBoolean(), nullable(in)));
            }
        }
        Headers h = new Headers(headers, code, dirs, defines, triple, own, filters, args, Isolation.IN_PROCESS, Headers.DEFAULT_TIMEOUT);
        return new Request(h, target, exports);
    }

    /** The worker's answer: what the headers say. */
    static byte[] types(HeaderTypes t) {
        return payload(out -> {
            out.writeByte(TYPES);
            bytes(out, TypeSystemJson.toJson(t.types()).getBytes(StandardCharsets.UTF_8));
            out.writeInt(t.skippedMacros().size());
            for (SkippedMacro m : t.skippedMacros()) {
                string(out, m.name());
                location(out, m.location());
                string(out, m.reason());
            }
            diagnostics(out, t.warnings());
            strings(out, t.skippedTypes());
        });
    }

    /** The worker's answer: Clang reported errors (or libclang refused to parse). */
    static byte[] clangError(ClangException e) {
        return payload(out -> {
            out.writeByte(CLANG_ERROR);
            string(out, e.summary());
            diagnostics(out, e.diagnostics());
        });
    }

    /** The worker's answer: something else went wrong, {@code type} naming the exception's class. */
    static byte[] otherError(String type, String message) {
        return payload(out -> {
            out.writeByte(OTHER_ERROR);
            string(out, type);
            string(out, message == null ? "" : message);
        });
    }

    static byte[] hello() {
        return payload(out -> out.writeByte(HELLO));
    }

    /** The parent's reading of an answer: the types, or the exception to throw. */
    static HeaderTypes readAnswer(byte[] payload) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload));
        byte kind = in.readByte();
        switch (kind) {
            case TYPES -> {
                TypeSystem ts = TypeSystemJson.read(new String(bytes(in), StandardCharsets.UTF_8));
                int n = in.readInt();
                List<SkippedMacro> skipped = new ArrayList<>(n);
                for (int i = 0; i < n; i++) skipped.add(new SkippedMacro(string(in), location(in), string(in)));
                List<Diagnostic> warnings = diagnostics(in);
                return new HeaderTypes(ts, skipped, warnings, strings(in));
            }
            case CLANG_ERROR -> throw new ClangException(string(in), diagnostics(in));
            case OTHER_ERROR -> {
                String type = string(in);
                String message = string(in);
                throw switch (type) {
                    case "java.lang.IllegalArgumentException" -> new IllegalArgumentException(message);
                    case "java.lang.OutOfMemoryError" -> new IllegalStateException("the Clang process ran out of memory: " + message);
                    default -> new IllegalStateException("the Clang process failed: " + type + ": " + message);
                };
            }
            default -> throw new IOException("unknown answer kind " + kind);
        }
    }

    // ---- framing ----

    /** Writes one frame and flushes. */
    static void write(DataOutputStream out, byte[] payload) throws IOException {
        out.writeInt(MAGIC);
        out.writeInt(payload.length);
        out.write(payload);
        out.flush();
    }

    /**
     * Reads one frame's payload.
     *
     * @throws java.io.EOFException if the stream ends first
     * @throws IOException          if what comes is not a frame
     */
    static byte[] read(DataInputStream in) throws IOException {
        int magic = in.readInt();
        if (magic != MAGIC) throw new CorruptFrameException(magic);
        int length = in.readInt();
        if (length < 0 || length > MAX_FRAME) throw new IOException("frame of " + length + " bytes");
        byte[] b = new byte[length];
        in.readFully(b);
        return b;
    }

    /** Something other than a frame where a frame was expected: the first four bytes of it. */
    static final class CorruptFrameException extends IOException {
        private static final long serialVersionUID = 1L;
        final int start;

        CorruptFrameException(int start) {
            super(String.format("not a frame (starts with 0x%08x)", start));
            this.start = start;
        }
    }

    // ---- values ----

    private interface Body {
        void write(DataOutputStream out) throws IOException;
    }

    private static byte[] payload(Body body) {
        var bytes = new ByteArrayOutputStream();
        try (var out = new DataOutputStream(bytes)) {
            body.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    private static void bytes(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    private static byte[] bytes(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX_FRAME) throw new IOException("string of " + n + " bytes");
        byte[] b = new byte[n];
        in.readFully(b);
        return b;
    }

    // Not writeUTF: it stops at 64 KiB, and C code given as text can be longer.
    private static void string(DataOutputStream out, String s) throws IOException {
        bytes(out, s.getBytes(StandardCharsets.UTF_8));
    }

    private static String string(DataInputStream in) throws IOException {
        return new String(bytes(in), StandardCharsets.UTF_8);
    }

    private static void nullable(DataOutputStream out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) string(out, s);
    }

    private static String nullable(DataInputStream in) throws IOException {
        return in.readBoolean() ? string(in) : null;
    }

    private static void strings(DataOutputStream out, List<String> l) throws IOException {
        out.writeInt(l.size());
        for (String s : l) string(out, s);
    }

    private static List<String> strings(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) throw new IOException("list of " + n);
        List<String> l = new ArrayList<>(Math.min(n, 1 << 16));
        for (int i = 0; i < n; i++) l.add(string(in));
        return l;
    }

    private static void location(DataOutputStream out, SourceLocation l) throws IOException {
        string(out, l.file());
        out.writeInt(l.line());
        out.writeInt(l.column());
    }

    private static SourceLocation location(DataInputStream in) throws IOException {
        return new SourceLocation(string(in), in.readInt(), in.readInt());
    }

    private static void diagnostics(DataOutputStream out, List<Diagnostic> l) throws IOException {
        out.writeInt(l.size());
        for (Diagnostic d : l) {
            out.writeByte(d.severity().ordinal());
            location(out, d.location());
            string(out, d.message());
        }
    }

    private static List<Diagnostic> diagnostics(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) throw new IOException("list of " + n);
        List<Diagnostic> l = new ArrayList<>(Math.min(n, 1 << 16));
        Diagnostic.Severity[] severities = Diagnostic.Severity.values();
        for (int i = 0; i < n; i++) {
            int s = in.readByte();
            if (s < 0 || s >= severities.length) throw new IOException("severity " + s);
            l.add(new Diagnostic(severities[s], location(in), string(in)));
        }
        return l;
    }
}
