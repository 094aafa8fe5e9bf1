package dev.dwarfbind.sidecar;

import java.util.ArrayList;
import java.util.List;

import static dev.dwarfbind.sidecar.DwarfConstants.*;

/**
 * Builds x86-64 ELF images holding hand-made DWARF 5 and a symbol table, written with the
 * sidecar writer's own encoder: files no compiler writes (sizes of 2^64 - 1, references with the
 * top bit set, thousands of nested types, decompression bombs) for the tests of hostile input and
 * the structure-aware fuzzer.
 *
 * <pre>{@code
 * var lib = new CraftedLibrary();
 * Node i = lib.type(CraftedLibrary.base("int", DW_ATE_SIGNED, 4));
 * lib.function("f", i, i);
 * byte[] elf = lib.image();
 * }</pre>
 */
public final class CraftedLibrary {
    public static final int DW_TAG_UNION = DW_TAG_UNION_TYPE;
    public static final int DW_TAG_STRUCT = DW_TAG_STRUCTURE_TYPE;
    public static final int DW_ATE_INT = DW_ATE_SIGNED;
    public static final int DW_ATE_FLT = DW_ATE_FLOAT;
    public static final int DW_AT_UPPER_BOUND = 0x2f;
    public static final int DW_AT_RANGES = 0x55;
    public static final int DW_FORM_REF8 = 0x14;
    public static final int DW_FORM_DATA4 = 0x06;
    public static final int DW_FORM_SEC_OFFSET = 0x17;
    public static final int SHT_PROGBITS = ElfOutputSection.SHT_PROGBITS;
    public static final long SHF_COMPRESSED = ElfOutputSection.SHF_COMPRESSED;
    private static final long TEXT = 0x1000;

    /** One DIE being built; a thin public handle on the writer's {@link DieNode}. */
    public static final class Node {
        final DieNode die;

        Node(int tag) {
            this.die = new DieNode(tag);
        }

        /** Adds {@code DW_AT_name}. */
        public Node name(String name) {
            die.add(DW_AT_NAME, new AttributeValue.Str(name));
            return this;
        }

        /** Adds an unsigned constant attribute ({@code DW_FORM_udata}), any 64-bit pattern. */
        public Node unsigned(int attribute, long value) {
            die.add(attribute, new AttributeValue.Unsigned(value));
            return this;
        }

        /** Adds a reference ({@code DW_FORM_ref4}) to {@code target}. */
        public Node ref(int attribute, Node target) {
            die.add(attribute, new AttributeValue.Reference(target.die));
            return this;
        }

        /** Adds {@code DW_AT_type} referring to {@code target}. */
        public Node type(Node target) {
            return ref(DW_AT_TYPE, target);
        }

        /** Adds an attribute whose value is {@code bytes} in {@code form}, written as they are. */
        public Node raw(int attribute, int form, byte[] bytes) {
            die.add(attribute, new AttributeValue.Raw(form, bytes));
            return this;
        }

        /** Adds a flag ({@code DW_FORM_flag_present}). */
        public Node flag(int attribute) {
            die.add(attribute, new AttributeValue.Flag());
            return this;
        }

        /** Appends {@code child} and returns this node. */
        public Node child(Node child) {
            die.child(child.die);
            return this;
        }
    }

    /** An exported symbol. */
    private record Symbol(String name, long address, long size, boolean function) {
    }

    private final Node unit = new Node(DW_TAG_COMPILE_UNIT);
    private final List<Symbol> symbols = new ArrayList<>();
    private final List<ElfOutputSection> extra = new ArrayList<>();
    private Compression compression = Compression.NONE;

    public CraftedLibrary() {
        unit.die.add(DW_AT_PRODUCER, new AttributeValue.Str("dwarfbind test"));
        unit.die.add(DW_AT_LANGUAGE, new AttributeValue.Data2(DW_LANG_C11));
    }

    /** A DIE of {@code tag}, not yet placed anywhere. */
    public static Node die(int tag) {
        return new Node(tag);
    }

