/**
 * JMH benchmarks of dwarfbind. Run them with {@code scripts/bench}; results and the command that
 * reproduces them are in {@code docs/benchmarks.md}.
 */
package dev.dwarfbind.bench;
