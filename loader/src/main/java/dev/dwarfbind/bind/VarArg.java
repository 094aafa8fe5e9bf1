package dev.dwarfbind.bind;

import java.util.Objects;

/**
 * A variadic argument with an explicit C type, for when the default promotion of its Java value
 * is not what the function expects: {@code VarArg.of("long long", 5)},
 * {@code VarArg.of("char *", segment)}.
 *
 * @param cType a base type name as the library's debug info spells it ({@code "unsigned long"}),
 *              a typedef it defines, or any of them followed by {@code " *"} for a pointer
 * @param value the Java value, converted by the rules of that type
 */
public record VarArg(String cType, Object value) {
    public VarArg {
        Objects.requireNonNull(cType, "cType");
    }

    /** A variadic argument of C type {@code cType}. */
    public static VarArg of(String cType, Object value) {
        return new VarArg(cType, value);
    }
}
