package dev.dwarfbind.bind;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a method of a bound interface as {@link CallOption#CRITICAL}: Java arrays and strings
 * are passed to C without being copied, and the call makes no thread-state transition. For short
 * leaf functions only; one that takes a callback is refused at bind time.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Critical {
}
