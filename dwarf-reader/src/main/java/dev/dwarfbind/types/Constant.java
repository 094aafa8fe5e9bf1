package dev.dwarfbind.types;

import java.math.BigInteger;
import java.util.Objects;

/**
 * A named compile-time constant of a library: an enumerator of any enum the debug info holds
 * (also of anonymous enums no export reaches, such as GSL's {@code GSL_SUCCESS}), or a macro
 * whose body is a literal, read from {@code .debug_macro} or a header.
 *
 * @param name  the constant's name
 * @param value a {@link BigInteger} for integers, a {@link Double} for floating constants, a
 *              {@link String} for string literals
 * @param type  id of its C type (the enum for an enumerator), or {@link TypeSystem#NO_TYPE}
 */
public record Constant(String name, Object value, int type) {
    public Constant {
        Objects.requireNonNull(name, "name");
        if (!(value instanceof BigInteger || value instanceof Double || value instanceof String)) {
            throw new IllegalArgumentException("constant " + name + " has value " + value
                    + ": a constant is a BigInteger, a Double or a String");
        }
    }
}
