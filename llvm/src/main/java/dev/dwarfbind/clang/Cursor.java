package dev.dwarfbind.clang;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * A libclang {@code CXCursor}: a declaration, macro definition or other node of a translation
 * unit. Valid while its {@link TranslationUnit} is open; used on the thread that parsed it.
 */
public final class Cursor {
    /** {@code CXCursor_StructDecl}. */
    public static final int STRUCT_DECL = 2;
    /** {@code CXCursor_UnionDecl}. */
    public static final int UNION_DECL = 3;
    /** {@code CXCursor_EnumDecl}. */
    public static final int ENUM_DECL = 5;
    /** {@code CXCursor_FieldDecl}. */
    public static final int FIELD_DECL = 6;
    /** {@code CXCursor_EnumConstantDecl}. */
    public static final int ENUM_CONSTANT_DECL = 7;
    /** {@code CXCursor_FunctionDecl}. */
    public static final int FUNCTION_DECL = 8;
    /** {@code CXCursor_VarDecl}. */
    public static final int VAR_DECL = 9;
    /** {@code CXCursor_ParmDecl}. */
    public static final int PARM_DECL = 10;
    /** {@code CXCursor_TypedefDecl}. */
    public static final int TYPEDEF_DECL = 20;
    /** {@code CXCursor_PackedAttr}. */
    public static final int PACKED_ATTR = 408;
    /** {@code CXCursor_MacroDefinition}. */
    public static final int MACRO_DEFINITION = 501;

    /** {@code CX_SC_Extern}. */
    public static final int STORAGE_EXTERN = 2;
    /** {@code CX_SC_Static}. */
    public static final int STORAGE_STATIC = 3;

    private final TranslationUnit tu;
    private final MemorySegment cursor;

    Cursor(TranslationUnit tu, MemorySegment cursor) {
        this.tu = tu;
        this.cursor = cursor;
    }

    private LibClang lib() {
        tu.checkOpen();
        return tu.lib;
    }

    private SegmentAllocator arena() {
        return tu.arena;
    }

    /** The cursor's {@code CXCursorKind}. */
    public int kind() {
        return cursor.get(JAVA_INT, 0);
    }

    /** Whether this is the null cursor (no such declaration). */
    public boolean isNull() {
        try {
            return (int) lib().cursorIsNull.invokeExact(cursor) != 0;
        } catch (Throwable t) {
            throw LibClang.rethrow(t);
        }
    }

    /** The name: of a declaration, a macro, a parameter; Clang's description for an unnamed record. */
    public String spelling() {
        try {
            return lib().string((MemorySegment) lib().getCursorSpelling.invokeExact(arena(), cursor));
        } catch (Throwable t) {
            throw LibClang.rethrow(t);
        }
    }

    /** The Unified Symbol Resolution: the same for every declaration of one entity, across files. */
    public String usr() {
        try {
            return lib().string((MemorySegment) lib().getCursorUSR.invokeExact(arena(), cursor));
        } catch (Throwable t) {
            throw LibClang.rethrow(t);
        }
    }

    /**
     * The symbol name the target gives a function or variable: its C name, or a decorated one
     * ({@code __regcall3__f}, i386 Windows' {@code _f@8}).
     */
    public String mangling() {
        try {
            return lib().string((MemorySegment) lib().getMangling.invokeExact(arena(), cursor));
        } catch (Throwable t) {
            throw LibClang.rethrow(t);
        }
    }

    /** The declared type of a declaration. */
    public ClangType type() {
        try {
            return new ClangType(tu, (MemorySegment) lib().getCursorType.invokeExact(arena(), cursor));
        } catch (Throwable t) {
            throw LibClang.rethrow(t);
        }
    }

    /** Where the cursor is, after macro expansion. */
    public SourceLocation location() {
        try {
            return tu.location((MemorySegment) lib().getCursorLocation.invokeExact(arena(), cursor));
        } catch (Throwable t) {
            throw LibClang.rethrow(t);
        }
    }

    /** Whether this declaration is also the definition. */
    public boolean isDefinition() {
        try {
            return (int) lib().isCursorDefinition.invokeExact(cursor) != 0;
        } catch (Throwable t) {
            throw LibClang.rethrow(t);
        }
    }

    /** The definition of the entity this declares, if the translation unit has one. */
    public Optional<Cursor> definition() {
        try {
            Cursor d = new Cursor(tu, (MemorySegment) lib().getCursorDefinition.invokeExact(arena(), cursor));
            return d.isNull() ? Optional.empty() : Optional.of(d);
        } catch (Throwable t) {
            throw LibClang.rethrow(t);
        }
    }

    /** The direct children, in source order. */
    public List<Cursor> children() {
        List<MemorySegment> segments = Visits.children(lib(), cursor, tu.arena);
        List<Cursor> out = new ArrayList<>(segments.size());
        for (MemorySegment s : segments) out.add(new Cursor(tu, s));
        return out;
    }

    /** Whether a macro definition takes arguments. */
    public boolean isMacroFunctionLike() {
        return flag(lib().isMacroFunctionLike);
    }

    /** Whether a macro is Clang's own ({@code __LINE__}, {@code __x86_64__}...). */
    public boolean isMacroBuiltin() {
        return flag(lib().isMacroBuiltin);
    }