    /** A base type. */
    public static Node base(String name, int encoding, long size) {
        return new Node(DW_TAG_BASE_TYPE).name(name).unsigned(DW_AT_ENCODING, encoding).unsigned(DW_AT_BYTE_SIZE, size);
    }

    /** A pointer to {@code to} ({@code null} for {@code void *}). */
    public static Node pointer(Node to) {
        Node p = new Node(DW_TAG_POINTER_TYPE).unsigned(DW_AT_BYTE_SIZE, 8);
        return to == null ? p : p.type(to);
    }

    /** A typedef. */
    public static Node typedef(String name, Node to) {
        return new Node(DW_TAG_TYPEDEF).name(name).type(to);
    }

    /** A const-qualified type. */
    public static Node constOf(Node to) {
        return new Node(DW_TAG_CONST_TYPE).type(to);
    }

    /** A struct or union ({@code tag} one of {@link #DW_TAG_STRUCT}, {@link #DW_TAG_UNION}); {@code name} may be null. */
    public static Node record(int tag, String name, long size) {
        Node r = new Node(tag);
        if (name != null) r.name(name);
        return r.unsigned(DW_AT_BYTE_SIZE, size);
    }

    /** A member at byte {@code offset}; {@code name} may be null (an anonymous member). */
    public static Node member(String name, Node type, long offset) {
        Node m = new Node(DW_TAG_MEMBER);
        if (name != null) m.name(name);
        return m.type(type).unsigned(DW_AT_DATA_MEMBER_LOCATION, offset);
    }

    /** An array of {@code element} with one dimension per count. */
    public static Node array(Node element, long... counts) {
        Node a = new Node(DW_TAG_ARRAY_TYPE).type(element);
        for (long c : counts) a.child(new Node(DW_TAG_SUBRANGE_TYPE).unsigned(DW_AT_COUNT, c));
        return a;
    }

    /** An enum with the given constants 0, 1, 2, ... */
    public static Node enumeration(String name, long size, String... constants) {
        Node e = new Node(DW_TAG_ENUMERATION_TYPE);
        if (name != null) e.name(name);
        e.unsigned(DW_AT_BYTE_SIZE, size);
        for (int i = 0; i < constants.length; i++) {
            e.child(new Node(DW_TAG_ENUMERATOR).name(constants[i]).unsigned(DW_AT_CONST_VALUE, i));
        }
        return e;
    }

    /** Places a DIE directly under the unit and returns it. */
    public Node type(Node die) {
        unit.child(die);
        return die;
    }

    /**
     * An exported function {@code name} returning {@code result} ({@code null} for void) with
     * parameters of the given types, defined in the unit and the symbol table; returns its DIE.
     */
    public Node function(String name, Node result, Node... parameters) {
        long address = TEXT + 16L * symbols.size();
        Node sp = new Node(DW_TAG_SUBPROGRAM).name(name).flag(DW_AT_EXTERNAL).flag(DW_AT_PROTOTYPED);
        if (result != null) sp.type(result);
        sp.die.add(DW_AT_LOW_PC, new AttributeValue.Address(address));
        sp.unsigned(DW_AT_HIGH_PC, 16);
        for (int i = 0; i < parameters.length; i++) sp.child(new Node(DW_TAG_FORMAL_PARAMETER).name("p" + i).type(parameters[i]));
        unit.child(sp);
        symbols.add(new Symbol(name, address, 16, true));
        return sp;
    }

    /** A subprogram DIE for a symbol, with the attributes the caller adds (no low_pc). */
    public Node functionSymbol(String name, Node subprogram) {
        unit.child(subprogram);
        symbols.add(new Symbol(name, TEXT + 16L * symbols.size(), 16, true));
        return subprogram;
    }

    /** An exported variable {@code name} of {@code type}, {@code size} bytes in the symbol table. */
    public Node variable(String name, Node type, long size) {
        long address = 0x100000 + 0x1000L * symbols.size();
        var loc = new ByteSink(true);
        loc.u8(DW_OP_ADDR);
        loc.u64(address);
        Node v = new Node(DW_TAG_VARIABLE).name(name).flag(DW_AT_EXTERNAL).type(type);
        v.die.add(DW_AT_LOCATION, new AttributeValue.Expression(loc.toByteArray()));
        unit.child(v);
        symbols.add(new Symbol(name, address, size, false));
        return v;
    }

