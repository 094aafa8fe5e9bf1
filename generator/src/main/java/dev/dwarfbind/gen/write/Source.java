package dev.dwarfbind.gen.write;

/**
 * Java source text being written: lines at an indentation that {@link #open} and {@link #close}
 * move, so writers say what to write and not where the spaces go.
 */
final class Source {
    private final StringBuilder out = new StringBuilder(4096);
    private int depth;

    /** Appends one line at the current indentation ({@code %s} formatting when args are given). */
    Source line(String text, Object... args) {
        String s = args.length == 0 ? text : String.format(java.util.Locale.ROOT, text, args);
        if (!s.isEmpty()) out.append("    ".repeat(depth)).append(s);
        out.append('\n');
        return this;
    }

    /** An empty line. */
    Source blank() {
        out.append('\n');
        return this;
    }

    /** A line ending in {@code {}, then one level deeper. */
    Source open(String text, Object... args) {
        line(text + " {", args);
        depth++;
        return this;
    }

    /** One level up, then {@code }} followed by {@code suffix}. */
    Source close(String suffix) {
        depth--;
        line("}" + suffix);
        return this;
    }

    /** Closes a block and opens the next on the same line: {@code } else {}, {@code } catch (...) {}. */
    Source reopen(String text, Object... args) {
        depth--;
        line("} " + text + " {", args);
        depth++;
        return this;
    }

    Source close() {
        return close("");
    }

    /** A Javadoc comment of these paragraphs (already HTML; each may span lines). */
    Source doc(String... paragraphs) {
        line("/**");
        boolean first = true;
        boolean tags = false;
        for (String p : paragraphs) {
            if (p == null) continue;
            // A blank line before the block tags, none between them.
            if (!first && !(tags && p.startsWith("@"))) line(" *");
            first = false;
            tags = p.startsWith("@");
            for (String l : p.split("\n", -1)) line(l.isEmpty() ? " *" : " * " + l);
        }
        line(" */");
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
