package dev.dwarfbind.bind;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds the methods of a bound interface with these options, as {@link Library#function} takes
 * them: on a method for that method, on the interface for all its methods (a method's own
 * options add to the interface's). {@code @CallOptions({CallOption.ERRNO, CallOption.LAST_ERROR})}
 * captures both after each call, read with {@link Errno#last()} and {@link LastError#last()}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface CallOptions {
    /** The options. */
    CallOption[] value();
}