    /** Whether a record declaration is an anonymous struct or union member ({@code struct { int a; };}). */
    public boolean isAnonymousRecordDecl() {
        return flag(lib().isAnonymousRecordDecl);
    }

    /** Whether a field is a bitfield. */
    public boolean isBitField() {
        return flag(lib().isBitField);
    }

    /** The width of a bitfield in bits. */
    public int bitWidth() {
        try {
            return (int) lib().getFieldDeclBitWidth.invokeExact(cursor);
        } catch (Throwable t) {
            throw LibClang.rethrow(t);
        }
    }

    /** A field's offset in bits from the start of its record, as Clang lays it out; negative if unknown. */
    public long fieldBitOffset() {
        try {
            return (long) lib().getOffsetOfField.invokeExact(cursor);
        } catch (Throwable t) {
            throw LibClang.rethrow(t);
        }
    }

    /** The integer type of an enum declaration. */
    public ClangType enumIntegerType() {
        try {
            return new ClangType(tu, (MemorySegment) lib().getEnumDeclIntegerType.invokeExact(arena(), cursor));
        } catch (Throwable t) {
            throw LibClang.rethrow(t);
        }
    }

    /** An enumerator's value as a signed 64-bit integer. */
    public long enumValue() {
        try {
            return (long) lib().getEnumConstantDeclValue.invokeExact(cursor);
        } catch (Throwable t) {
            throw LibClang.rethrow(t);
        }
    }

    /** An enumerator's value as an unsigned 64-bit integer (bit pattern in a long). */
    public long enumUnsignedValue() {
        try {
            return (long) lib().getEnumConstantDeclUnsignedValue.invokeExact(cursor);
        } catch (Throwable t) {
            throw LibClang.rethrow(t);
        }
    }

    /** The parameters of a function declaration, or an empty list. */
    public List<Cursor> arguments() {
        try {
            int n = (int) lib().getNumArguments.invokeExact(cursor);
            List<Cursor> out = new ArrayList<>(Math.max(n, 0));
            for (int i = 0; i < n; i++) {
                out.add(new Cursor(tu, (MemorySegment) lib().getArgument.invokeExact(arena(), cursor, i)));
            }
            return out;
        } catch (Throwable t) {
            throw LibClang.rethrow(t);
        }
    }

    /** The {@code CX_StorageClass} of a function or variable declaration. */
    public int storageClass() {
        try {
            return (int) lib().getStorageClass.invokeExact(cursor);
        } catch (Throwable t) {
            throw LibClang.rethrow(t);
        }
    }

    /** The type a typedef declaration names. */
    public ClangType typedefUnderlyingType() {
        try {
            return new ClangType(tu, (MemorySegment) lib().getTypedefDeclUnderlyingType.invokeExact(arena(), cursor));
        } catch (Throwable t) {
            throw LibClang.rethrow(t);
        }
    }

    /** The declaration as Clang prints it back (attributes such as {@code _Noreturn} included). */
    public String prettyPrinted() {
        try {
            MemorySegment policy = (MemorySegment) lib().getCursorPrintingPolicy.invokeExact(cursor);
            try {
                return lib().string((MemorySegment) lib().getCursorPrettyPrinted.invokeExact(arena(), cursor, policy));
            } finally {
                lib().disposePrintingPolicy.invokeExact(policy);
            }
        } catch (Throwable t) {
            throw LibClang.rethrow(t);
        }
    }

    /**
     * Evaluates the initializer of a variable declaration (or an expression) as a constant, the
     * way Clang's constant evaluator does: an integer (with its signedness), a double or a string
     * literal; empty if it is not a constant of those kinds.
     */
    @SuppressWarnings("restricted")   // a C string libclang owns, read up to its NUL
    public Optional<Evaluation> evaluate() {
        try {
            MemorySegment r = (MemorySegment) lib().evaluate.invokeExact(cursor);
            if (r.equals(MemorySegment.NULL)) return Optional.empty();
            try {
                int kind = (int) lib().evalGetKind.invokeExact(r);
                return switch (kind) {
                    case 1 -> {
                        boolean unsigned = (int) lib().evalIsUnsignedInt.invokeExact(r) != 0;
                        long v = unsigned ? (long) lib().evalGetAsUnsigned.invokeExact(r) : (long) lib().evalGetAsLongLong.invokeExact(r);
                        yield Optional.of(new Evaluation.Integer(v, unsigned));
                    }
                    case 2 -> Optional.of(new Evaluation.Floating((double) lib().evalGetAsDouble.invokeExact(r)));
                    case 4 -> {
                        MemorySegment s = (MemorySegment) lib().evalGetAsStr.invokeExact(r);
                        yield s.equals(MemorySegment.NULL) ? Optional.empty()
                                : Optional.of(new Evaluation.Str(s.reinterpret(Long.MAX_VALUE).getString(0)));
                    }
                    default -> Optional.empty();
                };
            } finally {
                lib().evalDispose.invokeExact(r);
            }
        } catch (Throwable t) {
            throw LibClang.rethrow(t);
        }
    }

    private boolean flag(java.lang.invoke.MethodHandle h) {
        try {
            return (int) h.invokeExact(cursor) != 0;
        } catch (Throwable t) {
            throw LibClang.rethrow(t);
        }
    }

    @Override
    public String toString() {
        return "cursor " + kind() + " " + spelling() + " at " + location();
    }
}
