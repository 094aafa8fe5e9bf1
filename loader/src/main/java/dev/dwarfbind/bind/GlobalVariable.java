package dev.dwarfbind.bind;

import dev.dwarfbind.bind.error.ArgumentException;
import dev.dwarfbind.bind.internal.value.Values;
import dev.dwarfbind.cprint.CPrinter;
import dev.dwarfbind.types.VariableDecl;

import java.lang.foreign.MemorySegment;

/**
 * An exported global variable, read and written through its C type:
 * {@code lib.variable("counter").get()}. Struct and array variables come back as views of the
 * library's own memory.
 */
public final class GlobalVariable {
    private final Library lib;
    private final VariableDecl decl;
    private final MemorySegment segment;

    GlobalVariable(Library lib, VariableDecl decl, MemorySegment segment) {
        this.lib = lib;
        this.decl = decl;
        this.segment = segment;
    }

    /** The C declaration, e.g. {@code extern int counter;}. */
    public String declaration() {
        return CPrinter.declaration(lib.types(), decl);
    }

    /** The variable's memory, {@code sizeof} its type. */
    public MemorySegment segment() {
        return segment;
    }

    /** The current value (boxed like call results; views for structs and arrays). */
    public Object get() {
        lib.loaded().checkOpen(decl.name());
        return Values.read(lib.values(), decl.type(), segment, 0, decl.name());
    }

    /** Stores a value, converted and range-checked by the variable's C type. */
    public void set(Object value) {
        lib.loaded().checkOpen(decl.name());
        if (lib.values().isConstObject(decl.type())) {
            throw new ArgumentException(decl.name() + " is const: " + declaration());
        }
        Values.write(lib.values(), decl.type(), segment, 0, value, decl.name());
    }

    /** Reads a {@code char *} variable as a string. */
    public String getString() {
        return NativeFunction.string(get());
    }

    @Override
    public String toString() {
        return declaration();
    }
}
