package dev.dwarfbind.clang;

import dev.dwarfbind.llvm.Toolchain;

import java.lang.foreign.AddressLayout;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Path;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The functions of libclang's stable C API ({@code clang-c/Index.h}) that dwarfbind calls, bound
 * once through {@code java.lang.foreign} when the first header is parsed. Only what the header
 * reader needs is bound; the layouts of the small structs libclang passes by value
 * ({@code CXString}, {@code CXCursor}, {@code CXType}, {@code CXSourceLocation}) are written out
 * here from {@code Index.h}, which has kept them unchanged since libclang 3.x.
 *
 * <p>Loading this class loads libclang: only the header path touches it.
 */
// Binding a native library is what java.lang.foreign's restricted methods are for; callers run
// with --enable-native-access.
@SuppressWarnings("restricted")
final class LibClang {
    static final Linker LINKER = Linker.nativeLinker();
    static final AddressLayout C_POINTER = ADDRESS;

    /** {@code CXString}: an opaque pointer and flags, freed with {@code clang_disposeString}. */
    static final StructLayout CX_STRING = MemoryLayout.structLayout(ADDRESS.withName("data"),
            JAVA_INT.withName("private_flags"), MemoryLayout.paddingLayout(4));
    /** {@code CXCursor}: kind, xdata and three pointers. */
    static final StructLayout CX_CURSOR = MemoryLayout.structLayout(JAVA_INT.withName("kind"),
            JAVA_INT.withName("xdata"), MemoryLayout.sequenceLayout(3, ADDRESS).withName("data"));
    /** {@code CXType}: kind and two pointers. */
    static final StructLayout CX_TYPE = MemoryLayout.structLayout(JAVA_INT.withName("kind"),
            MemoryLayout.paddingLayout(4), MemoryLayout.sequenceLayout(2, ADDRESS).withName("data"));
    /** {@code CXSourceLocation}: two pointers and an offset. */
    static final StructLayout CX_SOURCE_LOCATION = MemoryLayout.structLayout(
            MemoryLayout.sequenceLayout(2, ADDRESS).withName("ptr_data"), JAVA_INT.withName("int_data"),
            MemoryLayout.paddingLayout(4));
    /** {@code struct CXUnsavedFile}: a file name, its contents and their length. */
    static final StructLayout CX_UNSAVED_FILE = MemoryLayout.structLayout(ADDRESS.withName("Filename"),
            ADDRESS.withName("Contents"), JAVA_LONG.withName("Length"));

    final Path path;

    final MethodHandle createIndex;
    final MethodHandle disposeIndex;
    final MethodHandle toggleCrashRecovery;
    final MethodHandle parseTranslationUnit2;
    final MethodHandle disposeTranslationUnit;
    final MethodHandle getCString;
    final MethodHandle disposeString;
    final MethodHandle getClangVersion;

    final MethodHandle getNumDiagnostics;
    final MethodHandle getDiagnostic;
    final MethodHandle disposeDiagnostic;
    final MethodHandle getDiagnosticSeverity;
    final MethodHandle getDiagnosticLocation;
    final MethodHandle getDiagnosticSpelling;
    final MethodHandle getExpansionLocation;
    final MethodHandle getFileName;

