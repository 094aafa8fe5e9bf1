/**
 * C preprocessor macros as a library's debug info records them ({@code gcc -g3},
 * {@code clang -fdebug-macro}): a definition's name, parameters and body, and the evaluation of
 * an object-like macro's body as a C constant expression (integer, floating and string literals,
 * arithmetic, casts to basic types, references to other macros) under the target's data model.
 * Nothing here knows where the definitions came from.
 */
package dev.dwarfbind.macro;
