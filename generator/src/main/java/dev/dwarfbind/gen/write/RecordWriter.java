package dev.dwarfbind.gen.write;

import dev.dwarfbind.gen.model.CallbackModel;
import dev.dwarfbind.gen.model.Member;
import dev.dwarfbind.gen.model.RecordModel;
import dev.dwarfbind.gen.model.Skipped;

/**
 * Writes a struct or union as a class of static methods over {@code MemorySegment}s: its layout,
 * {@code allocate}, {@code reinterpret}, array helpers, and a getter and setter per member —
 * bitfields included, masked and sign-extended as C does; nested records and arrays as slices.
 */
public final class RecordWriter {
    private RecordWriter() {
    }

    public static JavaFile write(String packageName, RecordModel r) {
        Source s = Header.start(packageName);
        String layoutType = Layouts.type(r.layout());
        var doc = new java.util.ArrayList<String>();
        doc.add("{@code " + Text.plain(r.cName()) + "}: " + r.layout().byteSize() + " bytes, aligned to " + r.layout().byteAlignment() + ".");
        doc.add(Text.code(r.definition()));
        if (!r.skipped().isEmpty()) {
            var sb = new StringBuilder("<p>Members without accessors:\n<ul>");
            for (Skipped k : r.skipped()) sb.append("\n<li>{@code ").append(Text.plain(k.name())).append("}: ").append(Text.plain(k.reason())).append("</li>");
            doc.add(sb.append("\n</ul>").toString());
        }
        s.doc(doc.toArray(String[]::new));
        s.line("@SuppressWarnings(\"restricted\") // reinterpret sizes native memory by this layout");
        s.open("public final class %s", r.javaName());
        s.open("private %s()", r.javaName()).close().blank();
        s.doc("The memory layout.");
        s.line("public static final %s LAYOUT = %s;", layoutType, Layouts.expr(r.layout()).replace("\n", "\n        ")).blank();
        s.doc("@return the memory layout");
        s.open("public static %s layout()", layoutType).line("return LAYOUT;").close().blank();
        s.doc("@return the size in bytes");
        s.open("public static long sizeof()").line("return LAYOUT.byteSize();").close().blank();
        s.doc("A zeroed instance from {@code allocator}.", "@param allocator where it is allocated", "@return the new instance");
        s.open("public static MemorySegment allocate(SegmentAllocator allocator)").line("return allocator.allocate(LAYOUT);").close().blank();
        s.doc("An array of {@code count} zeroed instances from {@code allocator}.", "@param count how many", "@param allocator where they are allocated",
                "@return the array");
        s.open("public static MemorySegment allocateArray(long count, SegmentAllocator allocator)")
                .line("return allocator.allocate(MemoryLayout.sequenceLayout(count, LAYOUT));").close().blank();
        s.doc("One instance at {@code address}, valid while {@code arena} is open.", "@param address where it is", "@param arena its lifetime",
                "@param cleanup run when the arena closes, or {@code null}", "@return the instance");
        s.open("public static MemorySegment reinterpret(MemorySegment address, Arena arena, java.util.function.Consumer<MemorySegment> cleanup)")
                .line("return reinterpret(address, 1, arena, cleanup);").close().blank();
        s.doc("{@code count} instances at {@code address}, valid while {@code arena} is open.", "@param address where they are",
                "@param count how many", "@param arena their lifetime", "@param cleanup run when the arena closes, or {@code null}", "@return the array");
        s.open("public static MemorySegment reinterpret(MemorySegment address, long count, Arena arena, java.util.function.Consumer<MemorySegment> cleanup)")
                .line("return address.reinterpret(LAYOUT.byteSize() * count, arena, cleanup);").close().blank();
        s.doc("The element at {@code index} of an array of this type.", "@param array the array", "@param index which element", "@return the element");
        s.open("public static MemorySegment asSlice(MemorySegment array, long index)")
                .line("return array.asSlice(LAYOUT.byteSize() * index, LAYOUT.byteSize());").close().blank();
        boolean bits = false;
        for (Member m : r.members()) {
            switch (m) {
                case Member.Value v -> value(s, v);
                case Member.Bitfield b -> {
                    bitfield(s, b);
                    bits = true;
                }
                case Member.Slice sl -> slice(s, sl);
                case Member.Array a -> array(s, a);
            }
        }
        for (CallbackModel c : r.callbacks()) CallbackWriter.write(s, c, false);
        if (bits) bitHelpers(s);
        s.close();
        return new JavaFile(LibraryWriter.path(packageName, r.javaName()), s.toString());
    }

