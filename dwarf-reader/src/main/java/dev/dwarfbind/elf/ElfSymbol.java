package dev.dwarfbind.elf;

/**
 * One symbol table entry.
 *
 * @param name        name without version suffix
 * @param value       {@code st_value}: the address, relative to the load base for a shared object
 * @param size        {@code st_size}
 * @param type        {@code STT_*}
 * @param binding     {@code STB_*}
 * @param visibility  {@code STV_*}
 * @param sectionIndex {@code st_shndx}; 0 ({@code SHN_UNDEF}) for an undefined symbol
 * @param version     the GNU symbol version name, or {@code null}
 * @param defaultVersion whether this is the default version ({@code name@@V}) rather than a hidden
 *                    one ({@code name@V}); {@code true} when unversioned
 */
public record ElfSymbol(String name, long value, long size, int type, int binding, int visibility,
                        int sectionIndex, String version, boolean defaultVersion) {
    public static final int STT_NOTYPE = 0;
    public static final int STT_OBJECT = 1;
    public static final int STT_FUNC = 2;
    public static final int STT_TLS = 6;
    public static final int STT_GNU_IFUNC = 10;
    public static final int STB_LOCAL = 0;
    public static final int STB_GLOBAL = 1;
    public static final int STB_WEAK = 2;
    public static final int STB_GNU_UNIQUE = 10;
    public static final int STV_DEFAULT = 0;
    public static final int STV_INTERNAL = 1;
    public static final int STV_HIDDEN = 2;
    public static final int STV_PROTECTED = 3;

    /** Whether the symbol is defined in this file. */
    public boolean defined() {
        return sectionIndex != 0;
    }

    /**
     * Whether other modules can bind to it: defined, GLOBAL/WEAK/UNIQUE, default or protected
     * visibility.
     */
    public boolean exported() {
        return defined()
                && (binding == STB_GLOBAL || binding == STB_WEAK || binding == STB_GNU_UNIQUE)
                && (visibility == STV_DEFAULT || visibility == STV_PROTECTED);
    }

    /** Whether this names code ({@code STT_FUNC} or {@code STT_GNU_IFUNC}). */
    public boolean isFunction() {
        return type == STT_FUNC || type == STT_GNU_IFUNC;
    }

    /** Whether this names data ({@code STT_OBJECT}, or {@code STT_TLS}). */
    public boolean isData() {
        return type == STT_OBJECT || type == STT_TLS;
    }
}
