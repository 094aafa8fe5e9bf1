package dev.dwarfbind.dwarf;

import dev.dwarfbind.macro.ArithmeticType;
import dev.dwarfbind.macro.MacroValue;
import dev.dwarfbind.types.Constant;
import dev.dwarfbind.types.OmittedMacro;
import dev.dwarfbind.symbols.Export;
import dev.dwarfbind.types.ScalarType;
import dev.dwarfbind.types.TypeSource;
import dev.dwarfbind.types.TypeSystem;
import dev.dwarfbind.types.TypeSystemBuilder;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Converts a library's DWARF into one builder a question at a time: an export, a named type or
 * a constant is converted when first asked for, with what it reaches, and record bodies left
 * pending are completed before the answer is published. One converter serves every question,
 * so a type reached twice gets one id.
 *
 * <p>Every method locks the reader: sources of one reader share its DIE layer and name maps.
 */
final class DwarfTypeSource implements TypeSource {
    private final DwarfTypeReader reader;
    private final Map<String, Export> exports = new LinkedHashMap<>();
    private final List<String> exportNames;
    private final TypeSystemBuilder builder;
    private final TypeConverter conv;
    private final Set<String> added = new HashSet<>();
    private final Set<String> addedMacros = new HashSet<>();
    /** Named type DIE keys by the name {@code typeNamed} accepts; built on first use. */
    private Map<String, List<Long>> namedTypes;
    /** Enum DIE keys by the names of their enumerators; built on first use. */
    private Map<String, List<Long>> enumsByConstant;

    DwarfTypeSource(DwarfTypeReader reader, List<Export> exports, TypeSystemBuilder builder) {
        this.reader = reader;
        for (Export e : exports) this.exports.putIfAbsent(e.name(), e);
        this.exportNames = List.copyOf(this.exports.keySet());
        this.builder = builder;
        this.conv = new TypeConverter(reader.dwarf(), reader::index, builder);
    }

    @Override
    public List<String> exports() {
        return exportNames;
    }

    @Override
    public void addExport(String name) {
        synchronized (reader) {
            addExportLocked(name);
            complete();
        }
    }

    /** Adds several exports, completing record bodies once at the end (ids as an eager read gives them). */
    void addExports(List<String> names) {
        synchronized (reader) {
            // Eager reads match exports with the whole index, as they always have.
            reader.index();
            for (String name : names) addExportLocked(name);
            complete();
        }
    }

    private void addExportLocked(String name) {
        Export e = exports.get(name);
        if (e == null || !added.add(name)) return;
        if (e.function()) reader.function(e, conv, builder);
        else reader.variable(e, conv, builder);
    }

    @Override
    public void addNamedType(String name) {
        synchronized (reader) {
            for (long key : namedTypes().getOrDefault(name, List.of())) convert(key);
            complete();
        }
    }

    @Override
    public void addConstant(String name) {
        synchronized (reader) {
            for (long key : enumsByConstant().getOrDefault(name, List.of())) convert(key);
            complete();
            DwarfMacros.Outcome macro = reader.macros().get(name);
            if (macro != null) addMacro(macro);
        }
    }

    /** Adds a macro as a constant of its C type, or as an omitted macro with the reason. */
    private void addMacro(DwarfMacros.Outcome m) {
        String name = m.definition().name();
        if (!addedMacros.add(name)) return;
        switch (m.value()) {
            case MacroValue.Evaluated ev -> {
                int type = TypeSystem.NO_TYPE;
                ArithmeticType t = ev.type();
                if (t != null) {
                    var target = builder.target();
                    type = builder.add(new ScalarType(t.name(), t.kind(), t.size(), target.scalarAlignment(t.kind(), t.size()), t.signed()));
                }
                builder.addConstant(new Constant(name, ev.value(), type));
            }
            case MacroValue.LeftOut out -> builder.addOmittedMacro(new OmittedMacro(name, m.definition().text(), out.reason()));
        }
    }

    @Override
    public void addAll() {
        synchronized (reader) {
            DwarfIndex index = reader.index();
            for (String name : exportNames) addExportLocked(name);
            for (long key : index.namedTypes) convert(key);
            for (long key : index.anonymousEnums) convert(key);
            complete();
            for (DwarfMacros.Outcome m : reader.macros().values()) addMacro(m);
        }
    }

    private void convert(long key) {
        try {
            conv.convert(key);
        } catch (UnsupportedTypeException ignored) {
            // A type with no C equivalent is left out; functions using it say why.
        }
    }

    /** Defines every record whose body is still pending; one that fails becomes opaque. */
    private void complete() {
        while (true) {
            try {
                conv.completeAll();
                return;
            } catch (UnsupportedTypeException ignored) {
                // The record is now opaque; pointers to it still work, by-value use fails at bind time.
            }
        }
    }

    private Map<String, List<Long>> namedTypes() {
        if (namedTypes == null) {
            Dwarf dw = reader.dwarf();
            var map = new HashMap<String, List<Long>>();
            for (long key : reader.index().namedTypes) {
                Die d = dw.die(key);
                String n = dw.name(d);
                if (n == null) continue;
                String name = switch (d.tag()) {
                    case Tag.STRUCTURE_TYPE, Tag.CLASS_TYPE, Tag.UNION_TYPE, Tag.ENUMERATION_TYPE -> DwarfIndex.tagKey(d.tag(), n);
                    default -> n;
                };
                map.computeIfAbsent(name, k -> new ArrayList<>(1)).add(key);
            }
            namedTypes = map;
        }
        return namedTypes;
    }

    private Map<String, List<Long>> enumsByConstant() {
        if (enumsByConstant == null) {
            Dwarf dw = reader.dwarf();
            DwarfIndex index = reader.index();
            var map = new HashMap<String, List<Long>>();
            var enums = new ArrayList<Long>(index.anonymousEnums);
            for (long key : index.namedTypes) {
                if (dw.die(key).tag() == Tag.ENUMERATION_TYPE) enums.add(key);
            }
            for (long key : enums) {
                dw.forEachChild(dw.die(key), e -> {
                    String n = e.tag() == Tag.ENUMERATOR ? dw.name(e) : null;
                    if (n != null) map.computeIfAbsent(n, x -> new ArrayList<>(1)).add(key);
                });
            }
            enumsByConstant = map;
        }
        return enumsByConstant;
    }
}
