/**
 * Libraries typed by Clang rather than by debug info (not an API): a library opened with its
 * headers, C declarations bound to a library's symbols ({@code cdef}), and C compiled at run time
 * by clang-19 ({@code compile}). Only these classes refer to the {@code llvm} module, so a program
 * that never asks for headers never loads libclang.
 */
package dev.dwarfbind.bind.internal.clang;
