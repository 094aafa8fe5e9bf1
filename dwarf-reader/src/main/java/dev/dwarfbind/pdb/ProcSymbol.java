package dev.dwarfbind.pdb;

import java.util.List;

/**
 * A function's symbol ({@code S_GPROC32}, {@code S_LPROC32} or their {@code _ID} forms) with the
 * names of its parameters, from the {@code S_LOCAL} (flagged as parameters) or, failing those,
 * {@code S_REGREL32} records directly inside it.
 *
 * @param name       the function's name as the compiler spells it (undecorated)
 * @param rva        its address relative to the image base, or -1 if its section is unknown
 * @param type       its type index: into the IPI stream ({@code LF_FUNC_ID}) when {@code idIndex},
 *                   else into the TPI stream ({@code LF_PROCEDURE})
 * @param idIndex    whether {@code type} is an IPI index
 * @param noreturn   whether the compiler marked it as never returning
 * @param parameters parameter names in order, as far as the symbols say
 */
public record ProcSymbol(String name, long rva, long type, boolean idIndex, boolean noreturn, List<String> parameters) {
    public ProcSymbol {
        parameters = List.copyOf(parameters);
    }
}
