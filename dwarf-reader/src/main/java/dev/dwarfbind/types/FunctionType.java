package dev.dwarfbind.types;

import java.util.List;
import java.util.Objects;

/**
 * The type of a function: what it returns, what it takes and how it is called. Function pointers
 * are {@link PointerType}s to one of these.
 *
 * @param returnType id of the return type ({@link VoidType} for none)
 * @param parameters declared parameters, in order
 * @param variadic   whether {@code ...} ends the list
 * @param prototyped {@code false} for a K&amp;R-style declaration ({@code int f();}), whose
 *                   parameters a caller must promote by C's default argument promotions
 * @param convention the calling convention
 */
public record FunctionType(int returnType, List<Parameter> parameters, boolean variadic, boolean prototyped,
                           CallingConvention convention) implements CType {
    public FunctionType {
        parameters = List.copyOf(parameters);
        Objects.requireNonNull(convention, "convention");
    }

    // equals and hashCode are spelled out rather than generated: see the package documentation.
    @Override
    public boolean equals(Object other) {
        return this == other || other instanceof FunctionType o
                && returnType == o.returnType
                && parameters.equals(o.parameters)
                && variadic == o.variadic
                && prototyped == o.prototyped
                && convention.equals(o.convention);
    }

    @Override
    public int hashCode() {
        int h = returnType;
        h = 31 * h + parameters.hashCode();
        h = 31 * h + Boolean.hashCode(variadic);
        h = 31 * h + Boolean.hashCode(prototyped);
        h = 31 * h + convention.hashCode();
        return h;
    }
}
