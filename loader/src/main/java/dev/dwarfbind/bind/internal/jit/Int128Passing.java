package dev.dwarfbind.bind.internal.jit;

import dev.dwarfbind.binary.BinaryFormatException;
import dev.dwarfbind.elf.ElfFile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the code at the other end of a JIT wrapper or thunk passes a System V {@code __int128}
 * argument that meets a single free integer register. The x86-64 psABI (and gcc) put the whole value
 * on the stack and leave that register to the next integer argument; LLVM 19 and earlier split the
 * value between the register and the stack (llvm/llvm-project#123935, fixed in LLVM 20). The
 * wrappers are compiled by clang-19, so to call code built by gcc (or clang 20 and later) they pass
 * each such {@code __int128} inside a one-member struct, which clang-19 lowers as the psABI says;
 * code built by clang 19 or earlier gets the plain type, lowered as its own compiler did.
 */
public enum Int128Passing {
    /** As the psABI says: gcc, clang 20 and later, and an ELF library whose compiler is not recorded. */
    PSABI,
    /** As the JIT's clang-19 lowers it: code built by clang 19 or earlier, and anything not ELF. */
    CLANG;

    private static final Pattern CLANG_VERSION = Pattern.compile("clang version (\\d+)\\.");

    /**
     * The passing of the code in {@code library}, from the compilers its {@code .comment} section
     * names: {@link #CLANG} if one is a clang 19 or older (gcc's own start-up objects leave a "GCC:"
     * line in clang-built libraries too, so that line does not decide), else {@link #PSABI}, also
     * when there is no {@code .comment} (a stripped system library) or no file at all (the process's
     * own libraries). A file that is not ELF, or cannot be read, keeps {@link #CLANG}: what the JIT
     * did before it knew of the difference.
     */
    public static Int128Passing of(Path library) {
        if (library == null || !Files.isRegularFile(library)) return PSABI;
        try {
            var comment = ElfFile.open(library).contents(".comment");
            if (comment.isEmpty()) return PSABI;
            Matcher m = CLANG_VERSION.matcher(new String(comment.get().toArray(), StandardCharsets.ISO_8859_1));
            while (m.find()) {
                if (Integer.parseInt(m.group(1)) <= 19) return CLANG;
            }
            return PSABI;
        } catch (IOException | BinaryFormatException | NumberFormatException e) {
            return CLANG;
        }
    }
}
