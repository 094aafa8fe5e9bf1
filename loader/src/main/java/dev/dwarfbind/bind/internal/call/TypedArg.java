package dev.dwarfbind.bind.internal.call;

/**
 * A variadic argument whose C type the caller named (the API's {@code VarArg}).
 *
 * @param cType the C type name
 * @param value the Java value
 */
public record TypedArg(String cType, Object value) {
}
