/**
 * The public API for calling a native library typed by its own debug information:
 * {@link dev.dwarfbind.bind.Library} (open, look up, bind, allocate), {@link dev.dwarfbind.bind.NativeFunction}
 * (dynamic calls), {@link dev.dwarfbind.bind.CStruct}, {@link dev.dwarfbind.bind.CArray} and
 * {@link dev.dwarfbind.bind.GlobalVariable} (memory seen through C types), and the options and
 * annotations of bound interfaces. The machinery behind it lives in {@code dev.dwarfbind.bind.internal.*}
 * and is not an API; the exceptions are in {@link dev.dwarfbind.bind.error}.
 */
package dev.dwarfbind.bind;
