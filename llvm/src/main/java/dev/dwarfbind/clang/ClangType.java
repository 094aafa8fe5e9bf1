package dev.dwarfbind.clang;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;

import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * A libclang {@code CXType}. Valid while its {@link TranslationUnit} is open; used on the thread
 * that parsed it. The kind constants are {@code CXTypeKind}'s.
 */
public final class ClangType {
    public static final int INVALID = 0;
    public static final int UNEXPOSED = 1;
    public static final int VOID = 2;
    public static final int BOOL = 3;
    public static final int CHAR_U = 4;
    public static final int UCHAR = 5;
    public static final int CHAR16 = 6;
    public static final int CHAR32 = 7;
    public static final int USHORT = 8;
    public static final int UINT = 9;
    public static final int ULONG = 10;
    public static final int ULONGLONG = 11;
    public static final int UINT128 = 12;
    public static final int CHAR_S = 13;
    public static final int SCHAR = 14;
    public static final int WCHAR = 15;
    public static final int SHORT = 16;
    public static final int INT = 17;
    public static final int LONG = 18;
    public static final int LONGLONG = 19;
    public static final int INT128 = 20;
    public static final int FLOAT = 21;
    public static final int DOUBLE = 22;
    public static final int LONGDOUBLE = 23;
    public static final int FLOAT128 = 30;
    public static final int HALF = 31;
    public static final int FLOAT16 = 32;
    public static final int BFLOAT16 = 39;
    public static final int COMPLEX = 100;
    public static final int POINTER = 101;
    public static final int BLOCK_POINTER = 102;
    public static final int RECORD = 105;
    public static final int ENUM = 106;
    public static final int TYPEDEF = 107;
    public static final int FUNCTION_NO_PROTO = 110;
    public static final int FUNCTION_PROTO = 111;
    public static final int CONSTANT_ARRAY = 112;
    public static final int VECTOR = 113;
    public static final int INCOMPLETE_ARRAY = 114;
    public static final int VARIABLE_ARRAY = 115;
    public static final int AUTO = 118;
    public static final int ELABORATED = 119;
    public static final int ATTRIBUTED = 163;
    public static final int ATOMIC = 177;
    public static final int BTF_TAG_ATTRIBUTED = 178;

    private final TranslationUnit tu;
    private final MemorySegment type;

    ClangType(TranslationUnit tu, MemorySegment type) {
        this.tu = tu;
        this.type = type;
    }

    private LibClang lib() {
        tu.checkOpen();
        return tu.lib;
    }

    private SegmentAllocator arena() {
        return tu.arena;
    }

    /** The {@code CXTypeKind}. */
    public int kind() {
        return type.get(JAVA_INT, 0);
    }

    /** The type as Clang spells it, e.g. {@code "const char *"}. */
    public String spelling() {
        try {
            return lib().string((MemorySegment) lib().getTypeSpelling.invokeExact(arena(), type));
        } catch (Throwable t) {
            throw LibClang.rethrow(t);
        }
    }

    private ClangType derived(MethodHandle h) {
        try {
            return new ClangType(tu, (MemorySegment) h.invokeExact(arena(), type));
        } catch (Throwable t) {
            throw LibClang.rethrow(t);
        }
    }

    /** The type with every typedef and sugar removed. */
    public ClangType canonical() {
        return derived(lib().getCanonicalType);
    }

    /** The type without its qualifiers. */
    public ClangType unqualified() {
        return derived(lib().getUnqualifiedType);
    }

    /** What a pointer points to. */
    public ClangType pointee() {
        return derived(lib().getPointeeType);
    }

    /** What a function type returns. */
    public ClangType resultType() {
        return derived(lib().getResultType);
    }

    /** The element type of an array, vector or complex type. */
    public ClangType elementType() {
        return derived(lib().getElementType);
    }

    /** The type an elaborated type ({@code struct s}, a typedef name) names. */
    public ClangType namedType() {
        return derived(lib().getNamedType);
    }

    /** The type an attributed type modifies. */
    public ClangType modifiedType() {
        return derived(lib().getModifiedType);
    }

    /** The type inside {@code _Atomic(T)}. */
    public ClangType valueType() {
        return derived(lib().getValueType);
    }

    /** The declaration of a record, enum or typedef type. */
    public Cursor declaration() {
        try {
            return new Cursor(tu, (MemorySegment) lib().getTypeDeclaration.invokeExact(arena(), type));
        } catch (Throwable t) {
            throw LibClang.rethrow(t);
        }
    }

    /** The parameter types of a prototyped function type. */
    public List<ClangType> argumentTypes() {
        try {
            int n = (int) lib().getNumArgTypes.invokeExact(type);
            List<ClangType> out = new ArrayList<>(Math.max(n, 0));
            for (int i = 0; i < n; i++) {
                out.add(new ClangType(tu, (MemorySegment) lib().getArgType.invokeExact(arena(), type, i)));
            }
            return out;
        } catch (Throwable t) {
            throw LibClang.rethrow(t);
        }
    }

    /** Whether a function type ends in {@code ...}. */
    public boolean isVariadic() {
        return flag(lib().isFunctionTypeVariadic);
    }

    /** The {@code CXCallingConv} of a function type. */
    public int callingConvention() {
        try {
            return (int) lib().getFunctionTypeCallingConv.invokeExact(type);
        } catch (Throwable t) {
            throw LibClang.rethrow(t);
        }
    }

    /** The element count of a constant array, -1 otherwise. */
    public long arraySize() {
        try {
            return (long) lib().getArraySize.invokeExact(type);
        } catch (Throwable t) {
            throw LibClang.rethrow(t);
        }
    }

    /** Whether {@code const} qualifies this type itself (not what it points to). */
    public boolean isConst() {
        return flag(lib().isConstQualifiedType);
    }

    /** Whether {@code volatile} qualifies this type itself. */
    public boolean isVolatile() {
        return flag(lib().isVolatileQualifiedType);
    }

    /** Whether {@code restrict} qualifies this type itself. */
    public boolean isRestrict() {
        return flag(lib().isRestrictQualifiedType);
    }

    /** Size in bytes as Clang lays it out for the target, or a negative {@code CXTypeLayoutError}. */
    public long sizeOf() {
        try {
            return (long) lib().typeGetSizeOf.invokeExact(type);
        } catch (Throwable t) {
            throw LibClang.rethrow(t);
        }
    }

    /** Alignment in bytes, or a negative {@code CXTypeLayoutError}. */
    public long alignOf() {
        try {
            return (long) lib().typeGetAlignOf.invokeExact(type);
        } catch (Throwable t) {
            throw LibClang.rethrow(t);
        }
    }

    /** The fields of a record type in declaration order, the unnamed fields of anonymous members included. */
    public List<Cursor> fields() {
        List<MemorySegment> segments = Visits.fields(lib(), type, tu.arena);
        List<Cursor> out = new ArrayList<>(segments.size());
        for (MemorySegment s : segments) out.add(new Cursor(tu, s));
        return out;
    }

    private boolean flag(MethodHandle h) {
        try {
            return (int) h.invokeExact(type) != 0;
        } catch (Throwable t) {
            throw LibClang.rethrow(t);
        }
    }

    @Override
    public String toString() {
        return spelling();
    }
}
