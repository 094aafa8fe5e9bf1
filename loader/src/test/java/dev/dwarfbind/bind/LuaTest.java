package dev.dwarfbind.bind;

import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Debian's Lua ({@code liblua5.4-0}), typed only by the dwz-packaged debug file of
 * {@code liblua5.4-0-dbg} and its supplementary file: a chunk compiled and run from Java.
 */
class LuaTest {
    @Test
    void runsAChunk() throws Exception {
        try (Library lua = Library.open("lua5.4")) {
            MemorySegment state = (MemorySegment) lua.function("luaL_newstate").invoke();
            assertFalse(state.equals(MemorySegment.NULL));
            try {
                assertEquals(0, lua.function("luaL_loadstring").invoke(state, "return 6*7"));
                // lua_pcall is a macro for lua_pcallk(L, nargs, nresults, errfunc, 0, NULL).
                assertEquals(0, lua.function("lua_pcallk").invoke(state, 0, 1, 0, 0L, null));
                assertEquals(42.0, lua.function("lua_tonumberx").invoke(state, -1, null));
            } finally {
                lua.function("lua_close").invoke(state);
            }
        }
    }
}
