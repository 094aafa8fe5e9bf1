package dev.dwarfbind.gen.model;

import java.util.List;

/**
 * Everything one run of the generator writes: one library class, one class per record, one
 * interface per named function-pointer type.
 *
 * @param packageName the Java package
 * @param className   the library class
 * @param mode        what generated code depends on
 * @param library     the library generated from
 * @param functions   exported functions
 * @param variables   exported variables
 * @param constants   enumerators
 * @param records     structs and unions
 * @param callbacks   named function-pointer types (typedefs) as top-level interfaces
 * @param parameterCallbacks anonymous function-pointer parameters, as interfaces nested in the library class
 * @param skipped     exports left out, with the reason
 */
public record Binding(String packageName, String className, Mode mode, LibraryInfo library,
                      List<FunctionModel> functions, List<VariableModel> variables, List<ConstantModel> constants,
                      List<RecordModel> records, List<CallbackModel> callbacks, List<CallbackModel> parameterCallbacks,
                      List<Skipped> skipped) {
    public Binding {
        functions = List.copyOf(functions);
        variables = List.copyOf(variables);
        constants = List.copyOf(constants);
        records = List.copyOf(records);
        callbacks = List.copyOf(callbacks);
        parameterCallbacks = List.copyOf(parameterCallbacks);
        skipped = List.copyOf(skipped);
    }
}