    final MethodHandle getTranslationUnitCursor;
    final MethodHandle visitChildren;
    final MethodHandle getCursorKind;
    final MethodHandle getCursorSpelling;
    final MethodHandle getCursorType;
    final MethodHandle getCursorLocation;
    final MethodHandle getCursorUSR;
    final MethodHandle getMangling;
    final MethodHandle isCursorDefinition;
    final MethodHandle getCursorDefinition;
    final MethodHandle cursorIsNull;
    final MethodHandle isMacroFunctionLike;
    final MethodHandle isMacroBuiltin;
    final MethodHandle isAnonymousRecordDecl;
    final MethodHandle isBitField;
    final MethodHandle getFieldDeclBitWidth;
    final MethodHandle getOffsetOfField;
    final MethodHandle getEnumDeclIntegerType;
    final MethodHandle getEnumConstantDeclValue;
    final MethodHandle getEnumConstantDeclUnsignedValue;
    final MethodHandle getNumArguments;
    final MethodHandle getArgument;
    final MethodHandle getStorageClass;
    final MethodHandle getTypedefDeclUnderlyingType;
    final MethodHandle evaluate;
    final MethodHandle evalGetKind;
    final MethodHandle evalIsUnsignedInt;
    final MethodHandle evalGetAsUnsigned;
    final MethodHandle evalGetAsLongLong;
    final MethodHandle evalGetAsDouble;
    final MethodHandle evalGetAsStr;
    final MethodHandle evalDispose;
    final MethodHandle getCursorPrintingPolicy;
    final MethodHandle disposePrintingPolicy;
    final MethodHandle getCursorPrettyPrinted;

    final MethodHandle getTypeSpelling;
    final MethodHandle getCanonicalType;
    final MethodHandle getUnqualifiedType;
    final MethodHandle getPointeeType;
    final MethodHandle getResultType;
    final MethodHandle getNumArgTypes;
    final MethodHandle getArgType;
    final MethodHandle isFunctionTypeVariadic;
    final MethodHandle getFunctionTypeCallingConv;
    final MethodHandle getElementType;
    final MethodHandle getArraySize;
    final MethodHandle getTypeDeclaration;
    final MethodHandle getNamedType;
    final MethodHandle getModifiedType;
    final MethodHandle getValueType;
    final MethodHandle isConstQualifiedType;
    final MethodHandle isVolatileQualifiedType;
    final MethodHandle isRestrictQualifiedType;
    final MethodHandle typeGetSizeOf;
    final MethodHandle typeGetAlignOf;
    final MethodHandle typeVisitFields;

    /** The one visitor stub for {@code clang_visitChildren} and {@code clang_Type_visitFields}. */
    final MemorySegment childVisitor;
    final MemorySegment fieldVisitor;

    private final SymbolLookup lookup;

    private static volatile LibClang instance;

    /**
     * libclang, loaded on first use from where {@link Toolchain} finds it. Not a class-holder
     * idiom: a missing libclang must fail with {@link dev.dwarfbind.llvm.ToolNotFoundException}
     * every time it is asked for, not once with an initializer error and then as a missing class.
     *
     * @throws dev.dwarfbind.llvm.ToolNotFoundException naming every place looked at
     */
    static LibClang get() {
        LibClang l = instance;
        if (l != null) return l;
        synchronized (LibClang.class) {
            if (instance == null) instance = new LibClang(Toolchain.find(Toolchain.Tool.LIBCLANG));
            return instance;
        }
    }

    private LibClang(Path path) {
        this.path = path;
        disableCrashRecovery();
        try {
            this.lookup = SymbolLookup.libraryLookup(path, Arena.global());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("libclang at " + path + " cannot be loaded: " + e.getMessage(), e);
        }
        createIndex = fn("clang_createIndex", FunctionDescriptor.of(ADDRESS, JAVA_INT, JAVA_INT));
        disposeIndex = fn("clang_disposeIndex", FunctionDescriptor.ofVoid(ADDRESS));
        toggleCrashRecovery = fn("clang_toggleCrashRecovery", FunctionDescriptor.ofVoid(JAVA_INT));
        parseTranslationUnit2 = fn("clang_parseTranslationUnit2", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS,
                ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS));
        disposeTranslationUnit = fn("clang_disposeTranslationUnit", FunctionDescriptor.ofVoid(ADDRESS));
        getCString = fn("clang_getCString", FunctionDescriptor.of(ADDRESS, CX_STRING));
        disposeString = fn("clang_disposeString", FunctionDescriptor.ofVoid(CX_STRING));
        getClangVersion = fn("clang_getClangVersion", FunctionDescriptor.of(CX_STRING));

