/**
 * dwarfbind's own bindings to libclang's stable C API ({@code clang-c/Index.h}) through
 * {@code java.lang.foreign}: parsing a translation unit with its diagnostics
 * ({@link dev.dwarfbind.clang.TranslationUnit}), visiting its cursors
 * ({@link dev.dwarfbind.clang.Cursor}), and the types, sizes, alignments and field offsets Clang
 * computes ({@link dev.dwarfbind.clang.ClangType}). Only the functions the header reader needs are
 * bound. libclang is found by {@link dev.dwarfbind.llvm.Toolchain} and loaded by the first parse;
 * nothing on the DWARF path refers to this package.
 */
package dev.dwarfbind.clang;
