package dev.dwarfbind.gen.write;

import dev.dwarfbind.gen.model.Carrier;

import java.lang.foreign.AddressLayout;
import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.PaddingLayout;
import java.lang.foreign.SequenceLayout;
import java.lang.foreign.StructLayout;
import java.lang.foreign.UnionLayout;
import java.lang.foreign.ValueLayout;

/**
 * Memory layouts as Java expressions that rebuild them: the generator computes a layout once (the
 * loader's), and generated code constructs the same one. Generated code imports
 * {@code java.lang.foreign.*} and statically imports {@code ValueLayout.*}.
 */
final class Layouts {
    private Layouts() {
    }

    /** An expression of {@code m}'s own static type (a {@code StructLayout} stays one). */
    static String expr(MemoryLayout m) {
        String base = switch (m) {
            case ValueLayout v -> withAlignment(Carrier.of(v).constant(), v.byteAlignment(), natural(v));
            case PaddingLayout p -> "MemoryLayout.paddingLayout(" + p.byteSize() + ")";
            case SequenceLayout s -> withAlignment("MemoryLayout.sequenceLayout(" + s.elementCount() + ", " + expr(s.elementLayout()) + ")",
                    s.byteAlignment(), s.elementLayout().byteAlignment());
            case GroupLayout g -> {
                var b = new StringBuilder(g instanceof StructLayout ? "MemoryLayout.structLayout(" : "MemoryLayout.unionLayout(");
                long natural = 1;
                for (int i = 0; i < g.memberLayouts().size(); i++) {
                    MemoryLayout member = g.memberLayouts().get(i);
                    natural = Math.max(natural, member.byteAlignment());
                    if (i > 0) b.append(",\n    ");
                    b.append(expr(member).replace("\n", "\n    "));
                }
                yield withAlignment(b.append(')').toString(), g.byteAlignment(), natural);
            }
        };
        return m.name().map(n -> base + ".withName(" + Text.string(n) + ")").orElse(base);
    }

    /** The static type of {@link #expr}'s value. */
    static String type(MemoryLayout m) {
        return switch (m) {
            case AddressLayout a -> "AddressLayout";
            case ValueLayout v -> Carrier.of(v).layoutClass();
            case StructLayout s -> "StructLayout";
            case UnionLayout u -> "UnionLayout";
            case SequenceLayout s -> "SequenceLayout";
            case PaddingLayout p -> "PaddingLayout";
        };
    }

    private static long natural(ValueLayout v) {
        return v instanceof AddressLayout ? ValueLayout.ADDRESS.byteAlignment() : v.byteSize();
    }

    private static String withAlignment(String e, long alignment, long natural) {
        return alignment == natural ? e : e + ".withByteAlignment(" + alignment + ")";
    }
}
