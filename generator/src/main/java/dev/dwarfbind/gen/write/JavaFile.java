package dev.dwarfbind.gen.write;

/**
 * One generated source file.
 *
 * @param path    its path under the output directory ({@code com/example/Demo.java})
 * @param content the source text
 */
public record JavaFile(String path, String content) {
}
