package dev.dwarfbind.pdb;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** i386 name decoration, as the Microsoft C compilers write it for each convention. */
class UndecorateTest {
    @Test
    void stripsEachConventionsDecoration() {
        assertEquals("f", PdbTypeSource.undecorate("_f"));        // cdecl
        assertEquals("f", PdbTypeSource.undecorate("_f@8"));      // stdcall
        assertEquals("f", PdbTypeSource.undecorate("@f@8"));      // fastcall
        assertEquals("f", PdbTypeSource.undecorate("f@@16"));     // vectorcall
        assertEquals("plain", PdbTypeSource.undecorate("plain"));  // x64: undecorated
        assertEquals("a@b", PdbTypeSource.undecorate("a@b"));      // not a byte count: kept
    }
}
