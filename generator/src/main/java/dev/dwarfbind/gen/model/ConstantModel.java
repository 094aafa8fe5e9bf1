package dev.dwarfbind.gen.model;

/**
 * A named constant (an enumerator), as a {@code static final} field.
 *
 * @param cName    the C name
 * @param javaName the field name
 * @param javaType {@code int} or {@code long} (the narrowest that holds the value), {@code double}
 *                 or {@code String}
 * @param value    the value: a {@link Long}, {@link Double} or {@link String}
 * @param origin   what it belongs to, for Javadoc ({@code "enum color"}), or {@code null}
 */
public record ConstantModel(String cName, String javaName, String javaType, Object value, String origin) {
}
