package dev.dwarfbind.headers.isolation;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a dead Clang worker left to say why: how it ended (an exit status, or the signal that killed
 * it), the fault the JVM's crash handler caught in native code ({@code SIGILL ... in
 * libclang-19.so.19+0xda3c89}: the JVM turns a fault in native code into a report and exit status
 * 1, so the status alone does not show a crash), and the tail of what the worker wrote to stderr
 * outside that report (LLVM's {@code LIBCLANG FATAL ERROR: ...}, a stack dump).
 */
final class CrashReport {
    private static final Pattern JVM_SIGNAL = Pattern.compile("#\\s+(SIG[A-Z0-9]+) \\(0x[0-9a-f]+\\) at pc=\\S+");
    private static final Pattern PROBLEMATIC_FRAME = Pattern.compile("# Problematic frame:\\s*\\n#\\s*(.+)");
    private static final String JVM_REPORT_START = "# A fatal error has been detected by the Java Runtime Environment";
    private static final int TAIL_LINES = 20;

    private CrashReport() {
    }

    /** How a process with {@code status} ended: {@code "exit status 1"} or {@code "killed by signal 6 (SIGABRT)"}. */
    static String ending(int status) {
        if (status > 128 && status < 128 + 65) {
            int signal = status - 128;
            return "killed by signal " + signal + signalName(signal);
        }
        return "exit status " + status;
    }

    private static String signalName(int signal) {
        String name = switch (signal) {
            case 1 -> "SIGHUP";
            case 2 -> "SIGINT";
            case 3 -> "SIGQUIT";
            case 4 -> "SIGILL";
            case 5 -> "SIGTRAP";
            case 6 -> "SIGABRT";
            case 7 -> "SIGBUS";
            case 8 -> "SIGFPE";
            case 9 -> "SIGKILL";
            case 11 -> "SIGSEGV";
            case 13 -> "SIGPIPE";
            case 15 -> "SIGTERM";
            default -> null;
        };
        return name == null ? "" : " (" + name + ")";
    }

    /**
     * The fault the JVM's crash handler reported ({@code "SIGILL in libclang-19.so.19+0xda3c89"}),
     * from the report on stderr or its banner on stdout; empty if there was none.
     */
    static String jvmFault(String stderr, String strayStdout) {
        for (String text : List.of(stderr, strayStdout)) {
            Matcher m = JVM_SIGNAL.matcher(text);
            if (!m.find()) continue;
            Matcher frame = PROBLEMATIC_FRAME.matcher(text);
            return m.group(1) + (frame.find() ? " in " + frame.group(1).replaceFirst("^[A-Za-z]\\s+", "").replaceAll("[\\[\\]]", "").strip() : "");
        }
        return "";
    }

    /** The last lines the worker wrote to stderr before any JVM crash report, blank lines dropped. */
    static String tail(String stderr) {
        int report = stderr.indexOf(JVM_REPORT_START);
        String before = report < 0 ? stderr : stderr.substring(0, Math.max(0, stderr.lastIndexOf('\n', report)));
        List<String> lines = new ArrayList<>();
        for (String l : before.split("\n")) {
            if (!l.isBlank() && !l.equals("#")) lines.add(l.stripTrailing());
        }
        return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
    }
}
