package dev.dwarfbind.bind.error;

import java.util.Objects;

/**
 * A feature of another operating system than the one this JVM runs on was asked for, such as
 * {@code CallOption.LAST_ERROR} (Windows' {@code GetLastError}) on Linux. Nothing is wrong with
 * the library or the call: the feature does not exist here. Raised at bind time, before any
 * native code runs.
 */
public final class PlatformFeatureException extends BindingException {
    private final String feature;
    private final String platform;
    private final String host;

    /**
     * @param feature  what was asked for, e.g. {@code "CallOption.LAST_ERROR"}
     * @param platform the operating system that has it, e.g. {@code "Windows"}
     * @param host     the operating system this JVM runs on, as {@code os.name} says
     * @param message  the whole explanation
     */
    public PlatformFeatureException(String feature, String platform, String host, String message) {
        super(message);
        this.feature = Objects.requireNonNull(feature, "feature");
        this.platform = Objects.requireNonNull(platform, "platform");
        this.host = Objects.requireNonNull(host, "host");
    }

    /** What was asked for, e.g. {@code "CallOption.LAST_ERROR"}. */
    public String feature() {
        return feature;
    }

    /** The operating system the feature belongs to, e.g. {@code "Windows"}. */
    public String platform() {
        return platform;
    }

    /** The operating system this JVM runs on. */
    public String host() {
        return host;
    }
}
