package dev.dwarfbind.sidecar;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The abbreviation table of the unit ({@code .debug_abbrev}): one code per distinct combination of
 * tag, children flag and attribute/form list, numbered from 1 in order of first use.
 */
final class Abbreviations {
    /** What an abbreviation declares. */
    private record Shape(int tag, boolean hasChildren, List<Integer> attributes, List<Integer> forms) {
    }

    private final Map<Shape, Integer> codes = new LinkedHashMap<>();

    /** The code of the abbreviation that describes {@code die}, adding it if new. */
    int codeOf(DieNode die) {
        var attrs = new ArrayList<Integer>(die.attributes().size());
        var forms = new ArrayList<Integer>(die.attributes().size());
        for (DieNode.Attribute a : die.attributes()) {
            attrs.add(a.name());
            forms.add(a.value().form());
        }
        var shape = new Shape(die.tag(), !die.children().isEmpty(), List.copyOf(attrs), List.copyOf(forms));
        return codes.computeIfAbsent(shape, s -> codes.size() + 1);
    }

    /** The section contents: every abbreviation, then the terminating 0. */
    byte[] contents() {
        var sink = new ByteSink(true); // only LEB128 and single bytes: byte order does not matter
        for (var e : codes.entrySet()) {
            Shape s = e.getKey();
            sink.uleb(e.getValue());
            sink.uleb(s.tag());
            sink.u8(s.hasChildren() ? 1 : 0);
            for (int i = 0; i < s.attributes().size(); i++) {
                sink.uleb(s.attributes().get(i));
                sink.uleb(s.forms().get(i));
            }
            sink.u8(0);
            sink.u8(0);
        }
        sink.u8(0);
        return sink.toByteArray();
    }
}
