package dev.dwarfbind.gen.write;

import dev.dwarfbind.gen.model.CallbackModel;

/**
 * Writes a function-pointer type as a functional interface: {@code apply} is what C calls,
 * {@code allocate(fi, arena)} makes a C function pointer to a Java implementation (an upcall stub
 * living as long as the arena), and {@code invoke(pointer, ...)} calls a C function pointer of
 * this type.
 */
public final class CallbackWriter {
    private CallbackWriter() {
    }

    /** A top-level interface file. */
    public static JavaFile file(String packageName, CallbackModel c) {
        Source s = Header.start(packageName);
        write(s, c, true);
        return new JavaFile(LibraryWriter.path(packageName, c.javaName()), s.toString());
    }

    static void write(Source s, CallbackModel c, boolean topLevel) {
        String name = c.javaName();
        s.doc("A C function pointer of type", Text.code(c.declaration()),
                "<p>An exception thrown by {@link #apply} cannot unwind through C: the JVM ends, as java.lang.foreign's upcalls do.");
        s.line("@FunctionalInterface");
        if (topLevel) s.line("@SuppressWarnings(\"restricted\") // upcall stubs and downcalls through pointers");
        s.open("public interface %s", name);
        s.doc("The signature C calls it with.");
        s.line("FunctionDescriptor DESCRIPTOR = %s;", Header.descriptor(c.result(), c.params()).replace("\n", "\n        "));
        s.blank();
        s.doc("What C calls.");
        s.line("%s apply(%s);", c.result().javaType(), Header.parameters(c.result(), c.params(), false)).blank();
        s.doc("A C function pointer calling {@code fi}, valid while {@code arena} is open.");
        s.open("static MemorySegment allocate(%s fi, Arena arena)", name);
        s.line("return Linker.nativeLinker().upcallStub(Handles.UPCALL.bindTo(fi), DESCRIPTOR, arena);");
        s.close().blank();
        String params = Header.parameters(c.result(), c.invokeParams(), false);
        s.doc("Calls the C function {@code pointer} points to.");
        s.open("static %s invoke(MemorySegment pointer%s)", c.result().javaType(), params.isEmpty() ? "" : ", " + params);
        s.open("try");
        String args = Header.arguments(c.result(), c.invokeParams());
        s.line("%sHandles.INVOKE.invokeExact(pointer%s);", Header.returnCast(c.result()), args.isEmpty() ? "" : ", " + args);
        Header.rethrow(s);
        s.close().blank();
        Header.unexpectedMethod(s, "private ");
        s.blank();
        s.doc("The method handles behind {@link #allocate} and {@link #invoke}; not API.");
        s.open("final class Handles");
        s.line("static final MethodHandle UPCALL;");
        s.line("static final MethodHandle INVOKE = Linker.nativeLinker().downcallHandle(%s);",
                Header.descriptor(c.result(), c.invokeParams()).replace("\n", "\n        "));
        s.blank();
        s.open("static");
        s.open("try");
        s.line("UPCALL = MethodHandles.lookup().findVirtual(%s.class, \"apply\", DESCRIPTOR.toMethodType());", name);
        s.reopen("catch (ReflectiveOperationException e)");
        s.line("throw new ExceptionInInitializerError(e);");
        s.close();
        s.close().blank();
        s.open("private Handles()").close();
        s.close();
        s.close();
        if (!topLevel) s.blank();
    }
}
