package dev.dwarfbind.headers.isolation;

import dev.dwarfbind.clang.ClangCrashException;
import dev.dwarfbind.clang.ClangTimeoutException;
import dev.dwarfbind.headers.HeaderTypes;
import dev.dwarfbind.headers.Headers;
import dev.dwarfbind.llvm.Toolchain;
import dev.dwarfbind.symbols.Export;
import dev.dwarfbind.types.Target;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * libclang in a child JVM ({@link ClangWorker}), so that a crash inside Clang ends that process and
 * not this one. One worker serves every parse (they are serialised, as they are in process): it is
 * started on the first parse, kept for the next ones (the start-up of a JVM and of libclang is paid
 * once), restarted after it crashed or was killed, and stopped when idle for {@link #IDLE} or when
 * this JVM exits. It leaves nothing behind: no files (the JVM's crash report goes to its stderr,
 * core files are off), and no process (it exits when its standard input closes or this JVM dies).
 */
public final class ClangProcess {
    /** An idle worker is stopped after this long: it holds a JVM's memory. */
    static final Duration IDLE = Duration.ofSeconds(30);
    /** {@link #IDLE}, shortened by tests that watch the worker stop. */
    static volatile Duration idle = IDLE;
    /** At most this much of the worker's stderr is kept per parse (a JVM crash report is about 80 KiB). */
    private static final int STDERR_LIMIT = 256 * 1024;

    private static final ReentrantLock LOCK = new ReentrantLock();
    private static Worker worker;
    private static long lastUse;
    private static Thread reaper;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ClangProcess::stop, "dwarfbind-clang-worker-stop"));
    }

    private ClangProcess() {
    }

    /**
     * What {@code headers} say, read by libclang in the worker for a library of {@code target}
     * with {@code exports} (either may be null, as for {@code HeaderReader.read}).
     *
     * @throws dev.dwarfbind.clang.ClangException with Clang's diagnostics if the headers do not parse
     * @throws ClangCrashException   if the worker died (a crash inside Clang), naming how
     * @throws ClangTimeoutException if it did not answer within {@code headers.timeout()} (it is killed)
     * @throws dev.dwarfbind.llvm.ToolNotFoundException if there is no libclang (looked for here, before starting anything)
     */
    public static HeaderTypes read(Headers headers, Target target, List<Export> exports, String what) {
        Path libclang = Toolchain.find(Toolchain.Tool.LIBCLANG);
        byte[] request = Wire.request(headers, target, exports);
        long deadline = System.nanoTime() + headers.timeout().toNanos();
        LOCK.lock();
        try {
            if (worker == null || !worker.process.isAlive()) {
                if (worker != null) worker.destroy();
                worker = Worker.start(libclang, deadline, headers.timeout());
            }
            Worker w = worker;
            w.stderr.reset();
            try {
                w.send(request);
            } catch (IOException e) {
                // The worker died between parses: its crash (if any) belongs to no one; start afresh.
                w.destroy();
                worker = Worker.start(libclang, deadline, headers.timeout());
                w = worker;
                w.send(request);
            }
            Frame answer = w.next(deadline);
            if (answer == null) {
                w.destroy();
                worker = null;
                throw new ClangTimeoutException("Clang did not finish parsing " + what + " within " + seconds(headers.timeout())
                        + "; its process (pid " + w.process.pid() + ") was killed", headers.timeout());
            }
            if (answer.payload == null) {
                worker = null;
                throw w.crashed("Clang crashed parsing " + what, answer);
            }
            return Wire.readAnswer(answer.payload);
        } catch (IOException e) {
            if (worker != null) worker.destroy();
            worker = null;
            throw new IllegalStateException("cannot talk to the Clang process: " + e.getMessage(), e);
        } finally {
            lastUse = System.nanoTime();
            startReaper();
            LOCK.unlock();
        }
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /** Stops the worker, if any (closing its input lets it exit; it is killed if it does not). */
    static void stop() {
        Worker w = worker;
        worker = null;
        if (w != null) w.close();
    }

    /** The pid of the running worker, or -1: for tests that check it is gone. */
    static long workerPid() {
        LOCK.lock();
        try {
            return worker != null && worker.process.isAlive() ? worker.process.pid() : -1;
        } finally {
            LOCK.unlock();
        }
    }

    /** One daemon thread stopping the worker once it has been idle for {@link #idle}. */
    private static void startReaper() {
        if (reaper != null) return;
        reaper = Thread.ofPlatform().daemon().name("dwarfbind-clang-worker-idle").start(() -> {
            while (true) {
                try {
                    Thread.sleep(Math.max(1, idle.toMillis() / 4));
                } catch (InterruptedException e) {
                    return;
                }
                if (!LOCK.tryLock()) continue;
                try {
                    if (worker != null && System.nanoTime() - lastUse > idle.toNanos()) stop();
                } finally {
                    LOCK.unlock();
                }
            }
        });
    }

    /** An answer, or (null payload) the end of the worker's output, with what came instead of a frame. */
    private record Frame(byte[] payload, String stray) {
    }

    /** A running worker, with the threads reading its two output streams. */
    private static final class Worker {
        final Process process;
        final DataOutputStream in;
        final BlockingQueue<Frame> answers = new LinkedBlockingQueue<>();
        final BoundedText stderr = new BoundedText(STDERR_LIMIT);
        final Thread stderrReader;

        private Worker(Process process) {
            this.process = process;
            this.in = new DataOutputStream(new BufferedOutputStream(process.getOutputStream(), 1 << 16));
            Thread.ofPlatform().daemon().name("dwarfbind-clang-worker-out-" + process.pid()).start(this::readAnswers);
            this.stderrReader = Thread.ofPlatform().daemon().name("dwarfbind-clang-worker-err-" + process.pid()).start(() -> {
                try (InputStream err = process.getErrorStream()) {
                    byte[] buf = new byte[8192];
                    for (int n; (n = err.read(buf)) > 0; ) stderr.append(buf, n);
                } catch (IOException e) {
                    // The stream closes when the worker ends: what was read is what there is.
                }
            });
        }

        /** Starts a worker and waits for its greeting, within the same deadline as the parse. */
        static Worker start(Path libclang, long deadline, Duration timeout) throws IOException {
            List<String> cmd = WorkerCommand.of(libclang);
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(Path.of("").toAbsolutePath().toFile());
            // libclang's crash recovery stays off in the worker too: its handlers would turn the
            // JVM's own signals (safepoints, null checks) into deaths there as well.
            pb.environment().put("LIBCLANG_DISABLE_CRASH_RECOVERY", "1");
            // The worker's JVM options are its own: a debugger agent or heap setting meant for this
            // JVM (a jdwp port already taken by it) must not stop the worker from starting.
            pb.environment().keySet().removeAll(List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS"));
            Worker w = new Worker(pb.start());
            Frame hello = w.next(deadline);
            if (hello == null) {
                w.destroy();
                throw new ClangTimeoutException("the Clang process did not start within " + seconds(timeout), timeout);
            }
            if (hello.payload == null) {
                String how = w.waitForEnd();
                throw new IllegalStateException("the Clang process could not start (" + how + "): " + String.join(" ", cmd)
                        + w.stderrSection());
            }
            return w;
        }

        void send(byte[] request) throws IOException {
            Wire.write(in, request);
        }

        /** The next answer, or null when {@code deadline} passes first. */
        Frame next(long deadline) {
            try {
                return answers.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                destroy();
                throw new IllegalStateException("interrupted while waiting for Clang", e);
            }
        }

        private void readAnswers() {
            DataInputStream out = new DataInputStream(new BufferedInputStream(process.getInputStream(), 1 << 16));
            try {
                while (true) answers.add(new Frame(Wire.read(out), ""));
            } catch (Wire.CorruptFrameException e) {
                // Not a frame: the JVM's crash banner (it writes it to stdout whatever it is told).
                var rest = new ByteArrayOutputStream();
                for (int shift = 24; shift >= 0; shift -= 8) rest.write(e.start >>> shift);
                try {
                    rest.write(out.readNBytes(STDERR_LIMIT));
                    out.transferTo(java.io.OutputStream.nullOutputStream());
                } catch (IOException ignored) {
                    // What was read is what there is.
                }
                answers.add(new Frame(null, rest.toString(StandardCharsets.UTF_8)));
            } catch (IOException e) {
                answers.add(new Frame(null, ""));
            }
        }

        /** The exception for a worker that ended instead of answering. */
        ClangCrashException crashed(String what, Frame end) {
            String how = waitForEnd();
            String err = stderr.text();
            String fault = CrashReport.jvmFault(err, end.stray);
            String tail = CrashReport.tail(err);
            String message = what + ": its process (pid " + process.pid() + ") died, " + how
                    + (fault.isEmpty() ? "" : ", after " + fault)
                    + (tail.isEmpty() ? "" : "; its stderr ends:\n" + tail.indent(2).stripTrailing());
            return new ClangCrashException(message, process.exitValue(), err);
        }

        private String stderrSection() {
            String tail = CrashReport.tail(stderr.text());
            return tail.isEmpty() ? "" : "\n" + tail.indent(2).stripTrailing();
        }

        /** Waits (briefly) for the process to end and its stderr to be read; how it ended. */
        private String waitForEnd() {
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
                stderrReader.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return process.isAlive() ? "still running" : CrashReport.ending(process.exitValue());
        }

        void destroy() {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void close() {
            try {
                in.close();
                if (!process.waitFor(2, TimeUnit.SECONDS)) destroy();
            } catch (IOException e) {
                destroy();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                destroy();
            }
        }
    }
}
