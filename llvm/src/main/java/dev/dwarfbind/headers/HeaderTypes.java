package dev.dwarfbind.headers;

import dev.dwarfbind.clang.Diagnostic;
import dev.dwarfbind.types.TypeSystem;

import java.util.List;

/**
 * What a library's headers say, in the type system: its functions and variables (matched to the
 * library's exports when there is a library), every type and enum its headers define, and its
 * macros that evaluate to constants; with the macros that did not and Clang's warnings.
 *
 * @param types         the types, declarations and constants
 * @param skippedMacros object-like and function-like macros that are not constants, with the reason
 * @param warnings      Clang's warnings about the headers (errors make the reading fail)
 * @param skippedTypes  named types of the headers left out, each "name: reason" (vector types, blocks)
 */
public record HeaderTypes(TypeSystem types, List<SkippedMacro> skippedMacros, List<Diagnostic> warnings,
                          List<String> skippedTypes) {
    public HeaderTypes {
        skippedMacros = List.copyOf(skippedMacros);
        warnings = List.copyOf(warnings);
        skippedTypes = List.copyOf(skippedTypes);
    }
}
