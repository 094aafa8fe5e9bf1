package dev.dwarfbind.elf;

import dev.dwarfbind.binary.Bytes;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How many bytes one file's compressed sections may inflate to, in total: a decompression bomb
 * (many sections, each claiming the per-section maximum from a small stream) must end in a clear
 * error, not an {@link OutOfMemoryError}.
 *
 * <p>The budget is {@value #BASE_BYTES} bytes plus {@value #RATIO} times the file's size, and never
 * more than the absolute ceiling: {@value #DEFAULT_CEILING} bytes (1 GiB), or the value of the
 * system property {@value #CEILING_PROPERTY}. Real debug info compresses 3 to 10 times, so only
 * crafted files come near it. Sections are inflated only when first used, so the budget is spent
 * only on sections the reader needs. Thread-safe.
 */
final class InflationBudget {
    /** System property: the absolute ceiling on inflated bytes per file. */
    static final String CEILING_PROPERTY = "dwarfbind.maxInflatedBytes";
    static final long DEFAULT_CEILING = 1L << 30;
    static final long BASE_BYTES = 64L << 20;
    static final long RATIO = 64;

    private final long limit;
    private final long fileSize;
    private final AtomicLong spent = new AtomicLong();

    InflationBudget(long fileSize) {
        this.fileSize = fileSize;
        long ceiling = Long.getLong(CEILING_PROPERTY, DEFAULT_CEILING);
        this.limit = Math.min(ceiling, BASE_BYTES + RATIO * fileSize);
    }

    /** The total this file may inflate to. */
    long limit() {
        return limit;
    }

    /**
     * Takes {@code size} bytes from the budget for inflating the section {@code raw} is, or throws
     * an error naming the file, the section, the sizes and the budget.
     */
    void reserve(Bytes raw, long size) {
        long total = spent.addAndGet(size);
        if (size < 0 || total > limit) {
            spent.addAndGet(-size);
            throw raw.error(0, "inflating this section to " + Long.toUnsignedString(size) + " bytes would bring the file's"
                    + " inflated sections to " + Long.toUnsignedString(total) + " bytes, over the budget of " + limit
                    + " bytes for a file of " + fileSize + " bytes (" + BASE_BYTES + " + " + RATIO + " x the file size, at most "
                    + "the ceiling " + CEILING_PROPERTY + "); a decompression bomb, or raise the ceiling");
        }
    }
}
