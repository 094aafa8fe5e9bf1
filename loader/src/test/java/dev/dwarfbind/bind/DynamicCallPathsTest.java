package dev.dwarfbind.bind;

import dev.dwarfbind.bind.error.ArgumentException;
import dev.dwarfbind.types.FunctionType;
import dev.dwarfbind.types.ScalarType;
import dev.dwarfbind.types.TypeSystem;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Dynamic calls take a generated, allocation-free path for scalar signatures once a function has
 * been called a few times: every rule of the checked path must still hold on it.
 */
class DynamicCallPathsTest {
    private static final int WARM = 100;

    @Test
    void theFastPathKeepsEveryCheck() throws Exception {
        try (Library lib = Library.open(LoaderFixtures.library(LoaderTest.FLAVOURS[0], "demo"))) {
            NativeFunction add = lib.function("add");
            for (int i = 0; i < WARM; i++) assertEquals(i + 1, add.invoke(i, 1));
            assertEquals(Integer.MIN_VALUE, add.invoke(Integer.MAX_VALUE, 1), "int overflow wraps as in C");
            assertEquals(7, add.invoke((short) 3, (byte) 4), "other boxes take the general path");
            assertEquals(7, add.invoke(3L, 4), "a Long in int range converts");
            assertThrows(ArgumentException.class, () -> add.invoke(1L << 40, 1));
            assertThrows(ArgumentException.class, () -> add.invoke(1));
            assertThrows(ArgumentException.class, () -> add.invoke(1, 2, 3));
            assertThrows(ArgumentException.class, () -> add.invoke(1, "two"));
            assertThrows(ArgumentException.class, () -> add.invoke((Object[]) null));
        }
    }

    @Test
    void narrowAndUnsignedParametersStayRangeChecked() throws Exception {
        try (Library lib = Library.open(LoaderFixtures.library(LoaderTest.FLAVOURS[0], "types"))) {
            TypeSystem ts = lib.types();
            // Every function of one scalar parameter returning the same type: called warm, then out of range.
            int checked = 0;
            for (var f : ts.functions().values()) {
                FunctionType t = ts.signature(f);
                if (t.parameters().size() != 1 || t.variadic()) continue;
                if (!(ts.type(ts.strip(t.parameters().getFirst().type())) instanceof ScalarType s) || !s.kind().isInteger()
                        || s.kind() == dev.dwarfbind.types.ScalarKind.BOOL
                        || s.byteSize() > 2) continue;
                NativeFunction fn = lib.function(f.name());
                for (int i = 0; i < WARM; i++) fn.invoke(1);
                int tooBig = s.signed() ? 1 << (s.byteSize() * 8 - 1) : 1 << (s.byteSize() * 8);
                var e = assertThrows(ArgumentException.class, () -> fn.invoke(tooBig), f.name());
                assertTrue(e.getMessage().contains("does not fit"), e.getMessage());
                if (!s.signed()) assertThrows(ArgumentException.class, () -> fn.invoke(-1), f.name());
                checked++;
            }
            assertTrue(checked >= 3, "libtypes has functions of one char or short parameter: " + checked);
        }
    }
}
