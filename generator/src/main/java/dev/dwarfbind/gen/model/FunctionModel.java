package dev.dwarfbind.gen.model;

import java.util.List;

/**
 * An exported function, as a static method of the library class (or, if variadic, an invoker
 * class of its name).
 *
 * @param cName       the exported symbol
 * @param javaName    the method (or invoker class) name
 * @param declaration the C declaration, as Javadoc shows it and bound mode checks it
 * @param params      the fixed parameters
 * @param result      the return
 * @param variadic    whether {@code ...} follows the fixed parameters
 * @param holder      name of the nested class holding its downcall handle
 * @param errno       whether {@code errno} is captured right after each call
 */
public record FunctionModel(String cName, String javaName, String declaration, List<Param> params, Result result,
                            boolean variadic, String holder, boolean errno) {
    public FunctionModel {
        params = List.copyOf(params);
    }
}
