package dev.dwarfbind.clang;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * One C file parsed by libclang, with the files it includes. Cursors and types handed out live as
 * long as the translation unit; {@link #close()} frees it. Confined to the thread that parsed it.
 *
 * <p>Parses are serialised process-wide. libclang's crash recovery is kept off: its process-wide
 * signal handlers do not chain to the JVM's, so a crash inside Clang ends the process it runs in
 * (the header reader therefore parses in a child process by default; see {@code docs/headers.md});
 * here {@link ClangCrashException} reports a crash only where an embedder's libclang recovered
 * from one.
 */
public final class TranslationUnit implements AutoCloseable {
    /** {@code CXTranslationUnit_DetailedPreprocessingRecord}: keep macro definitions as cursors. */
    public static final int DETAILED_PREPROCESSING_RECORD = 0x01;
    /** {@code CXTranslationUnit_SkipFunctionBodies}: declarations are all a binding needs. */
    public static final int SKIP_FUNCTION_BODIES = 0x40;

    private static final ReentrantLock PARSING = new ReentrantLock();

    final LibClang lib;
    final Arena arena;
    private final MemorySegment index;
    private final MemorySegment unit;
    private final List<Diagnostic> diagnostics;
    private boolean closed;

    private TranslationUnit(LibClang lib, Arena arena, MemorySegment index, MemorySegment unit, List<Diagnostic> diagnostics) {
        this.lib = lib;
        this.arena = arena;
        this.index = index;
        this.unit = unit;
        this.diagnostics = diagnostics;
    }

    /** The libclang version string, e.g. {@code "Debian clang version 19.1.7"}; loads libclang. */
    public static String clangVersion() {
        LibClang lib = LibClang.get();
        try (Arena a = Arena.ofConfined()) {
            return lib.string((MemorySegment) lib.getClangVersion.invokeExact((SegmentAllocator) a));
        } catch (Throwable t) {
            throw LibClang.rethrow(t);
        }
    }

    /**
     * Parses {@code fileName} with the command-line {@code arguments} Clang's driver takes
     * ({@code -I}, {@code -D}, {@code --target=}, {@code -std=}). {@code unsavedFiles} maps file names
     * to contents Clang reads instead of the disk (the main file among them for C given as a string).
     * Diagnostics are kept, not thrown: the caller decides which are fatal to it.
     *
     * @throws ClangCrashException if Clang crashed and recovered
     * @throws ClangException      if libclang refused to parse at all
     * @throws dev.dwarfbind.llvm.ToolNotFoundException if there is no libclang
     */
    public static TranslationUnit parse(String fileName, List<String> arguments, Map<String, String> unsavedFiles, int options) {
        LibClang lib = LibClang.get();
        Arena arena = Arena.ofConfined();
        boolean ok = false;
        MemorySegment index = MemorySegment.NULL;
        PARSING.lock();
        try {
            index = (MemorySegment) lib.createIndex.invokeExact(0, 0);
            MemorySegment argv = arena.allocate(ADDRESS, Math.max(1, arguments.size()));
            for (int i = 0; i < arguments.size(); i++) argv.setAtIndex(ADDRESS, i, arena.allocateFrom(arguments.get(i)));
            MemorySegment files = arena.allocate(LibClang.CX_UNSAVED_FILE, Math.max(1, unsavedFiles.size()));
            int n = 0;
            for (var e : unsavedFiles.entrySet()) {
                byte[] bytes = e.getValue().getBytes(StandardCharsets.UTF_8);
                MemorySegment contents = arena.allocate(bytes.length + 1L);
                contents.copyFrom(MemorySegment.ofArray(bytes));
                MemorySegment f = files.asSlice(n * LibClang.CX_UNSAVED_FILE.byteSize(), LibClang.CX_UNSAVED_FILE);
                f.set(ADDRESS, 0, arena.allocateFrom(e.getKey()));
                f.set(ADDRESS, 8, contents);
                f.set(java.lang.foreign.ValueLayout.JAVA_LONG, 16, bytes.length);
                n++;
            }
            MemorySegment out = arena.allocate(ADDRESS);
            int code;
            // Crash recovery is off (LibClang sets LIBCLANG_DISABLE_CRASH_RECOVERY): its signal
            // handlers would kill the JVM. Switched off here too, in case an embedder's libclang
            // was initialised otherwise.
            lib.toggleCrashRecovery.invokeExact(0);
            code = (int) lib.parseTranslationUnit2.invokeExact(index, arena.allocateFrom(fileName), argv,
                    arguments.size(), files, n, options, out);
            MemorySegment unit = out.get(ADDRESS, 0);
            if (code != 0 || unit.equals(MemorySegment.NULL)) {
                String what = switch (code) {
                    case 1 -> "libclang failed to parse " + fileName;
                    case 2 -> "Clang crashed parsing " + fileName + " (libclang recovered; the JVM is unharmed)";
                    case 3 -> "libclang rejected the arguments for " + fileName + ": " + arguments;
                    case 4 -> "libclang could not read an AST file for " + fileName;
                    default -> "libclang returned error " + code + " for " + fileName;
                };
                if (code == 2) throw new ClangCrashException(what, -1, "");
                throw new ClangException(what, List.of());
            }
            TranslationUnit tu = new TranslationUnit(lib, arena, index, unit, List.of());
            TranslationUnit withDiagnostics = new TranslationUnit(lib, arena, index, unit, tu.readDiagnostics());
            ok = true;
            return withDiagnostics;
        } catch (Throwable t) {
            throw LibClang.rethrow(t);
        } finally {
            if (!ok) {
                try {
                    if (!index.equals(MemorySegment.NULL)) lib.disposeIndex.invokeExact(index);
                } catch (Throwable t) {
                    // disposing cannot fail in libclang; nothing to add to the exception in flight
                }
                arena.close();
            }
            PARSING.unlock();
        }
    }

    private List<Diagnostic> readDiagnostics() throws Throwable {
        int count = (int) lib.getNumDiagnostics.invokeExact(unit);
        List<Diagnostic> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            MemorySegment d = (MemorySegment) lib.getDiagnostic.invokeExact(unit, i);
            try {
                int severity = (int) lib.getDiagnosticSeverity.invokeExact(d);
                MemorySegment loc = (MemorySegment) lib.getDiagnosticLocation.invokeExact((SegmentAllocator) arena, d);
                String text = lib.string((MemorySegment) lib.getDiagnosticSpelling.invokeExact((SegmentAllocator) arena, d));
                out.add(new Diagnostic(Diagnostic.Severity.values()[Math.clamp(severity, 0, 4)], location(loc), text));
            } finally {
                lib.disposeDiagnostic.invokeExact(d);
            }
        }
        return List.copyOf(out);
    }

    /** The expansion location of a {@code CXSourceLocation}. */
    SourceLocation location(MemorySegment cxLocation) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment file = a.allocate(ADDRESS);
            MemorySegment line = a.allocate(JAVA_INT);
            MemorySegment column = a.allocate(JAVA_INT);
            lib.getExpansionLocation.invokeExact(cxLocation, file, line, column, MemorySegment.NULL);
            MemorySegment f = file.get(ADDRESS, 0);
            String name = f.equals(MemorySegment.NULL) ? ""
                    : lib.string((MemorySegment) lib.getFileName.invokeExact((SegmentAllocator) arena, f));
            return new SourceLocation(name, line.get(JAVA_INT, 0), column.get(JAVA_INT, 0));
        } catch (Throwable t) {
            throw LibClang.rethrow(t);
        }
    }

    /** Every diagnostic Clang reported, in order. */
    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    /** The diagnostics that are errors or fatal errors. */
    public List<Diagnostic> errors() {
        return diagnostics.stream().filter(d -> d.severity().isError()).toList();
    }

    /** The cursor of the whole translation unit, whose children are the top-level declarations. */
    public Cursor cursor() {
        checkOpen();
        try {
            return new Cursor(this, (MemorySegment) lib.getTranslationUnitCursor.invokeExact((SegmentAllocator) arena, unit));
        } catch (Throwable t) {
            throw LibClang.rethrow(t);
        }
    }

    void checkOpen() {
        if (closed) throw new IllegalStateException("the translation unit is closed");
    }

    /** Frees the translation unit, its index and every cursor and type handed out. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        try {
            lib.disposeTranslationUnit.invokeExact(unit);
            lib.disposeIndex.invokeExact(index);
        } catch (Throwable t) {
            throw LibClang.rethrow(t);
        } finally {
            arena.close();
        }
    }
}
