/**
 * The call path for what {@code java.lang.foreign}'s linker refuses: {@code long double},
 * {@code __int128}, {@code _Float16}, {@code _Complex long double}, packed and over-aligned structs by
 * value, calling conventions other than the platform's. Each distinct C signature gets one wrapper
 * {@code void w(void *fn, char *frame)} written in C ({@link dev.dwarfbind.bind.internal.jit.WrapperSource}),
 * lowered by clang and compiled in memory by an ORC LLJIT of the library ({@link
 * dev.dwarfbind.bind.internal.jit.JitDowncalls}); Java writes the arguments into the frame and reads the
 * result from it ({@link dev.dwarfbind.bind.internal.jit.JitCall}), calling the wrapper through a plain
 * downcall.
 */
package dev.dwarfbind.bind.internal.jit;
