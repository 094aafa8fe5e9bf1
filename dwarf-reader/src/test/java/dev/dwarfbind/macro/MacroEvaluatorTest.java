package dev.dwarfbind.macro;

import dev.dwarfbind.types.DataModel;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The evaluator on its own: data models, and bodies a hostile debug file could hold (expansions
 * that double at every level, chains thousands of macros long, cycles). Values are checked
 * against the C compiler in {@code MacroConstantsTest}; here what matters is the model and that
 * nothing runs away.
 */
class MacroEvaluatorTest {
    private static MacroValue eval(Map<String, String> defs, String name, DataModel model) {
        var parsed = new HashMap<String, MacroDefinition>();
        defs.forEach((k, v) -> parsed.put(k, MacroDefinition.parse(k + " " + v)));
        return new MacroEvaluator(parsed::get, model, true).evaluate(parsed.get(name));
    }

    private static MacroValue eval(String body) {
        return eval(Map.of("X", body), "X", DataModel.LP64);
    }

    @Test
    void longFollowsTheDataModel() {
        var lp64 = (MacroValue.Evaluated) eval(Map.of("X", "3000000000"), "X", DataModel.LP64);
        assertEquals("long", lp64.type().name());
        assertEquals(8, lp64.type().size());
        var llp64 = (MacroValue.Evaluated) eval(Map.of("X", "3000000000"), "X", DataModel.LLP64);
        assertEquals("long long", llp64.type().name(), "a 4-byte long cannot hold it");
        var ilp32 = (MacroValue.Evaluated) eval(Map.of("X", "(size_t)-1"), "X", DataModel.ILP32);
        assertEquals(new BigInteger("4294967295"), ilp32.value());
        var ulong = (MacroValue.Evaluated) eval(Map.of("X", "-1UL"), "X", DataModel.LLP64);
        assertEquals(new BigInteger("4294967295"), ulong.value());
    }

    @Test
    void cUsualArithmeticConversions() {
        assertEquals(BigInteger.ZERO, ((MacroValue.Evaluated) eval("-1 < 0u")).value(), "-1 becomes UINT_MAX");
        assertEquals(BigInteger.ONE, ((MacroValue.Evaluated) eval("-1L < 0u")).value(), "long holds every unsigned int");
        assertEquals(BigInteger.valueOf(-3), ((MacroValue.Evaluated) eval("-7 / 2")).value(), "division truncates");
        assertEquals(BigInteger.valueOf(-1), ((MacroValue.Evaluated) eval("-7 % 2")).value());
        assertEquals(BigInteger.valueOf(-4), ((MacroValue.Evaluated) eval("-7 >> 1")).value(), "arithmetic shift, as gcc");
        assertEquals(new BigInteger("4294967295"), ((MacroValue.Evaluated) eval("~0u")).value());
        assertEquals(0.1f, ((Double) ((MacroValue.Evaluated) eval("0.1f")).value()).floatValue());
        assertEquals(BigInteger.valueOf(-1), ((MacroValue.Evaluated) eval("'\\377'")).value(), "plain char is signed here");
    }

    @Test
    void undefinedBehaviourIsNotAConstant() {
        assertTrue(((MacroValue.LeftOut) eval("1 << 32")).reason().contains("shifts a 32-bit int by 32"));
        assertTrue(((MacroValue.LeftOut) eval("-1 << 1")).reason().contains("negative"));
        assertTrue(((MacroValue.LeftOut) eval("2147483647 + 1")).reason().contains("overflows int"));
        assertTrue(((MacroValue.LeftOut) eval("(int)1e10")).reason().contains("does not fit int"));
        assertTrue(eval("1 ? 2 : 1/0") instanceof MacroValue.Evaluated, "the untaken side is not evaluated");
        assertTrue(((MacroValue.LeftOut) eval("1.0/0.0")).reason().contains("not finite"));
    }

    @Test
    void malformedBodies() {
        for (String body : new String[]{"(1", "1)", "1 +", "\"open", "'ab'", "0x", "08", "1.0q", "1 2", "@", "a.b", "(*)1", "x[1]"}) {
            assertTrue(eval(body) instanceof MacroValue.LeftOut, body);
        }
    }

    @Test
    void expansionThatDoublesStopsAtItsLimit() {
        var defs = new HashMap<String, String>();
        defs.put("M0", "1");
        for (int i = 1; i <= 40; i++) defs.put("M" + i, "(M" + (i - 1) + " + M" + (i - 1) + ")");
        var v = (MacroValue.LeftOut) eval(defs, "M40", DataModel.LP64);
        assertTrue(v.reason().contains("more than 100000 tokens"), v.reason());
    }

    @Test
    void longChainsAndCycles() {
        var defs = new HashMap<String, String>();
        for (int i = 0; i < 5000; i++) defs.put("C" + i, "C" + (i + 1));
        defs.put("C5000", "7");
        var v = (MacroValue.LeftOut) eval(defs, "C0", DataModel.LP64);
        assertTrue(v.reason().contains("inside one another"), v.reason());
        var cycle = (MacroValue.LeftOut) eval(Map.of("A", "B + 1", "B", "A + 1"), "A", DataModel.LP64);
        assertTrue(cycle.reason().contains("refers to A"), cycle.reason());
        var deep = new StringBuilder();
        deep.append("(".repeat(20_000)).append('1').append(")".repeat(20_000));
        assertTrue(eval(deep.toString()) instanceof MacroValue.LeftOut, "parentheses nested past the parser's depth");
        assertTrue(eval("- ".repeat(50_000) + "1") instanceof MacroValue.LeftOut, "unary operators past the depth");
        assertTrue(eval("1?".repeat(50_000) + "1" + ":1".repeat(50_000)) instanceof MacroValue.LeftOut, "?: past the depth");
    }
}