    private static String memberDoc(Member m, String cType, long offset) {
        return "{@code " + Text.plain(cType) + " " + Text.plain(m.cName()) + "}, at byte " + offset + ".";
    }

    private static void value(Source s, Member.Value v) {
        String n = v.javaName();
        String layout = v.carrier().constant() + (v.aligned() ? "" : ".withByteAlignment(1)");
        s.line("private static final %s %s$LAYOUT = %s;", v.carrier().layoutClass(), n, layout);
        s.doc("The offset of {@code " + Text.plain(v.cName()) + "}.");
        s.line("public static final long %s$OFFSET = %dL;", n, v.offset()).blank();
        s.doc(memberDoc(v, v.cType(), v.offset()), "@param struct the instance", "@return the member's value");
        s.open("public static %s %s(MemorySegment struct)", v.carrier().javaType(), n).line("return struct.get(%s$LAYOUT, %s$OFFSET);", n, n).close().blank();
        s.doc(memberDoc(v, v.cType(), v.offset()), "@param struct the instance", "@param fieldValue the new value");
        s.open("public static void %s(MemorySegment struct, %s fieldValue)", n, v.carrier().javaType())
                .line("struct.set(%s$LAYOUT, %s$OFFSET, fieldValue);", n, n).close().blank();
    }

    private static void bitfield(Source s, Member.Bitfield b) {
        String n = b.javaName();
        String type = b.carrier().javaType();
        String doc = "{@code " + Text.plain(b.cType()) + " " + Text.plain(b.cName()) + " : " + b.bitSize() + "}, bits " + b.bitOffset()
                + " to " + (b.bitOffset() + b.bitSize() - 1) + (b.signed() ? ", sign-extended." : ".");
        String get = "getBits$(struct, " + b.bitOffset() + "L, " + b.bitSize() + ", " + b.signed() + ")";
        s.doc(doc, "@param struct the instance", "@return the member's value");
        s.open("public static %s %s(MemorySegment struct)", type, n);
        s.line(switch (type) {
            case "boolean" -> "return " + get + " != 0;";
            case "int" -> "return (int) " + get + ";";
            default -> "return " + get + ";";
        });
        s.close().blank();
        s.doc(doc + " Bits of {@code fieldValue} beyond the width are dropped, as C does.", "@param struct the instance", "@param fieldValue the new value");
        s.open("public static void %s(MemorySegment struct, %s fieldValue)", n, type);
        s.line("setBits$(struct, %dL, %d, %s);", b.bitOffset(), b.bitSize(), type.equals("boolean") ? "fieldValue ? 1L : 0L" : "fieldValue");
        s.close().blank();
    }

    private static void slice(Source s, Member.Slice m) {
        String n = m.javaName();
        String what = m.recordClass() != null ? " (a {@link " + m.recordClass() + "})" : "";
        s.doc("The offset of {@code " + Text.plain(m.cName()) + "}.");
        s.line("public static final long %s$OFFSET = %dL;", n, m.offset()).blank();
        s.doc(memberDoc(m, m.cType(), m.offset()), "@param struct the instance", "@return the member's memory" + what);
        s.open("public static MemorySegment %s(MemorySegment struct)", n).line("return struct.asSlice(%s$OFFSET, %dL);", n, m.byteSize()).close().blank();
        s.doc(memberDoc(m, m.cType(), m.offset()) + " Copies " + m.byteSize() + " bytes.", "@param struct the instance", "@param fieldValue the new value");
        s.open("public static void %s(MemorySegment struct, MemorySegment fieldValue)", n)
                .line("MemorySegment.copy(fieldValue, 0L, struct, %s$OFFSET, %dL);", n, m.byteSize()).close().blank();
    }