        getNumDiagnostics = fn("clang_getNumDiagnostics", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        getDiagnostic = fn("clang_getDiagnostic", FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT));
        disposeDiagnostic = fn("clang_disposeDiagnostic", FunctionDescriptor.ofVoid(ADDRESS));
        getDiagnosticSeverity = fn("clang_getDiagnosticSeverity", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        getDiagnosticLocation = fn("clang_getDiagnosticLocation", FunctionDescriptor.of(CX_SOURCE_LOCATION, ADDRESS));
        getDiagnosticSpelling = fn("clang_getDiagnosticSpelling", FunctionDescriptor.of(CX_STRING, ADDRESS));
        getExpansionLocation = fn("clang_getExpansionLocation", FunctionDescriptor.ofVoid(CX_SOURCE_LOCATION,
                ADDRESS, ADDRESS, ADDRESS, ADDRESS));
        getFileName = fn("clang_getFileName", FunctionDescriptor.of(CX_STRING, ADDRESS));

        getTranslationUnitCursor = fn("clang_getTranslationUnitCursor", FunctionDescriptor.of(CX_CURSOR, ADDRESS));
        visitChildren = fn("clang_visitChildren", FunctionDescriptor.of(JAVA_INT, CX_CURSOR, ADDRESS, ADDRESS));
        getCursorKind = fn("clang_getCursorKind", FunctionDescriptor.of(JAVA_INT, CX_CURSOR));
        getCursorSpelling = fn("clang_getCursorSpelling", FunctionDescriptor.of(CX_STRING, CX_CURSOR));
        getCursorType = fn("clang_getCursorType", FunctionDescriptor.of(CX_TYPE, CX_CURSOR));
        getCursorLocation = fn("clang_getCursorLocation", FunctionDescriptor.of(CX_SOURCE_LOCATION, CX_CURSOR));
        getCursorUSR = fn("clang_getCursorUSR", FunctionDescriptor.of(CX_STRING, CX_CURSOR));
        getMangling = fn("clang_Cursor_getMangling", FunctionDescriptor.of(CX_STRING, CX_CURSOR));
        isCursorDefinition = fn("clang_isCursorDefinition", FunctionDescriptor.of(JAVA_INT, CX_CURSOR));
        getCursorDefinition = fn("clang_getCursorDefinition", FunctionDescriptor.of(CX_CURSOR, CX_CURSOR));
        cursorIsNull = fn("clang_Cursor_isNull", FunctionDescriptor.of(JAVA_INT, CX_CURSOR));
        isMacroFunctionLike = fn("clang_Cursor_isMacroFunctionLike", FunctionDescriptor.of(JAVA_INT, CX_CURSOR));
        isMacroBuiltin = fn("clang_Cursor_isMacroBuiltin", FunctionDescriptor.of(JAVA_INT, CX_CURSOR));
        isAnonymousRecordDecl = fn("clang_Cursor_isAnonymousRecordDecl", FunctionDescriptor.of(JAVA_INT, CX_CURSOR));
        isBitField = fn("clang_Cursor_isBitField", FunctionDescriptor.of(JAVA_INT, CX_CURSOR));
        getFieldDeclBitWidth = fn("clang_getFieldDeclBitWidth", FunctionDescriptor.of(JAVA_INT, CX_CURSOR));
        getOffsetOfField = fn("clang_Cursor_getOffsetOfField", FunctionDescriptor.of(JAVA_LONG, CX_CURSOR));
        getEnumDeclIntegerType = fn("clang_getEnumDeclIntegerType", FunctionDescriptor.of(CX_TYPE, CX_CURSOR));
        getEnumConstantDeclValue = fn("clang_getEnumConstantDeclValue", FunctionDescriptor.of(JAVA_LONG, CX_CURSOR));
        getEnumConstantDeclUnsignedValue = fn("clang_getEnumConstantDeclUnsignedValue", FunctionDescriptor.of(JAVA_LONG, CX_CURSOR));
        getNumArguments = fn("clang_Cursor_getNumArguments", FunctionDescriptor.of(JAVA_INT, CX_CURSOR));
        getArgument = fn("clang_Cursor_getArgument", FunctionDescriptor.of(CX_CURSOR, CX_CURSOR, JAVA_INT));
        getStorageClass = fn("clang_Cursor_getStorageClass", FunctionDescriptor.of(JAVA_INT, CX_CURSOR));
        getTypedefDeclUnderlyingType = fn("clang_getTypedefDeclUnderlyingType", FunctionDescriptor.of(CX_TYPE, CX_CURSOR));
        evaluate = fn("clang_Cursor_Evaluate", FunctionDescriptor.of(ADDRESS, CX_CURSOR));
        evalGetKind = fn("clang_EvalResult_getKind", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        evalIsUnsignedInt = fn("clang_EvalResult_isUnsignedInt", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        evalGetAsUnsigned = fn("clang_EvalResult_getAsUnsigned", FunctionDescriptor.of(JAVA_LONG, ADDRESS));
        evalGetAsLongLong = fn("clang_EvalResult_getAsLongLong", FunctionDescriptor.of(JAVA_LONG, ADDRESS));
        evalGetAsDouble = fn("clang_EvalResult_getAsDouble", FunctionDescriptor.of(JAVA_DOUBLE, ADDRESS));
        evalGetAsStr = fn("clang_EvalResult_getAsStr", FunctionDescriptor.of(ADDRESS, ADDRESS));
        evalDispose = fn("clang_EvalResult_dispose", FunctionDescriptor.ofVoid(ADDRESS));
        getCursorPrintingPolicy = fn("clang_getCursorPrintingPolicy", FunctionDescriptor.of(ADDRESS, CX_CURSOR));
        disposePrintingPolicy = fn("clang_PrintingPolicy_dispose", FunctionDescriptor.ofVoid(ADDRESS));
        getCursorPrettyPrinted = fn("clang_getCursorPrettyPrinted", FunctionDescriptor.of(CX_STRING, CX_CURSOR, ADDRESS));

        getTypeSpelling = fn("clang_getTypeSpelling", FunctionDescriptor.of(CX_STRING, CX_TYPE));
        getCanonicalType = fn("clang_getCanonicalType", FunctionDescriptor.of(CX_TYPE, CX_TYPE));
        getUnqualifiedType = fn("clang_getUnqualifiedType", FunctionDescriptor.of(CX_TYPE, CX_TYPE));
        getPointeeType = fn("clang_getPointeeType", FunctionDescriptor.of(CX_TYPE, CX_TYPE));
        getResultType = fn("clang_getResultType", FunctionDescriptor.of(CX_TYPE, CX_TYPE));
        getNumArgTypes = fn("clang_getNumArgTypes", FunctionDescriptor.of(JAVA_INT, CX_TYPE));
        getArgType = fn("clang_getArgType", FunctionDescriptor.of(CX_TYPE, CX_TYPE, JAVA_INT));
        isFunctionTypeVariadic = fn("clang_isFunctionTypeVariadic", FunctionDescriptor.of(JAVA_INT, CX_TYPE));
        getFunctionTypeCallingConv = fn("clang_getFunctionTypeCallingConv", FunctionDescriptor.of(JAVA_INT, CX_TYPE));
        getElementType = fn("clang_getElementType", FunctionDescriptor.of(CX_TYPE, CX_TYPE));
        getArraySize = fn("clang_getArraySize", FunctionDescriptor.of(JAVA_LONG, CX_TYPE));
        getTypeDeclaration = fn("clang_getTypeDeclaration", FunctionDescriptor.of(CX_CURSOR, CX_TYPE));
        getNamedType = fn("clang_Type_getNamedType", FunctionDescriptor.of(CX_TYPE, CX_TYPE));
        getModifiedType = fn("clang_Type_getModifiedType", FunctionDescriptor.of(CX_TYPE, CX_TYPE));
        getValueType = fn("clang_Type_getValueType", FunctionDescriptor.of(CX_TYPE, CX_TYPE));
        isConstQualifiedType = fn("clang_isConstQualifiedType", FunctionDescriptor.of(JAVA_INT, CX_TYPE));
        isVolatileQualifiedType = fn("clang_isVolatileQualifiedType", FunctionDescriptor.of(JAVA_INT, CX_TYPE));
        isRestrictQualifiedType = fn("clang_isRestrictQualifiedType", FunctionDescriptor.of(JAVA_INT, CX_TYPE));
        typeGetSizeOf = fn("clang_Type_getSizeOf", FunctionDescriptor.of(JAVA_LONG, CX_TYPE));
        typeGetAlignOf = fn("clang_Type_getAlignOf", FunctionDescriptor.of(JAVA_LONG, CX_TYPE));
        typeVisitFields = fn("clang_Type_visitFields", FunctionDescriptor.of(JAVA_INT, CX_TYPE, ADDRESS, ADDRESS));

        try {
            var lookupHere = MethodHandles.lookup();
            MethodHandle child = lookupHere.findStatic(Visits.class, "child",
                    MethodType.methodType(int.class, MemorySegment.class, MemorySegment.class, MemorySegment.class));
            childVisitor = LINKER.upcallStub(child, FunctionDescriptor.of(JAVA_INT, CX_CURSOR, CX_CURSOR, ADDRESS), Arena.global());
            MethodHandle field = lookupHere.findStatic(Visits.class, "field",
                    MethodType.methodType(int.class, MemorySegment.class, MemorySegment.class));
            fieldVisitor = LINKER.upcallStub(field, FunctionDescriptor.of(JAVA_INT, CX_CURSOR, ADDRESS), Arena.global());
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Keeps libclang's crash recovery off, before the first {@code clang_createIndex} would switch
     * it on. Its signal handlers are process-wide and do not chain: a SIGSEGV the JVM raises on
     * purpose (a safepoint poll, an implicit null check) on any thread while they are installed is
     * re-raised by LLVM with {@code kill} and the JVM dies ("SIGSEGV (sent by kill)" in JIT-compiled
     * code: {@code HeaderReaderTest.parsesSurviveTheJvmsOwnSignalsOnAnotherThread} found it). The
     * price: a crash inside Clang itself ends the process.
     */
    private static void disableCrashRecovery() {
        if (System.getenv("LIBCLANG_DISABLE_CRASH_RECOVERY") != null) return;
        MemorySegment setenv = LINKER.defaultLookup().find("setenv").orElseThrow(() ->
                new IllegalStateException("the C library has no setenv: cannot switch libclang's crash recovery off"));
        MethodHandle h = LINKER.downcallHandle(setenv, FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));
        try (Arena a = Arena.ofConfined()) {
            int rc = (int) h.invokeExact(a.allocateFrom("LIBCLANG_DISABLE_CRASH_RECOVERY"), a.allocateFrom("1"), 1);
            if (rc != 0) throw new IllegalStateException("setenv(LIBCLANG_DISABLE_CRASH_RECOVERY) failed");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private MethodHandle fn(String name, FunctionDescriptor descriptor) {
        MemorySegment symbol = lookup.find(name).orElseThrow(() -> new IllegalStateException(
                "libclang at " + path + " has no function " + name + ": dwarfbind needs libclang 16 or later"));
        return LINKER.downcallHandle(symbol, descriptor);
    }

    /** The Java string of a {@code CXString}, which is then disposed of. */
    String string(MemorySegment cxString) {
        try {
            MemorySegment chars = (MemorySegment) getCString.invokeExact(cxString);
            String s = chars.equals(MemorySegment.NULL) ? "" : chars.reinterpret(Long.MAX_VALUE).getString(0);
            disposeString.invokeExact(cxString);
            return s;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) return r;
        if (t instanceof Error e) throw e;
        return new IllegalStateException(t);
    }

    static final ValueLayout.OfInt UNSIGNED = JAVA_INT;
}
