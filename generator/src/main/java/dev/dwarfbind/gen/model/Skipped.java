package dev.dwarfbind.gen.model;

/**
 * A declaration the binding leaves out, with the reason (listed in the library class's Javadoc
 * and in the generator's report, never silently dropped).
 *
 * @param name   the C name
 * @param reason why, e.g. {@code "long double: java.lang.foreign's linker cannot pass it"}
 */
public record Skipped(String name, String reason) {
}
