package dev.dwarfbind.cprint;

import dev.dwarfbind.types.FunctionDecl;
import dev.dwarfbind.types.TypeSystem;
import dev.dwarfbind.types.VariableDecl;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Prints a {@link TypeSystem} as C declarations that GCC and Clang accept ({@code -std=gnu17})
 * and lay out exactly as the type system records: every member at its offset, every record with
 * its size and alignment.
 *
 * <p>Names are those of the type system, made valid and unique for one translation unit: tags and
 * typedef names that are not C identifiers are sanitized, and a second, different definition of a
 * name already taken is printed as {@code name_<id>}. All methods print with the same choice of
 * names for the same type system, so a {@link #typeName} can be used in code compiled against the
 * {@link #header}.
 *
 * <p>All methods are static and thread-safe.
 */
public final class CPrinter {
    /** Naming is a pass over the whole type system; callers usually print many pieces of one. */
    private static volatile CNames cached;

    private CPrinter() {
    }

    /**
     * The declaration of an exported function, e.g. {@code int add(int a, int b);}, with
     * {@code _Noreturn}, {@code ...} for a variadic function, {@code ()} for an unprototyped one and
     * {@code (void)} for a prototyped one without parameters, and its calling convention as a
     * leading {@code __attribute__((ms_abi))} (or the like).
     *
     * @param ts the type system {@code f} belongs to
     * @param f  the function
     * @return one line, ending in {@code ;}
     */
    public static String declaration(TypeSystem ts, FunctionDecl f) {
        return writer(ts).functionDeclaration(f);
    }

    /**
     * The declaration of an exported variable, e.g. {@code extern const int table[4][8];}.
     *
     * @param ts the type system {@code v} belongs to
     * @param v  the variable
     * @return the declaration, ending in {@code ;}
     */
    public static String declaration(TypeSystem ts, VariableDecl v) {
        return writer(ts).variableDeclaration(v);
    }

    /**
     * The name of a type as C writes it in a cast or {@code sizeof}: the abstract declarator, e.g.
     * {@code int (*)(const char *, ...)}, {@code struct node *} or {@code char[16]}. An anonymous
     * struct, union or enum is written out in full.
     *
     * @param ts the type system
     * @param id the type's id
     * @return the type name
     */
    public static String typeName(TypeSystem ts, int id) {
        return writer(ts).declare(id, "", "");
    }

    /**
     * Declares {@code name} with type {@code id} in C's inside-out declarator syntax:
     * {@code int (*p)[3]}, {@code void (*handlers[4])(int)}, {@code char *const p}. No trailing
     * {@code ;}, no storage class.
     *
     * @param ts   the type system
     * @param id   the type's id
     * @param name the declared identifier, used as given; empty for an abstract declarator
     * @return the declaration
     */
    public static String declare(TypeSystem ts, int id, String name) {
        return writer(ts).declare(id, name, "");
    }

    /**
     * The full definition of a struct, union, enum or typedef, ending in {@code ;}: members with
     * the attributes and padding that reproduce the recorded layout, anonymous members inline,
     * bitfields, enum constants with their values. An incomplete struct, union or enum gives its
     * forward declaration.
     *
     * @param ts the type system
     * @param id the type's id
     * @return the definition
     * @throws IllegalArgumentException if the type is not a struct, union, enum or typedef
     */
    public static String definition(TypeSystem ts, int id) {
        return writer(ts).definition(id);
    }

    /**
     * A complete C translation unit declaring everything in the type system: forward
     * declarations, enums, records and typedefs in dependency order, then every exported
     * variable and function.
     *
     * @param ts the type system
     * @return the header text
     */
    public static String header(TypeSystem ts) {
        var sb = new StringBuilder();
        try {
            print(ts, sb);
        } catch (IOException e) {
            throw new UncheckedIOException("appending to a StringBuilder cannot fail", e);
        }
        return sb.toString();
    }

    /**
     * Writes {@link #header} to {@code out}.
     *
     * @param ts  the type system
     * @param out where the text goes
     * @throws IOException if {@code out} fails
     */
    public static void print(TypeSystem ts, Appendable out) throws IOException {
        new HeaderWriter(names(ts)).write(out);
    }

    private static DeclaratorWriter writer(TypeSystem ts) {
        return new DeclaratorWriter(names(ts));
    }

    private static CNames names(TypeSystem ts) {
        // A lazy type system is named type by type: naming it whole would read all of it.
        if (!ts.isComplete()) return CNames.plain(ts);
        CNames names = cached;
        // Type systems are immutable, so names computed once stay right for as long as it lives.
        if (names == null || names.typeSystem() != ts) {
            names = new CNames(ts);
            cached = names;
        }
        return names;
    }
}