    private static void array(Source s, Member.Array a) {
        String n = a.javaName();
        s.doc("The offset of {@code " + Text.plain(a.cName()) + "}.");
        s.line("public static final long %s$OFFSET = %dL;", n, a.offset()).blank();
        String flexible = a.count() == 0 ? " A flexible array member: the slice is empty; reinterpret the struct to reach its elements." : "";
        s.doc(memberDoc(a, a.cType(), a.offset()) + flexible, "@param struct the instance", "@return the array's memory");
        s.open("public static MemorySegment %s(MemorySegment struct)", n)
                .line("return struct.asSlice(%s$OFFSET, %dL);", n, a.count() * a.elementSize()).close().blank();
        if (a.element() == null) return;
        String layout = a.element().constant() + (a.aligned() ? "" : ".withByteAlignment(1)");
        s.line("private static final %s %s$ELEMENT = %s;", a.element().layoutClass(), n, layout);
        String check = a.count() == 0 ? "" : "java.util.Objects.checkIndex(index, " + a.count() + "L)";
        String at = n + "$OFFSET + " + (check.isEmpty() ? "index" : check) + " * " + a.elementSize() + "L";
        s.doc(memberDoc(a, a.cType(), a.offset()), "@param struct the instance", "@param index which element", "@return the element");
        s.open("public static %s %s(MemorySegment struct, long index)", a.element().javaType(), n)
                .line("return struct.get(%s$ELEMENT, %s);", n, at).close().blank();
        s.doc(memberDoc(a, a.cType(), a.offset()), "@param struct the instance", "@param index which element", "@param fieldValue the new value");
        s.open("public static void %s(MemorySegment struct, long index, %s fieldValue)", n, a.element().javaType())
                .line("struct.set(%s$ELEMENT, %s, fieldValue);", n, at).close().blank();
    }

    /**
     * Bitfields are read and written a byte at a time, little-endian as the targets dwarfbind
     * calls are: a field may straddle storage units in a packed record, and reading whole words
     * could run past the end of the record.
     */
    private static void bitHelpers(Source s) {
        s.open("private static long getBits$(MemorySegment struct, long bitOffset, int width, boolean signed)");
        s.line("long first = bitOffset >>> 3;");
        s.line("int shift = (int) (bitOffset & 7);");
        s.line("int bytes = (shift + width + 7) >>> 3;");
        s.line("long v = 0;");
        s.line("for (int i = 0; i < Math.min(bytes, 8); i++) v |= (struct.get(JAVA_BYTE, first + i) & 0xffL) << (8 * i);");
        s.line("v >>>= shift;");
        s.line("if (bytes == 9) v |= (struct.get(JAVA_BYTE, first + 8) & 0xffL) << (64 - shift);");
        s.open("if (width < 64)");
        s.line("v &= (1L << width) - 1;");
        s.line("if (signed && (v >>> (width - 1)) != 0) v |= -1L << width;");
        s.close();
        s.line("return v;");
        s.close().blank();
        s.open("private static void setBits$(MemorySegment struct, long bitOffset, int width, long value)");
        s.line("long first = bitOffset >>> 3;");
        s.line("int shift = (int) (bitOffset & 7);");
        s.line("int bytes = (shift + width + 7) >>> 3;");
        s.line("long mask = width == 64 ? -1L : (1L << width) - 1;");
        s.line("value &= mask;");
        s.open("for (int i = 0; i < bytes; i++)");
        s.line("int at = 8 * i - shift; // which bit of the value is this byte's bit 0");
        s.line("long m = (at >= 0 ? mask >>> at : mask << -at) & 0xff;");
        s.line("long v = (at >= 0 ? value >>> at : value << -at) & 0xff;");
        s.line("byte old = struct.get(JAVA_BYTE, first + i);");
        s.line("struct.set(JAVA_BYTE, first + i, (byte) ((old & ~m) | v));");
        s.close();
        s.close();
    }
}
