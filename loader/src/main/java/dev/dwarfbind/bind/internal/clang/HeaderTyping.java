package dev.dwarfbind.bind.internal.clang;

import dev.dwarfbind.debuginfo.DebugInfo;
import dev.dwarfbind.debuginfo.NoDebugInfoException;
import dev.dwarfbind.elf.ElfFile;
import dev.dwarfbind.headers.HeaderMerge;
import dev.dwarfbind.headers.HeaderReader;
import dev.dwarfbind.headers.Headers;
import dev.dwarfbind.types.Target;
import dev.dwarfbind.types.TypeSystem;

import java.io.IOException;
import java.nio.file.Path;

/** The type system of a library opened with headers, or of C declarations given as text. */
public final class HeaderTyping {
    private HeaderTyping() {
    }

    /**
     * The types of the library at {@code path}: its debug info's with the headers' macros and
     * parameter names added where it has debug info, else the headers' matched to its exports.
     */
    public static TypeSystem library(Path path, Headers headers) throws IOException {
        DebugInfo info;
        try {
            info = DebugInfo.open(path);
        } catch (NoDebugInfoException e) {
            ElfFile elf = ElfFile.open(path);
            return HeaderReader.read(headers, elf.target(), DebugInfo.exports(elf)).types();
        }
        TypeSystem dwarf = info.typeSystem();
        TypeSystem fromHeaders = HeaderReader.read(headers, info.target(), info.exports()).types();
        return HeaderMerge.merge(dwarf, fromHeaders);
    }

    /** The types {@code declarations} (C text and headers) declare, for {@code target}. */
    public static TypeSystem declarations(Headers declarations, Target target) {
        return HeaderReader.read(declarations, target, null).types();
    }
}
