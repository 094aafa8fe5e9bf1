package dev.dwarfbind.dwarf;

import dev.dwarfbind.symbols.Export;
import dev.dwarfbind.types.TypeSystemBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Types a GNU indirect function ({@code STT_GNU_IFUNC}). Its symbol's address is that of its
 * resolver, a function the dynamic linker calls once to choose the implementation, so the DIE
 * at that address describes the resolver, not the export. In order:
 * <ol>
 *   <li>the resolver's return type, when it is a pointer to a function type: glibc's
 *       {@code __sin_ifunc} returns {@code double (*)(double)};</li>
 *   <li>else a definition or declaration DIE of the export's own name;</li>
 *   <li>else the implementations declared or defined in the resolver's unit whose names are the
 *       export's name with a variant suffix ({@code __strlen_avx2}, {@code __sin_fma}), if they
 *       all have one signature.</li>
 * </ol>
 * Parameter names are taken from a DIE of the name or an implementation that has the same
 * signature: a function pointer type has none.
 */
final class IndirectFunctions {
    /** The function type found and the DIE chain that gave it names, or why there is none. */
    record Typing(int type, List<Die> chain, String reason) {
        static Typing untyped(String reason) {
            return new Typing(-1, List.of(), reason);
        }
    }

    private final Dwarf dw;
    /** The whole library's index, built when first needed. */
    private final java.util.function.Supplier<DwarfIndex> index;
    private final Function<Die, List<Die>> chains;
    private final Function<String, List<List<Die>>> named;

    /**
     * @param chains a subprogram DIE followed by its abstract origin and specification
     * @param named  the chains of the subprograms (definitions first, then declarations) of a name
     */
    IndirectFunctions(Dwarf dw, java.util.function.Supplier<DwarfIndex> index, Function<Die, List<Die>> chains, Function<String, List<List<Die>>> named) {
        this.dw = dw;
        this.index = index;
        this.chains = chains;
        this.named = named;
    }

    Typing type(Export e, TypeConverter conv) {
        List<List<Die>> resolvers = new ArrayList<>();
        for (DwarfIndex.Subprogram sp : index.get().functionsByAddress.getOrDefault(e.address(), List.of())) {
            resolvers.add(chains.apply(dw.die(sp.key())));
        }
        long sig = -1;
        List<Die> resolver = resolvers.isEmpty() ? null : resolvers.getFirst();
        for (List<Die> r : resolvers) {
            if ((sig = targetSignature(r)) >= 0) {
                resolver = r;
                break;
            }
        }
        List<List<Die>> byName = named.apply(e.name());
        List<List<Die>> impls = resolver == null ? List.of() : implementations(resolver, e.name());
        // Signatures are compared by shape, so that only the DIE chosen is converted: a type
        // system holds no function types that no export uses.
        if (sig >= 0) {
            // The resolver decides the signature; a DIE that agrees with it lends its parameter names.
            int shape = conv.signatureShape(List.of(dw.die(sig)));
            for (List<List<Die>> group : List.of(byName, impls)) {
                for (List<Die> c : group) {
                    if (hasNames(c) && conv.signatureShape(c) == shape) return new Typing(conv.function(c), c, null);
                }
            }
            return new Typing(conv.convert(sig), List.of(), null);
        }
        if (!byName.isEmpty()) return new Typing(conv.function(byName.getFirst()), byName.getFirst(), null);
        String resolverName = resolver == null ? null : nameOf(resolver);
        if (impls.isEmpty()) {
            return Typing.untyped(resolver == null
                    ? "GNU indirect function: its resolver (at 0x" + Long.toHexString(e.address())
                    + ") has no debug info and no function named " + e.name() + " is described (compiled without -g?)"
                    : "GNU indirect function: its resolver " + resolverName + " returns " + returnSpelling(resolver)
                    + ", and no DIE describes " + e.name() + " or the implementations it selects among");
        }
        int shape = conv.signatureShape(impls.getFirst());
        List<Die> chosen = impls.getFirst();
        for (List<Die> c : impls) {
            if (conv.signatureShape(c) != shape) {
                return Typing.untyped("GNU indirect function: its resolver " + resolverName + " returns "
                        + returnSpelling(resolver) + ", and the implementations it selects among (" + nameOf(impls.getFirst())
                        + ", " + nameOf(c) + ") have different signatures");
            }
            if (!hasNames(chosen) && hasNames(c)) chosen = c;
        }
        return new Typing(conv.function(chosen), chosen, null);
    }

