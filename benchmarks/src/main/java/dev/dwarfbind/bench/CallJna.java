package dev.dwarfbind.bench;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Structure;

/**
 * JNA mappings of libdemo for {@link CallBenchmark} (JNA is a dependency of the benchmarks
 * module only, as a comparison): {@link Library}, the interface mapping loaded with
 * {@code Native.load}, and {@link Direct}, the direct mapping registered with
 * {@code Native.register}. Both use JNA's defaults (no errno capture, platform encoding for
 * strings, which is UTF-8 on JDK 18+).
 */
public final class CallJna {
    private CallJna() {
    }

    /** {@code struct point { double x, y; }}. */
    @Structure.FieldOrder({"x", "y"})
    public static class Point extends Structure {
        public double x;
        public double y;

        /** The struct passed and returned by value. */
        public static class ByValue extends Point implements Structure.ByValue {
        }
    }

    /** Interface mapping: {@code Native.load(path, CallJna.Library.class)}. */
    public interface Library extends com.sun.jna.Library {
        int add(int a, int b);

        int count_vowels(String s);

        Point.ByValue point_scale(Point.ByValue p, double k);
    }

    static Library load() {
        return Native.load(CallFiles.demo().toString(), Library.class);
    }

    /** Direct mapping: native static methods bound when this class is initialised. */
    public static final class Direct {
        private Direct() {
        }

        static {
            Native.register(Direct.class, NativeLibrary.getInstance(CallFiles.demo().toString()));
        }

        public static native int add(int a, int b);

        public static native int count_vowels(String s);

        public static native Point.ByValue point_scale(Point.ByValue p, double k);

        /** Forces class initialisation (the registration) outside the measured code. */
        static void init() {
        }
    }
}
