package dev.dwarfbind.bind;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the C function a method of a bound interface calls, when the Java method name differs
 * (a reserved word, a Java naming convention, an exported name such as {@code deflateInit_}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface CName {
    /** The exported C function name. */
    String value();
}
