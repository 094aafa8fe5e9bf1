package dev.dwarfbind.llvm.debuginfo;

import dev.dwarfbind.llvm.c.LibLlvm;
import dev.dwarfbind.llvm.c.LibLlvmIr;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One metadata node of a parsed module ({@code LLVMMetadataRef}), read through the LLVM C API:
 * {@code llvm-c/DebugInfo.h}'s accessors where it has them (kind, tag, a type's name, size, offset,
 * alignment and flags), the node's operands through {@code LLVMMetadataAsValue} and
 * {@code LLVMGetMDNodeOperands} for the references between nodes (a derived type's base type, a
 * composite's elements, a subroutine's types), and, for the few integer fields the C API has no
 * accessor for (a basic type's encoding, an enumerator's value, a subroutine type's calling
 * convention, a parameter's argument number, a subprogram's flags), the node printed by
 * {@code LLVMPrintValueToString} in LLVM's assembly syntax, the form {@code llvm-as} reads back.
 * Valid while its module's context is.
 */
final class DiNode {
    /** {@code LLVMMetadataKind} values (the enum's order in {@code llvm-c/DebugInfo.h}). */
    static final int MD_STRING = 0;
    static final int MD_TUPLE = 4;
    static final int DI_LOCATION = 5;
    static final int DI_GLOBAL_VARIABLE_EXPRESSION = 7;
    static final int DI_SUBRANGE = 9;
    static final int DI_ENUMERATOR = 10;
    static final int DI_BASIC_TYPE = 11;
    static final int DI_DERIVED_TYPE = 12;
    static final int DI_COMPOSITE_TYPE = 13;
    static final int DI_SUBROUTINE_TYPE = 14;
    static final int DI_COMPILE_UNIT = 16;
    static final int DI_SUBPROGRAM = 17;
    static final int DI_LEXICAL_BLOCK = 18;
    static final int DI_LEXICAL_BLOCK_FILE = 19;
    static final int DI_GLOBAL_VARIABLE = 24;
    static final int DI_LOCAL_VARIABLE = 25;

    private final MemorySegment context;
    private final MemorySegment ref;
    private List<Object> operands;
    private Map<String, String> fields;

    DiNode(MemorySegment context, MemorySegment ref) {
        this.context = context;
        this.ref = ref;
    }

    /** The node's identity: nodes are uniqued per context, so equal addresses are one node. */
    long address() {
        return ref.address();
    }

    int kind() {
        try {
            return (int) LibLlvmIr.GET_METADATA_KIND.invokeExact(ref);
        } catch (Throwable t) {
            throw LibLlvm.rethrow(t);
        }
    }

    /** Whether this is a {@code DIType} (basic, derived, composite or subroutine), which the DIType accessors accept. */
    boolean isType() {
        int k = kind();
        return k >= DI_BASIC_TYPE && k <= DI_SUBROUTINE_TYPE;
    }

    /** The DWARF tag ({@code DW_TAG_*}) of a {@code DINode}. */
    int tag() {
        try {
            return Short.toUnsignedInt((short) LibLlvmIr.GET_DI_NODE_TAG.invokeExact(ref));
        } catch (Throwable t) {
            throw LibLlvm.rethrow(t);
        }
    }

    /** A type's name, {@code null} when it has none. */
    String typeName() {
        requireType("LLVMDITypeGetName");
        try (Arena a = Arena.ofConfined()) {
            MemorySegment len = a.allocate(ValueLayout.JAVA_LONG);
            MemorySegment s = (MemorySegment) LibLlvmIr.DI_TYPE_GET_NAME.invokeExact(ref, len);
            long n = len.get(ValueLayout.JAVA_LONG, 0);
            if (s.equals(MemorySegment.NULL) || n == 0) return null;
            return new String(s.reinterpret(n).toArray(ValueLayout.JAVA_BYTE), java.nio.charset.StandardCharsets.UTF_8);
        } catch (Throwable t) {
            throw LibLlvm.rethrow(t);
        }
    }

    long sizeInBits() {
        requireType("LLVMDITypeGetSizeInBits");
        try {
            return (long) LibLlvmIr.DI_TYPE_GET_SIZE_IN_BITS.invokeExact(ref);
        } catch (Throwable t) {
            throw LibLlvm.rethrow(t);
        }
    }

    long offsetInBits() {
        requireType("LLVMDITypeGetOffsetInBits");
        try {
            return (long) LibLlvmIr.DI_TYPE_GET_OFFSET_IN_BITS.invokeExact(ref);
        } catch (Throwable t) {
            throw LibLlvm.rethrow(t);
        }
    }

    /** Alignment in bits; 0 when the source did not ask for one (clang records only explicit alignment). */
    long alignInBits() {
        requireType("LLVMDITypeGetAlignInBits");
        try {
            return Integer.toUnsignedLong((int) LibLlvmIr.DI_TYPE_GET_ALIGN_IN_BITS.invokeExact(ref));
        } catch (Throwable t) {
            throw LibLlvm.rethrow(t);
        }
    }

    /** A type's {@code LLVMDIFlags}. */
    int flags() {
        requireType("LLVMDITypeGetFlags");
        try {
            return (int) LibLlvmIr.DI_TYPE_GET_FLAGS.invokeExact(ref);
        } catch (Throwable t) {
            throw LibLlvm.rethrow(t);
        }
    }

