package dev.dwarfbind.pdb;

import dev.dwarfbind.types.PointerType;
import dev.dwarfbind.types.ScalarKind;
import dev.dwarfbind.types.ScalarType;
import dev.dwarfbind.types.Target;
import dev.dwarfbind.types.TypeSystemBuilder;
import dev.dwarfbind.types.TypedefType;
import dev.dwarfbind.types.VoidType;

/**
 * CodeView's simple types: an index below 0x1000 is a built-in type (low byte) reached directly
 * or through a pointer of the mode in bits 8-11. Names are the C spellings an MSVC-ABI compiler
 * means: {@code T_LONG} is {@code long} (4 bytes on Windows), {@code T_QUAD} {@code long long};
 * {@code wchar_t} and {@code HRESULT} become typedefs, as they are in C.
 */
final class SimpleTypes {
    private SimpleTypes() {
    }

    /** The builder id of simple type {@code index}. */
    static int add(TypeSystemBuilder b, Target target, long index) {
        int kind = (int) (index & 0xff);
        int mode = (int) ((index >> 8) & 0xf);
        int base = base(b, target, kind, index);
        return switch (mode) {
            case 0 -> base;
            case 4, 5 -> b.add(new PointerType(base, 4));  // near32 / far32
            case 6 -> b.add(new PointerType(base, 8));     // near64
            case 1, 2, 3 -> throw new UnsupportedCodeViewException("16-bit pointer (simple type 0x" + Long.toHexString(index) + ")");
            default -> throw new UnsupportedCodeViewException("pointer mode " + mode + " (simple type 0x" + Long.toHexString(index) + ")");
        };
    }

    private static int base(TypeSystemBuilder b, Target t, int kind, long index) {
        return switch (kind) {
            case 0x03 -> b.add(new VoidType());
            case 0x08 -> b.add(new TypedefType("HRESULT", scalar(b, t, "long", ScalarKind.SIGNED, 4, true)));
            case 0x10 -> scalar(b, t, "signed char", ScalarKind.SIGNED_CHAR, 1, true);
            case 0x20 -> scalar(b, t, "unsigned char", ScalarKind.UNSIGNED_CHAR, 1, false);
            case 0x70 -> scalar(b, t, "char", ScalarKind.CHAR, 1, true);  // MSVC's char is signed
            case 0x68 -> scalar(b, t, "signed char", ScalarKind.SIGNED_CHAR, 1, true);
            case 0x69 -> scalar(b, t, "unsigned char", ScalarKind.UNSIGNED_CHAR, 1, false);
            case 0x71 -> b.add(new TypedefType("wchar_t", scalar(b, t, "unsigned short", ScalarKind.UNSIGNED, 2, false)));
            case 0x7a -> scalar(b, t, "char16_t", ScalarKind.UNICODE_CHAR, 2, false);
            case 0x7b -> scalar(b, t, "char32_t", ScalarKind.UNICODE_CHAR, 4, false);
            case 0x7c -> scalar(b, t, "char8_t", ScalarKind.UNICODE_CHAR, 1, false);
            case 0x11, 0x72 -> scalar(b, t, "short", ScalarKind.SIGNED, 2, true);
            case 0x21, 0x73 -> scalar(b, t, "unsigned short", ScalarKind.UNSIGNED, 2, false);
            case 0x12 -> scalar(b, t, "long", ScalarKind.SIGNED, 4, true);
            case 0x22 -> scalar(b, t, "unsigned long", ScalarKind.UNSIGNED, 4, false);
            case 0x74 -> scalar(b, t, "int", ScalarKind.SIGNED, 4, true);
            case 0x75 -> scalar(b, t, "unsigned int", ScalarKind.UNSIGNED, 4, false);
            case 0x13, 0x76 -> scalar(b, t, "long long", ScalarKind.SIGNED, 8, true);
            case 0x23, 0x77 -> scalar(b, t, "unsigned long long", ScalarKind.UNSIGNED, 8, false);
            case 0x14, 0x78 -> scalar(b, t, "__int128", ScalarKind.SIGNED, 16, true);
            case 0x24, 0x79 -> scalar(b, t, "unsigned __int128", ScalarKind.UNSIGNED, 16, false);
            case 0x30 -> scalar(b, t, "_Bool", ScalarKind.BOOL, 1, false);
            case 0x31 -> scalar(b, t, "__bool16", ScalarKind.BOOL, 2, false);
            case 0x32 -> scalar(b, t, "__bool32", ScalarKind.BOOL, 4, false);
            case 0x33 -> scalar(b, t, "__bool64", ScalarKind.BOOL, 8, false);
            case 0x46 -> scalar(b, t, "_Float16", ScalarKind.FLOAT, 2, true);
            case 0x40 -> scalar(b, t, "float", ScalarKind.FLOAT, 4, true);
            case 0x41 -> scalar(b, t, "double", ScalarKind.FLOAT, 8, true);
            // The x87 format: 10 bytes of value, stored in 16 (x86-64) or 12 (i386) as MinGW does.
            case 0x42 -> scalar(b, t, "long double", ScalarKind.FLOAT, t.pointerSize() == 8 ? 16 : 12, true);
            case 0x43 -> scalar(b, t, "__float128", ScalarKind.FLOAT, 16, true);
            case 0x50 -> scalar(b, t, "_Complex float", ScalarKind.COMPLEX, 8, true);
            case 0x51 -> scalar(b, t, "_Complex double", ScalarKind.COMPLEX, 16, true);
            case 0x52 -> scalar(b, t, "_Complex long double", ScalarKind.COMPLEX, t.pointerSize() == 8 ? 32 : 24, true);
            case 0x00 -> throw new UnsupportedCodeViewException("no type (T_NOTYPE) where a type is needed");
            default -> throw new UnsupportedCodeViewException("simple type 0x" + Long.toHexString(index) + " has no C equivalent dwarfbind knows");
        };
    }

    private static int scalar(TypeSystemBuilder b, Target t, String name, ScalarKind kind, int size, boolean signed) {
        return b.add(new ScalarType(name, kind, size, t.scalarAlignment(kind, size), signed));
    }
}
