package dev.dwarfbind.bind.internal.codegen;

import java.lang.invoke.MethodHandle;
import java.lang.reflect.Method;
import java.util.function.Function;

/**
 * What the interface binder needs to know of the public API, given by the API so that the
 * binder never names its classes: the struct view class bound methods may take and return, how
 * to get a view's memory and make a view, and which C function a method names.
 *
 * @param structClass   the struct view class ({@code CStruct})
 * @param structSegment {@code (structClass) -> MemorySegment}: a view's memory, checked alive
 * @param structView    {@code (int typeId, MemorySegment) -> structClass}: a view of a library's record
 * @param cName         the C function name a method is bound to
 * @param flags         how a method is called: captured state, critical
 */
public record BindingApi(Class<?> structClass, MethodHandle structSegment, MethodHandle structView,
                         Function<Method, String> cName, Function<Method, dev.dwarfbind.bind.internal.call.CallFlags> flags) {
}