    private void requireType(String accessor) {
        // The DIType accessors cast without checking: on another node they would read garbage.
        if (!isType()) throw new DebugMetadataException(accessor + " asked of a node that is not a type: " + printed());
    }

    /**
     * The operands: {@code null}, a {@link DiNode}, a {@link String} (an {@code MDString}) or a {@link Long}
     * (a constant integer, as a subrange's count). Only for nodes ({@code MDNode}s), not strings or constants.
     */
    List<Object> operands() {
        if (operands != null) return operands;
        int k = kind();
        if (k < MD_TUPLE) throw new DebugMetadataException("metadata of kind " + k + " has no operands");
        try (Arena a = Arena.ofConfined()) {
            MemorySegment value = asValue();
            int n = (int) LibLlvmIr.GET_MD_NODE_NUM_OPERANDS.invokeExact(value);
            MemorySegment buffer = a.allocate(ValueLayout.ADDRESS, Math.max(1, n));
            LibLlvmIr.GET_MD_NODE_OPERANDS.invokeExact(value, buffer);
            var out = new ArrayList<Object>(n);
            for (int i = 0; i < n; i++) out.add(operand(buffer.getAtIndex(ValueLayout.ADDRESS, i)));
            operands = java.util.Collections.unmodifiableList(out);
            return operands;
        } catch (Throwable t) {
            throw LibLlvm.rethrow(t);
        }
    }

    /** Operand {@code i}, or {@code null} when the node has fewer. */
    Object operand(int i) {
        List<Object> ops = operands();
        return i < ops.size() ? ops.get(i) : null;
    }

    /** Operand {@code i} as a node; {@code null} when it is null or absent. */
    DiNode node(int i) {
        Object o = operand(i);
        if (o == null || o instanceof DiNode) return (DiNode) o;
        throw new DebugMetadataException("operand " + i + " of " + printed() + " is " + o + ", not a metadata node");
    }

    /** Operand {@code i} as a string; {@code null} when it is null or absent. */
    String string(int i) {
        Object o = operand(i);
        if (o == null || o instanceof String) return (String) o;
        throw new DebugMetadataException("operand " + i + " of " + printed() + " is not a string");
    }

    private Object operand(MemorySegment v) throws Throwable {
        if (v.equals(MemorySegment.NULL)) return null;
        if (!((MemorySegment) LibLlvmIr.IS_A_MD_STRING.invokeExact(v)).equals(MemorySegment.NULL)) {
            try (Arena a = Arena.ofConfined()) {
                MemorySegment len = a.allocate(ValueLayout.JAVA_INT);
                MemorySegment s = (MemorySegment) LibLlvmIr.GET_MD_STRING.invokeExact(v, len);
                int n = len.get(ValueLayout.JAVA_INT, 0);
                return n == 0 ? "" : new String(s.reinterpret(n).toArray(ValueLayout.JAVA_BYTE), java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        if (!((MemorySegment) LibLlvmIr.IS_A_CONSTANT_INT.invokeExact(v)).equals(MemorySegment.NULL)) {
            return (long) LibLlvmIr.CONST_INT_GET_SEXT_VALUE.invokeExact(v);
        }
        MemorySegment md = (MemorySegment) LibLlvmIr.VALUE_AS_METADATA.invokeExact(v);
        return new DiNode(context, md);
    }

    private MemorySegment asValue() throws Throwable {
        return (MemorySegment) LibLlvmIr.METADATA_AS_VALUE.invokeExact(context, ref);
    }

    /** The node in LLVM's assembly syntax, e.g. {@code !DIBasicType(name: "int", size: 32, encoding: DW_ATE_signed)}. */
    String printed() {
        try {
            MemorySegment s = (MemorySegment) LibLlvmIr.PRINT_VALUE_TO_STRING.invokeExact(asValue());
            String text = s.reinterpret(Long.MAX_VALUE).getString(0);
            LibLlvm.DISPOSE_MESSAGE.invokeExact(s);
            return text;
        } catch (Throwable t) {
            throw LibLlvm.rethrow(t);
        }
    }

    /**
     * Field {@code name} of the printed node ({@code encoding}, {@code value}, {@code cc}, ...) as LLVM
     * writes it, {@code null} when the printer leaves it out (it omits fields at their default).
     */
    String field(String name) {
        if (fields == null) fields = parseFields(printed());
        return fields.get(name);
    }

    /** {@code key: value} pairs of the outermost parentheses, quoted strings kept whole. */
    static Map<String, String> parseFields(String printed) {
        var out = new HashMap<String, String>();
        int open = printed.indexOf('(');
        if (open < 0) return out;
        int depth = 0;
        boolean quoted = false;
        int start = open + 1;
        for (int i = open; i < printed.length(); i++) {
            char c = printed.charAt(i);
            if (quoted) {
                if (c == '"') quoted = false;
                continue;
            }
            switch (c) {
                case '"' -> quoted = true;
                case '(' -> depth++;
                case ')', ',' -> {
                    if (c == ')') depth--;
                    if (depth == 1 && c == ',' || depth == 0) {
                        String part = printed.substring(start, i).strip();
                        int colon = part.indexOf(": ");
                        if (colon > 0) out.put(part.substring(0, colon), part.substring(colon + 2));
                        start = i + 1;
                    }
                    if (depth == 0) return out;
                }
                default -> { }
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DiNode n && n.ref.address() == ref.address();
    }

    @Override
    public int hashCode() {
        return Long.hashCode(ref.address());
    }

    @Override
    public String toString() {
        return printed();
    }
}
