package dev.dwarfbind.types;

import java.util.ArrayDeque;
import java.util.List;

/**
 * Checks how deep the derived types of a finished list of types nest, without recursing: a
 * builder whose derived types were defined before what they refer to (as a JSON document may
 * order them) only knows their nesting once every id is defined.
 */
final class NestingCheck {
    private NestingCheck() {
    }

    /**
     * Throws if a chain of derived types is longer than {@code max} or loops.
     *
     * @throws IllegalArgumentException naming the type where the limit is exceeded
     */
    static void check(List<CType> types, int max) {
        int[] depth = new int[types.size()]; // 0 unknown, -1 on the current path
        int[] deepest = new int[types.size()];
        int[] next = new int[types.size()];   // the next reference of a type on the path to look at
        int[][] refsOf = new int[types.size()][];
        var stack = new ArrayDeque<Integer>();
        for (int root = 0; root < types.size(); root++) {
            if (depth[root] != 0) continue;
            stack.push(root);
            depth[root] = -1;
            while (!stack.isEmpty()) {
                int id = stack.peek();
                int[] refs = refsOf[id] != null ? refsOf[id] : (refsOf[id] = derivedReferences(types.get(id)));
                if (next[id] < refs.length) {
                    int ref = refs[next[id]++];
                    if (ref < 0 || ref >= types.size()) continue;
                    if (depth[ref] == -1) throw new IllegalArgumentException("type " + ref + " refers to itself through derived types");
                    if (depth[ref] == 0) {
                        depth[ref] = -1;
                        stack.push(ref);
                    } else {
                        deepest[id] = Math.max(deepest[id], depth[ref]);
                    }
                    continue;
                }
                stack.pop();
                refsOf[id] = null;
                depth[id] = deepest[id] + 1;
                if (depth[id] > max) {
                    throw new IllegalArgumentException("type " + id + " nests " + depth[id] + " deep, more than the " + max + " supported");
                }
                if (!stack.isEmpty()) deepest[stack.peek()] = Math.max(deepest[stack.peek()], depth[id]);
            }
        }
    }

    /** What a derived type refers to; nothing for the types that count as 1. */
    private static int[] derivedReferences(CType t) {
        if (t instanceof PointerType p) return new int[]{p.pointee()};
        if (t instanceof QualifiedType q) return new int[]{q.type()};
        if (t instanceof ArrayType a) return new int[]{a.element()};
        if (t instanceof TypedefType td) return new int[]{td.target()};
        if (t instanceof FunctionType f) {
            int[] out = new int[f.parameters().size() + 1];
            out[0] = f.returnType();
            for (int i = 0; i < f.parameters().size(); i++) out[i + 1] = f.parameters().get(i).type();
            return out;
        }
        return new int[0];
    }
}
