package dev.dwarfbind.gen.model;

import java.util.List;

/**
 * A function-pointer type, as a functional interface with an upcall factory
 * ({@code allocate(fi, arena)}) and a way to call such a pointer ({@code invoke}).
 *
 * @param javaName    the interface name
 * @param declaration the C type, for Javadoc
 * @param params      parameters of {@code apply}, as C passes them to the callback
 * @param result      what {@code apply} returns
 * @param invokeParams parameters of {@code invoke}, as a caller passes them (narrow integers widened)
 */
public record CallbackModel(String javaName, String declaration, List<Param> params, Result result,
                            List<Param> invokeParams) {
    public CallbackModel {
        params = List.copyOf(params);
        invokeParams = List.copyOf(invokeParams);
    }
}
