package dev.dwarfbind.gen.write;

import dev.dwarfbind.gen.model.Binding;

/**
 * The loading code of a {@link dev.dwarfbind.gen.model.Mode#STANDALONE} library class, which
 * needs {@code java.base} only: the library found by path or by the system's search, its GNU
 * build-id read from the file itself (ELF program headers, then the {@code NT_GNU_BUILD_ID} note)
 * and compared with the one generated from before any of its code is called.
 */
final class StandaloneRuntime {
    private StandaloneRuntime() {
    }

    static void write(Source s, Binding b, String firstSymbol) {
        String lib = b.library().fileName();
        s.open("if (%s)", Header.openRuntime(s, b, "loaded", "SymbolLookup LOOKUP", "SymbolLookup load"));
        s.line("java.nio.file.Path path = java.nio.file.Path.of(where).toAbsolutePath();");
        s.open("if (!java.nio.file.Files.isRegularFile(path))");
        s.line("throw new UnsatisfiedLinkError(path + \": no such library (these bindings were generated from %s; \"", Text.string(lib).replace("\"", ""));
        s.line("        + \"set -D\" + LIBRARY_PROPERTY + \"=PATH to load it from elsewhere)\");");
        s.close();
        // Checked before loading: a wrong library's constructors never run.
        s.line("checkBuildId(path);");
        s.line("return SymbolLookup.libraryLookup(path, Arena.global());");
        s.close();
        s.line("SymbolLookup lookup = SymbolLookup.libraryLookup(where, Arena.global());");
        if (b.library().buildId() != null && firstSymbol != null) {
            s.line("// Which file the system's search found: the mapping that holds one of its symbols.");
            s.line("MemorySegment probe = lookup.find(%s).orElseThrow(() -> new UnsatisfiedLinkError(where + \" has no symbol \" + %s));",
                    Text.string(firstSymbol), Text.string(firstSymbol));
            s.line("checkBuildId(mappedFile(where, probe.address()));");
        }
        s.line("return lookup;");
        s.close().blank();

        s.open("private static void checkBuildId(java.nio.file.Path path)");
        if (b.library().buildId() == null) {
            s.line("// %s had no build-id when these bindings were generated: nothing to compare.", Text.plain(lib));
        } else {
            s.line("String found;");
            s.open("try");
            s.line("found = buildId(path);");
            s.reopen("catch (java.io.IOException | RuntimeException e)");
            s.line("throw new UnsatisfiedLinkError(path + \": cannot read its build-id: \" + e);");
            s.close();
            s.open("if (!BUILD_ID.equals(found))");
            s.line("throw new UnsatisfiedLinkError(path + \" is not the library these bindings were generated from: its build-id is \"");
            s.line("        + (found == null ? \"missing\" : found) + \", expected \" + BUILD_ID + \" (%s); regenerate the bindings for it\");",
                    Text.string(lib).replace("\"", ""));
            s.close();
        }
        s.close().blank();
        if (b.library().buildId() == null) {
            s.close();
            return;
        }
        s.doc("The GNU build-id of an ELF file, as lower-case hex, or {@code null} if it has none.");
        s.open("static String buildId(java.nio.file.Path path) throws java.io.IOException");
        s.open("try (var ch = java.nio.channels.FileChannel.open(path))");
        s.line("java.nio.ByteBuffer h = read(ch, 0, 64, java.nio.ByteOrder.LITTLE_ENDIAN);");
        s.open("if (h.getInt(0) != 0x464c457f)");
        s.line("throw new java.io.IOException(\"not an ELF file\");");
        s.close();
        s.line("boolean wide = h.get(4) == 2;");
        s.line("h.order(h.get(5) == 2 ? java.nio.ByteOrder.BIG_ENDIAN : java.nio.ByteOrder.LITTLE_ENDIAN);");
        s.line("long phoff = wide ? h.getLong(32) : h.getInt(28) & 0xffffffffL;");
        s.line("int phentsize = h.getShort(wide ? 54 : 42) & 0xffff;");
        s.line("int phnum = h.getShort(wide ? 56 : 44) & 0xffff;");
        s.open("for (int i = 0; i < phnum; i++)");
        s.line("java.nio.ByteBuffer ph = read(ch, phoff + (long) i * phentsize, phentsize, h.order());");
        s.line("if (ph.getInt(0) != 4) continue; // PT_NOTE");
        s.line("long offset = wide ? ph.getLong(8) : ph.getInt(4) & 0xffffffffL;");
        s.line("long size = wide ? ph.getLong(32) : ph.getInt(16) & 0xffffffffL;");
        s.line("if (size > 1 << 20) continue;");
        s.line("java.nio.ByteBuffer notes = read(ch, offset, (int) size, h.order());");
        s.open("for (int at = 0; at + 12 <= size; )");
        s.line("int namesz = notes.getInt(at);");
        s.line("int descsz = notes.getInt(at + 4);");
        s.line("int type = notes.getInt(at + 8);");
        s.line("int desc = at + 12 + ((namesz + 3) & ~3);");
        s.line("if (namesz < 0 || descsz < 0 || desc + descsz > size) break;");
        s.open("if (type == 3 && namesz == 4 && notes.getInt(at + 12) == (h.order() == java.nio.ByteOrder.LITTLE_ENDIAN ? 0x00554e47 : 0x474e5500))");
        s.line("var hex = new StringBuilder();");
        s.line("for (int k = 0; k < descsz; k++) hex.append(String.format(\"%02x\", notes.get(desc + k)));");
        s.line("return hex.toString();");
        s.close();
        s.line("at = desc + ((descsz + 3) & ~3);");
        s.close();
        s.close();
        s.line("return null;");
        s.close();
        s.close().blank();

        s.open("private static java.nio.ByteBuffer read(java.nio.channels.FileChannel ch, long at, int size, java.nio.ByteOrder order) throws java.io.IOException");
        s.line("java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(size).order(order);");
        s.open("while (buf.hasRemaining())");
        s.line("if (ch.read(buf, at + buf.position()) < 0) throw new java.io.EOFException(\"truncated ELF file\");");
        s.close();
        s.line("return buf;");
        s.close().blank();

        s.doc("The file mapped at {@code address}, from {@code /proc/self/maps} (Linux): what the system's search loaded.");
        s.open("private static java.nio.file.Path mappedFile(String name, long address)");
        s.open("try (var lines = java.nio.file.Files.lines(java.nio.file.Path.of(\"/proc/self/maps\")))");
        s.line("return lines.map(l -> l.split(\"\\\\s+\", 6))");
        s.line("        .filter(f -> f.length == 6 && f[5].startsWith(\"/\"))");
        s.line("        .filter(f -> {");
        s.line("            String[] range = f[0].split(\"-\");");
        s.line("            return Long.compareUnsigned(Long.parseUnsignedLong(range[0], 16), address) <= 0");
        s.line("                    && Long.compareUnsigned(address, Long.parseUnsignedLong(range[1], 16)) < 0;");
        s.line("        })");
        s.line("        .map(f -> java.nio.file.Path.of(f[5]))");
        s.line("        .findFirst()");
        s.line("        .orElseThrow(() -> new UnsatisfiedLinkError(name + \": cannot find which file was loaded, to check its build-id\"));");
        s.reopen("catch (java.io.IOException e)");
        s.line("throw new UnsatisfiedLinkError(name + \": cannot check its build-id without /proc/self/maps (\" + e + \"); load it by path with -D\" + LIBRARY_PROPERTY);");
        s.close();
        s.close();
        s.close();
    }

    /** The helpers every member uses to reach the library. */
    static void helpers(Source s, String lib) {
        s.open("static MemorySegment symbol$(String name)");
        s.line("return Runtime$.LOOKUP.find(name).orElseThrow(() -> new UnsatisfiedLinkError(%s + \" has no symbol \" + name));", Text.string(lib));
        s.close().blank();
        s.open("private static MethodHandle downcall$(String name, String declaration, boolean errno, FunctionDescriptor descriptor)");
        s.line("return Linker.nativeLinker().downcallHandle(symbol$(name), descriptor, errno");
        s.line("        ? new Linker.Option[]{Linker.Option.captureCallState(\"errno\")} : new Linker.Option[0]);");
        s.close().blank();
        s.open("private static MemorySegment variable$(String name, String declaration, long size)");
        s.line("return symbol$(name).reinterpret(size);");
        s.close().blank();
    }
}
