package dev.dwarfbind.sidecar;

/**
 * Lays out one DWARF 5 compilation unit (32-bit format) and encodes it: assigns every
 * {@link DieNode} its offset, then writes the unit header and the DIEs, resolving references to
 * {@code DW_FORM_ref4} offsets, strings to {@code DW_FORM_strp} offsets and attribute shapes to
 * abbreviation codes.
 */
final class UnitEncoder {
    /** unit_length, version, unit_type, address_size, debug_abbrev_offset. */
    private static final int HEADER_SIZE = 4 + 2 + 1 + 1 + 4;

    private final int addressSize;
    private final boolean littleEndian;
    private final StringSection strings;
    private final Abbreviations abbreviations;

    UnitEncoder(int addressSize, boolean littleEndian, StringSection strings, Abbreviations abbreviations) {
        this.addressSize = addressSize;
        this.littleEndian = littleEndian;
        this.strings = strings;
        this.abbreviations = abbreviations;
    }

    /** Registers every string of the tree under {@code root} with the string section. */
    void collectStrings(DieNode root) {
        for (DieNode.Attribute a : root.attributes()) {
            if (a.value() instanceof AttributeValue.Str s) strings.add(s.value());
        }
        for (DieNode c : root.children()) collectStrings(c);
    }

    /**
     * The {@code .debug_info} contents for the unit whose root DIE is {@code root}; the string
     * section must be laid out already.
     */
    byte[] encode(DieNode root) {
        long end = layout(root, HEADER_SIZE);
        if (end > 0xffff_fff0L) throw new IllegalArgumentException("the unit needs " + end + " bytes, more than 32-bit DWARF holds");
        var sink = new ByteSink(littleEndian);
        sink.u32(end - 4);
        sink.u16(DwarfConstants.VERSION);
        sink.u8(DwarfConstants.DW_UT_COMPILE);
        sink.u8(addressSize);
        sink.u32(0); // the one abbreviation table starts the section
        write(root, sink);
        if (sink.size() != end) throw new IllegalStateException("unit laid out as " + end + " bytes but wrote " + sink.size());
        return sink.toByteArray();
    }

    /** Gives {@code die} and its subtree offsets starting at {@code at}; returns the offset after it. */
    private long layout(DieNode die, long at) {
        die.offset = Math.toIntExact(at);
        long pos = at + ByteSink.ulebSize(abbreviations.codeOf(die));
        for (DieNode.Attribute a : die.attributes()) pos += size(a.value());
        if (die.children().isEmpty()) return pos;
        for (DieNode c : die.children()) pos = layout(c, pos);
        return pos + 1; // the null entry closing the children
    }

    private int size(AttributeValue v) {
        return switch (v) {
            case AttributeValue.Flag f -> 0;
            case AttributeValue.Unsigned u -> ByteSink.ulebSize(u.value());
            case AttributeValue.Signed s -> ByteSink.slebSize(s.value());
            case AttributeValue.Data1 d -> 1;
            case AttributeValue.Data2 d -> 2;
            case AttributeValue.Address a -> addressSize;
            case AttributeValue.Str s -> 4;
            case AttributeValue.Reference r -> 4;
            case AttributeValue.Expression e -> ByteSink.ulebSize(e.bytes().length) + e.bytes().length;
            case AttributeValue.Raw r -> r.bytes().length;
        };
    }

    private void write(DieNode die, ByteSink sink) {
        if (sink.size() != die.offset) throw new IllegalStateException("DIE laid out at " + die.offset + " but written at " + sink.size());
        sink.uleb(abbreviations.codeOf(die));
        for (DieNode.Attribute a : die.attributes()) {
            switch (a.value()) {
                case AttributeValue.Flag f -> { }
                case AttributeValue.Unsigned u -> sink.uleb(u.value());
                case AttributeValue.Signed s -> sink.sleb(s.value());
                case AttributeValue.Data1 d -> sink.u8(d.value());
                case AttributeValue.Data2 d -> sink.u16(d.value());
                case AttributeValue.Address ad -> sink.unsigned(ad.value(), addressSize);
                case AttributeValue.Str s -> sink.u32(strings.offsetOf(s.value()));
                case AttributeValue.Reference r -> {
                    if (r.target().offset < 0) throw new IllegalStateException("reference to a DIE that is not in the unit");
                    sink.u32(r.target().offset);
                }
                case AttributeValue.Expression e -> {
                    sink.uleb(e.bytes().length);
                    sink.bytes(e.bytes());
                }
                case AttributeValue.Raw r -> sink.bytes(r.bytes());
            }
        }
        if (die.children().isEmpty()) return;
        for (DieNode c : die.children()) write(c, sink);
        sink.u8(0);
    }
}