    /** Adds a section after the DWARF and symbols (e.g. a range list, version tables). */
    public CraftedLibrary section(String name, int type, long flags, byte[] contents, int link, int info) {
        extra.add(new ElfOutputSection(name, type, flags, 0, 8, 0, contents, link, info));
        return this;
    }

    /** Compresses the DWARF sections with {@code c}. */
    public CraftedLibrary compress(Compression c) {
        this.compression = c;
        return this;
    }

    /** The index {@link #section} gives the next extra section (for {@code sh_link}). */
    public int nextSectionIndex() {
        return 1 + 1 + 3 + 2 + extra.size();
    }

    /** The ELF image: .text, the three DWARF sections, .symtab and .strtab, then the extra sections. */
    public byte[] image() {
        var strings = new StringSection();
        var abbreviations = new Abbreviations();
        var encoder = new UnitEncoder(8, true, strings, abbreviations);
        encoder.collectStrings(unit.die);
        strings.finish();
        byte[] info = encoder.encode(unit.die);
        var sections = new ArrayList<ElfOutputSection>();
        sections.add(new ElfOutputSection(".text", SHT_PROGBITS, 0x6, TEXT, 16, 0, new byte[16]));
        debug(sections, ".debug_abbrev", abbreviations.contents());
        debug(sections, ".debug_info", info);
        debug(sections, ".debug_str", strings.contents());
        var strtab = new ByteSink(true);
        strtab.u8(0);
        var symtab = new ByteSink(true);
        for (int i = 0; i < 24; i++) symtab.u8(0);
        for (Symbol s : symbols) {
            symtab.u32(strtab.size());
            strtab.cString(s.name());
            symtab.u8(1 << 4 | (s.function() ? 2 : 1)); // STB_GLOBAL, STT_FUNC or STT_OBJECT
            symtab.u8(0);
            symtab.u16(1); // defined in .text (section 1)
            symtab.u64(s.address());
            symtab.u64(s.size());
        }
        int strtabIndex = sections.size() + 2;
        sections.add(new ElfOutputSection(".symtab", 2, 0, 0, 8, 24, symtab.toByteArray(), strtabIndex, 1));
        sections.add(new ElfOutputSection(".strtab", 3, 0, 0, 1, 0, strtab.toByteArray()));
        sections.addAll(extra);
        return ElfImageWriter.image(true, true, 62, sections);
    }

    private void debug(List<ElfOutputSection> sections, String name, byte[] raw) {
        byte[] packed = SectionCompressor.compress(raw, compression, true, true);
        sections.add(packed == null
                ? new ElfOutputSection(name, SHT_PROGBITS, 0, 0, 1, 0, raw)
                : new ElfOutputSection(name, SHT_PROGBITS, SHF_COMPRESSED, 0, 8, 0, packed));
    }

    /**
     * An ELF image of nothing but {@code SHF_COMPRESSED} sections with the given names, each an
     * {@code Elf64_Chdr} claiming {@code claimedSize} zlib bytes followed by {@code stream}.
     */
    public static byte[] compressedSections(List<String> names, long claimedSize, byte[] stream) {
        var sections = new ArrayList<ElfOutputSection>();
        for (String name : names) {
            var s = new ByteSink(true);
            s.u32(1); // ELFCOMPRESS_ZLIB
            s.u32(0);
            s.u64(claimedSize);
            s.u64(1);
            s.bytes(stream);
            sections.add(new ElfOutputSection(name, SHT_PROGBITS, SHF_COMPRESSED, 0, 8, 0, s.toByteArray()));
        }
        return ElfImageWriter.image(true, true, 62, sections);
    }

    /** Little-endian bytes of {@code v}, {@code n} of them. */
    public static byte[] le(long v, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) (v >>> (8 * i));
        return b;
    }
}
