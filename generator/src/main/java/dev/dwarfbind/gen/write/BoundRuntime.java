package dev.dwarfbind.gen.write;

import dev.dwarfbind.gen.model.Binding;

/**
 * The loading code of a {@link dev.dwarfbind.gen.model.Mode#BOUND} library class: a thin layer
 * over dwarfbind's loader. The library is opened with {@code Library.open}, which finds its debug
 * info (or, for a library generated from its C headers, is typed by the same headers again); every
 * function and variable is bound through it and its declaration compared with the one generated from, so a changed library fails at binding, naming what
 * changed, instead of being called wrongly.
 */
final class BoundRuntime {
    private BoundRuntime() {
    }

    static void write(Source s, Binding b) {
        String isPath = Header.openRuntime(s, b, "opened by dwarfbind's loader", "dev.dwarfbind.bind.Library LIBRARY",
                "dev.dwarfbind.bind.Library open");
        s.open("try");
        if (b.library().headers() != null) {
            // Typed by its headers when generated: the loader types it by the same ones again.
            s.line("dev.dwarfbind.headers.Headers headers = %s;", HeadersExpression.of(b.library().headers()));
            s.line("return %s", isPath);
            s.line("        ? dev.dwarfbind.bind.Library.open(java.nio.file.Path.of(where), headers)");
            s.line("        : dev.dwarfbind.bind.Library.open(where, headers);");
        } else {
            s.line("return %s", isPath);
            s.line("        ? dev.dwarfbind.bind.Library.open(java.nio.file.Path.of(where))");
            s.line("        : dev.dwarfbind.bind.Library.open(where);");
        }
        s.reopen("catch (java.io.IOException e)");
        s.line("throw new java.io.UncheckedIOException(where + \": cannot open the library: \" + e.getMessage(), e);");
        s.close();
        s.close();
        s.close().blank();
    }

    static void helpers(Source s) {
        s.open("private static MethodHandle downcall$(String name, String declaration, boolean errno, FunctionDescriptor descriptor)");
        s.line("MethodHandle h = function$(name, declaration, errno).downcallHandle();");
        s.line("Linker.Option[] options = errno ? new Linker.Option[]{Linker.Option.captureCallState(\"errno\")} : new Linker.Option[0];");
        s.line("java.lang.invoke.MethodType expected = Linker.nativeLinker().downcallHandle(descriptor, options).type().dropParameterTypes(0, 1);");
        s.open("if (!h.type().equals(expected))");
        s.line("throw new dev.dwarfbind.bind.error.BindingException(name + \": the loader passes it as \" + h.type() + \", these bindings as \" + expected);");
        s.close();
        s.line("return h;");
        s.close().blank();
        s.open("static MemorySegment symbol$(String name)");
        s.line("return Runtime$.LIBRARY.function(name).address();");
        s.close().blank();
        s.doc("The function, checked against the declaration generated from.");
        s.open("private static dev.dwarfbind.bind.NativeFunction function$(String name, String declaration, boolean errno)");
        s.line("dev.dwarfbind.bind.NativeFunction f = errno ? Runtime$.LIBRARY.function(name, dev.dwarfbind.bind.CallOption.ERRNO)");
        s.line("        : Runtime$.LIBRARY.function(name);");
        s.open("if (!f.signature().equals(declaration))");
        s.line("throw new dev.dwarfbind.bind.error.BindingException(Runtime$.LIBRARY.path() + \": \" + name + \" is declared \" + f.signature()");
        s.line("        + \" but these bindings were generated for \" + declaration + \"; regenerate them\");");
        s.close();
        s.line("return f;");
        s.close().blank();
        s.open("private static MemorySegment variable$(String name, String declaration, long size)");
        s.line("dev.dwarfbind.bind.GlobalVariable v = Runtime$.LIBRARY.variable(name);");
        s.open("if (!v.declaration().equals(declaration))");
        s.line("throw new dev.dwarfbind.bind.error.BindingException(Runtime$.LIBRARY.path() + \": \" + name + \" is declared \" + v.declaration()");
        s.line("        + \" but these bindings were generated for \" + declaration + \"; regenerate them\");");
        s.close();
        s.line("return v.segment().reinterpret(size);");
        s.close().blank();
    }
}
