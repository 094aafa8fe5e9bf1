package dev.dwarfbind.types;

import java.util.List;

/**
 * A reader that fills a {@link TypeSystemBuilder} on demand, for a {@link TypeSystem#lazy lazy}
 * type system: each method adds what one question needs (one export, one named type, one
 * constant) and what it reaches, so that binding three functions of a library with thousands
 * costs three functions. The type system calls these methods one at a time (under its lock),
 * each at most once per name, and publishes what they added.
 *
 * <p>Implementations may throw unchecked exceptions for malformed input; the question that
 * needed the input fails with it.
 */
public interface TypeSource {
    /** Names of every exported function and variable, in symbol-table order. */
    List<String> exports();

    /** Adds the declaration of export {@code name}, or its {@link UntypedSymbol}; nothing if no such export. */
    void addExport(String name);

    /** Adds every type named {@code name} ({@code "struct tag"}, a typedef or base type name). */
    void addNamedType(String name);

    /** Adds whatever defines the constant {@code name} (the enum holding that enumerator, say). */
    void addConstant(String name);

    /** Adds every export, named type and constant: what an eager reader would have built. */
    void addAll();
}
