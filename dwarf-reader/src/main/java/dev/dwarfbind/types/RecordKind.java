package dev.dwarfbind.types;

/** Whether a {@link RecordType} is a struct or a union. */
public enum RecordKind {
    STRUCT("struct"),
    UNION("union");

    private final String keyword;

    RecordKind(String keyword) {
        this.keyword = keyword;
    }

    /** {@code "struct"} or {@code "union"}. */
    public String keyword() {
        return keyword;
    }
}
