/**
 * The call path for what {@code java.lang.foreign}'s linker refuses: {@code long double},
 * {@code __int128}, {@code _Float16}, {@code _Complex long double}, packed and over-aligned structs by
 * value, calling conventions other than the platform's. Each distinct C signature gets one wrapper written
 * in C ({@link dev.dwarfbind.bind.internal.jit.WrapperSource}) taking the function's address, a frame and the
 * arguments as {@link dev.dwarfbind.bind.internal.jit.Passing} says, lowered by clang and compiled in memory
 * by an ORC LLJIT of the library ({@link dev.dwarfbind.bind.internal.jit.JitDowncalls}); the Java side of each
 * call is generated ({@link dev.dwarfbind.bind.internal.jit.JitCall}). Java callbacks of such signatures
 * are C thunks forwarding to a plain upcall ({@link dev.dwarfbind.bind.internal.jit.JitCallbacks}).
 */
package dev.dwarfbind.bind.internal.jit;
