package dev.dwarfbind.bench;

import jnr.ffi.LibraryLoader;

/**
 * The JNR-FFI mapping of libdemo for {@link CallBenchmark} (JNR-FFI is a dependency of the
 * benchmarks module only, as a comparison), with JNR's defaults (which save errno after every
 * call unless a method is annotated {@code @IgnoreError}).
 *
 * <p>There is no {@code point_scale}: JNR-FFI does not pass or return structs by value, so that
 * comparison has no JNR-FFI column.
 */
public interface CallJnr {
    int add(int a, int b);

    int count_vowels(String s);

    static CallJnr load() {
        return LibraryLoader.create(CallJnr.class).load(CallFiles.demo().toString());
    }
}
