package dev.dwarfbind.headers.isolation;

import dev.dwarfbind.clang.ClangException;
import dev.dwarfbind.headers.HeaderReader;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;

/**
 * The child process's main class: reads requests from standard input, parses each with libclang in
 * this process ({@link dev.dwarfbind.headers.Isolation#IN_PROCESS}) and writes the answer to
 * standard output, until standard input ends (the parent closed it, or died). A crash inside Clang
 * ends this process, which is the point: the parent sees it die and reports it.
 */
public final class ClangWorker {
    private ClangWorker() {
    }

    /** Serves requests until standard input ends. */
    public static void main(String[] args) throws IOException {
        // The protocol owns the real standard output; anything Java code prints goes to stderr.
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16));
        System.setOut(System.err);
        DataInputStream in = new DataInputStream(new BufferedInputStream(new FileInputStream(FileDescriptor.in), 1 << 16));
        // A parent killed outright cannot close our input while a parse hangs: watch it as well.
        ProcessHandle.current().parent().ifPresent(p -> p.onExit().thenRun(() -> Runtime.getRuntime().halt(3)));
        Wire.write(out, Wire.hello());
        while (true) {
            byte[] request;
            try {
                request = Wire.read(in);
            } catch (EOFException e) {
                return;
            }
            Wire.write(out, answer(request));
        }
    }

    private static byte[] answer(byte[] payload) {
        try {
            Wire.Request r = Wire.readRequest(payload);
            return Wire.types(HeaderReader.read(r.headers(), r.target(), r.exports()));
        } catch (ClangException e) {
            return Wire.clangError(e);
        } catch (RuntimeException | IOException | OutOfMemoryError | StackOverflowError e) {
            return Wire.otherError(e.getClass().getName(), e.getMessage());
        }
    }
}
