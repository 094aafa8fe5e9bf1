package dev.dwarfbind.debuginfo;

/**
 * Debug files were found for a library but none has its build-id: they describe another build, and
 * using them would give wrong types. The message names every file refused and both build-ids.
 */
public final class BuildIdMismatchException extends NoDebugInfoException {
    public BuildIdMismatchException(String message) {
        super(message);
    }
}
