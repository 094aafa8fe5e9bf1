package dev.dwarfbind.sidecar;

import java.util.ArrayList;
import java.util.List;

/**
 * One DIE to be written: tag, attributes in order and children. Nodes are built first and laid
 * out afterwards, so a node may refer to one that comes later in the unit (a struct that points
 * to itself, a type used before it is defined).
 */
final class DieNode {
    /** One attribute: its {@code DW_AT_*} name and value. */
    record Attribute(int name, AttributeValue value) {
    }

    private final int tag;
    private final List<Attribute> attributes = new ArrayList<>();
    private final List<DieNode> children = new ArrayList<>();
    /** Offset from the start of the unit, set by the layout; -1 before. */
    int offset = -1;

    DieNode(int tag) {
        this.tag = tag;
    }

    int tag() {
        return tag;
    }

    /** Appends an attribute; returns this node for chaining. */
    DieNode add(int name, AttributeValue value) {
        attributes.add(new Attribute(name, value));
        return this;
    }

    /** Appends a child; returns the child. */
    DieNode child(DieNode child) {
        children.add(child);
        return child;
    }

    List<Attribute> attributes() {
        return attributes;
    }

    List<DieNode> children() {
        return children;
    }
}
