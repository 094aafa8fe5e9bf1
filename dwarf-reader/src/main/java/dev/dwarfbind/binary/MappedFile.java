package dev.dwarfbind.binary;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Maps a whole file read-only, for the container readers (ELF, PE, PDB). Only a regular file is
 * opened: a FIFO would block the open forever, and a directory or device has nothing to map.
 */
public final class MappedFile {
    /** Files larger than this are refused: a {@link ByteBuffer} mapping holds at most 2 GiB. */
    public static final long MAX_FILE_SIZE = Integer.MAX_VALUE;

    private MappedFile() {
    }

    /**
     * The contents of {@code path} as one little-endian window called {@code "file"}.
     *
     * @param format what kind of file is expected ({@code "ELF"}, {@code "PE"}), for messages
     * @throws IOException           if it cannot be read or is not a regular file; the message
     *                               names the file
     * @throws BinaryFormatException if it is larger than 2 GiB
     */
    public static Bytes map(Path path, String format) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
        if (!attributes.isRegularFile()) {
            throw new FileSystemException(path.toString(), null, "not a regular file ("
                    + (attributes.isDirectory() ? "a directory" : "a FIFO, socket or device") + ")");
        }
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > MAX_FILE_SIZE) {
                throw new BinaryFormatException(path, null, -1, "file is " + size + " bytes; dwarfbind reads "
                        + format + " files up to 2 GiB");
            }
            // Mapped as a segment of an automatic arena, then viewed as a buffer (which keeps the
            // segment, so the mapping, alive): the same pages as ch.map(mode, 0, size), but that
            // method builds its buffer by reflection, which costs a cold JVM tens of milliseconds
            // of method-handle spinning before the first byte is read.
            ByteBuffer map = ch.map(FileChannel.MapMode.READ_ONLY, 0, size, Arena.ofAuto()).asByteBuffer();
            return new Bytes(map, ByteOrder.LITTLE_ENDIAN, path, "file");
        } catch (FileSystemException e) {
            throw e;
        } catch (IOException e) {
            // Mapping errors ("No such device") do not say which file.
            throw new IOException(path + ": " + e.getMessage(), e);
        }
    }

    /** The first {@code n} bytes of {@code path} (fewer if it is shorter), to tell formats apart. */
    public static byte[] head(Path path, int n) throws IOException {
        if (!Files.isRegularFile(path)) return new byte[0];
        try (var in = Files.newInputStream(path)) {
            return in.readNBytes(n);
        }
    }
}
