package gen.ffi;

import java.lang.foreign.Arena;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/** libffi through its generated bindings only: a call interface prepared and C functions called through it. */
@SuppressWarnings("restricted")
public final class FfiUsage {
    private FfiUsage() {
    }

    static void check(boolean ok, String what) {
        if (!ok) throw new AssertionError(what);
    }

    /** A C array of pointers. */
    static MemorySegment pointers(Arena arena, MemorySegment... values) {
        MemorySegment a = arena.allocate(ADDRESS, values.length);
        for (int i = 0; i < values.length; i++) a.setAtIndex(ADDRESS, i, values[i]);
        return a;
    }

    public static void main(String[] args) {
        MemorySegment labs = Linker.nativeLinker().defaultLookup().find("labs").orElseThrow();
        MemorySegment ldexp = Linker.nativeLinker().defaultLookup().find("ldexp").orElseThrow();
        try (Arena arena = Arena.ofConfined()) {
            // long labs(long)
            MemorySegment cif = ffi_cif.allocate(arena);
            MemorySegment atypes = arena.allocateFrom(ADDRESS, Ffi.ffi_type_sint64());
            check(Ffi.ffi_prep_cif(cif, Ffi.FFI_DEFAULT_ABI, 1, Ffi.ffi_type_sint64(), atypes) == Ffi.FFI_OK, "ffi_prep_cif");
            check(ffi_cif.nargs(cif) == 1 && ffi_cif.abi(cif) == Ffi.FFI_DEFAULT_ABI, "ffi_cif members");
            // FFI_TYPE_SINT64 is 12, a macro of ffi.h.
            check(_ffi_type.size(Ffi.ffi_type_sint64()) == 8 && _ffi_type.type(Ffi.ffi_type_sint64()) == 12, "ffi_type_sint64: " + _ffi_type.size(Ffi.ffi_type_sint64()));
            MemorySegment arg = arena.allocateFrom(JAVA_LONG, -42);
            MemorySegment argv = arena.allocateFrom(ADDRESS, arg);
            MemorySegment result = arena.allocate(JAVA_LONG);
            Ffi.ffi_call(cif, labs, result, argv);
            check(result.get(JAVA_LONG, 0) == 42, "ffi_call labs(-42) = " + result.get(JAVA_LONG, 0));

            // double ldexp(double, int)
            MemorySegment cif2 = ffi_cif.allocate(arena);
            MemorySegment atypes2 = pointers(arena, Ffi.ffi_type_double(), Ffi.ffi_type_sint32());
            check(Ffi.ffi_prep_cif(cif2, Ffi.FFI_DEFAULT_ABI, 2, Ffi.ffi_type_double(), atypes2) == Ffi.FFI_OK, "ffi_prep_cif 2");
            MemorySegment x = arena.allocateFrom(JAVA_DOUBLE, 1.5);
            MemorySegment e = arena.allocateFrom(java.lang.foreign.ValueLayout.JAVA_INT, 4);
            MemorySegment d = arena.allocate(JAVA_DOUBLE);
            Ffi.ffi_call(cif2, ldexp, d, pointers(arena, x, e));
            check(d.get(JAVA_DOUBLE, 0) == 24.0, "ffi_call ldexp(1.5, 4) = " + d.get(JAVA_DOUBLE, 0));

            // A bad ABI is refused by libffi.
            check(Ffi.ffi_prep_cif(ffi_cif.allocate(arena), 999, 1, Ffi.ffi_type_sint64(), atypes) == Ffi.FFI_BAD_ABI, "FFI_BAD_ABI");
        }
    }
}