    /** The key of the function type the resolver's return type points to, or -1. */
    private long targetSignature(List<Die> resolver) {
        long ret = -1;
        for (Die d : resolver) {
            if ((ret = dw.ref(d, Attr.TYPE)) >= 0) break;
        }
        Die pointer = stripAliases(ret);
        if (pointer == null || pointer.tag() != Tag.POINTER_TYPE) return -1;
        Die target = stripAliases(dw.ref(pointer, Attr.TYPE));
        return target != null && target.tag() == Tag.SUBROUTINE_TYPE ? target.key : -1;
    }

    /** The DIE at {@code key} with typedefs and qualifiers removed, or {@code null} for void. */
    private Die stripAliases(long key) {
        // Bounded: a typedef or qualifier loop is malformed, and the converter reports it later.
        for (int hops = 0; key >= 0 && hops < TypeSystemBuilder.MAX_NESTING; hops++) {
            Die d = dw.die(key);
            switch (d.tag()) {
                case Tag.TYPEDEF, Tag.CONST_TYPE, Tag.VOLATILE_TYPE, Tag.RESTRICT_TYPE, Tag.ATOMIC_TYPE -> key = dw.ref(d, Attr.TYPE);
                default -> {
                    return d;
                }
            }
        }
        return null;
    }

    private String returnSpelling(List<Die> resolver) {
        for (Die d : resolver) {
            long ret = dw.ref(d, Attr.TYPE);
            if (ret < 0) continue;
            Die t = stripAliases(ret);
            if (t != null && t.tag() == Tag.POINTER_TYPE && stripAliases(dw.ref(t, Attr.TYPE)) == null) return "void *";
            return "a type that is not a function pointer";
        }
        return "nothing";
    }

    /**
     * Subprograms directly under the resolver's unit whose name, without leading underscores,
     * is the export's (likewise stripped) followed by {@code _} and a variant: glibc declares
     * each variant it may select next to the resolver.
     */
    private List<List<Die>> implementations(List<Die> resolverChain, String export) {
        String base = stripUnderscores(export) + "_";
        Die resolver = resolverChain.getFirst();
        String resolverName = nameOf(resolverChain);
        Unit u = resolver.unit;
        Die root = dw.die(u, (resolver.key & Die.SECTION_BITS) | u.dieOffset);
        var out = new ArrayList<List<Die>>();
        if (root == null) return out;
        dw.forEachChild(root, d -> {
            if (d.key == resolver.key) return;
            if (d.tag() != Tag.SUBPROGRAM) return;
            String n = dw.name(d);
            if (n == null || n.equals(resolverName) || !stripUnderscores(n).startsWith(base) || d.flag(Attr.INLINE)) return;
            List<Die> chain = chains.apply(d);
            if (chain.stream().noneMatch(x -> resolverName.equals(dw.name(x)))) out.add(chain);
        });
        return out;
    }

    private static String stripUnderscores(String s) {
        int i = 0;
        while (i < s.length() && s.charAt(i) == '_') i++;
        return s.substring(i);
    }

    private String nameOf(List<Die> chain) {
        for (Die d : chain) {
            String n = dw.name(d);
            if (n != null) return n;
        }
        return "(unnamed)";
    }

    /** Whether the chain names any of its parameters (a function pointer type names none). */
    private boolean hasNames(List<Die> chain) {
        for (Die d : chain) {
            if (dw.findChild(d, p -> p.tag() == Tag.FORMAL_PARAMETER && (dw.name(p) != null || dw.ref(p, Attr.ABSTRACT_ORIGIN) >= 0)) != null) {
                return true;
            }
        }
        return false;
    }
}
