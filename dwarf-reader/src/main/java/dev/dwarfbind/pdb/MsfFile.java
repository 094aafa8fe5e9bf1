package dev.dwarfbind.pdb;

import dev.dwarfbind.binary.BinaryFormatException;
import dev.dwarfbind.binary.Bytes;
import dev.dwarfbind.binary.MappedFile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;

/**
 * An MSF 7.0 multi-stream file, the container of a PDB: fixed-size blocks, a superblock, and a
 * stream directory (itself spread over blocks listed by the block map) giving each stream's size
 * and blocks. The free-block maps are ignored: only what the directory reaches is read.
 *
 * <p>A stream whose blocks follow each other in the file is a slice of the mapping; a scattered
 * one is gathered into one buffer when first asked for, once, and all gathered streams together
 * may not exceed the file's size (blocks shared between streams are refused then). Thread-safe.
 */
public final class MsfFile {
    private static final byte[] MAGIC = "Microsoft C/C++ MSF 7.00\r\n\u001aDS\0\0\0".getBytes(StandardCharsets.ISO_8859_1);
    private static final long NIL_STREAM = 0xffff_ffffL;

    private final Path path;
    private final Bytes file;
    private final int blockSize;
    private final long[] streamSizes;
    private final long[][] streamBlocks;
    private final Map<Integer, Bytes> streams = new ConcurrentHashMap<>();
    /** Bytes copied to gather scattered streams so far (see {@link #gather}). */
    private final java.util.concurrent.atomic.AtomicLong copied = new java.util.concurrent.atomic.AtomicLong();

    private MsfFile(Path path, Bytes file) {
        this.path = path;
        this.file = file;
        Bytes sb = file.view(ByteOrder.LITTLE_ENDIAN, "MSF superblock");
        if (file.size() < 56 || !Arrays.equals(sb.slice(0, MAGIC.length, "MSF superblock").toArray(), MAGIC)) {
            throw sb.error(0, "not a PDB (no MSF 7.00 magic)");
        }
        long bs = sb.u32(32);
        if (bs != 512 && bs != 1024 && bs != 2048 && bs != 4096) throw sb.error(32, "block size " + bs + " is not 512, 1024, 2048 or 4096");
        this.blockSize = (int) bs;
        long blockCount = sb.u32(40);
        if (blockCount * blockSize > file.size()) {
            throw sb.error(40, blockCount + " blocks of " + blockSize + " bytes do not fit the file (" + file.size() + " bytes)");
        }
        long directoryBytes = sb.u32(44);
        long blockMapBlock = sb.u32(52);
        long directoryBlockCount = blocksFor(directoryBytes);
        Bytes blockMap = block(blockMapBlock, "MSF block map");
        if (directoryBlockCount * 4 > blockMap.size()) {
            throw sb.error(44, "a stream directory of " + directoryBytes + " bytes needs more blocks than one block map block lists");
        }
        long[] directoryBlocks = new long[(int) directoryBlockCount];
        for (int i = 0; i < directoryBlocks.length; i++) directoryBlocks[i] = blockMap.u32(4L * i);
        Bytes dir = gather(directoryBlocks, directoryBytes, "MSF stream directory");
        long count = dir.u32(0);
        if (count > (dir.size() - 4) / 4) throw dir.error(0, count + " streams do not fit a directory of " + dir.size() + " bytes");
        this.streamSizes = new long[(int) count];
        this.streamBlocks = new long[(int) count][];
        long at = 4 + 4 * count;
        for (int i = 0; i < count; i++) {
            long size = dir.u32(4 + 4L * i);
            streamSizes[i] = size == NIL_STREAM ? 0 : size;
            long n = blocksFor(streamSizes[i]);
            if (n > (dir.size() - at) / 4) throw dir.error(4 + 4L * i, "stream " + i + " of " + size + " bytes lists blocks past the directory's end");
            long[] blocks = new long[(int) n];
            for (int b = 0; b < n; b++) blocks[b] = dir.u32(at + 4L * b);
            streamBlocks[i] = blocks;
            at += 4 * n;
        }
    }

    /**
     * Maps the PDB at {@code path} and reads its stream directory.
     *
     * @throws IOException           if it cannot be read or is not a regular file
     * @throws BinaryFormatException if it is not a well-formed MSF 7.0 file
     */
    public static MsfFile open(Path path) throws IOException {
        return new MsfFile(path, MappedFile.map(path, "PDB"));
    }

    /** Parses a PDB already in memory (tests, fuzzing). */
    public static MsfFile of(Path nameForMessages, byte[] image) {
        return new MsfFile(nameForMessages, new Bytes(ByteBuffer.wrap(image), ByteOrder.LITTLE_ENDIAN, nameForMessages, "file"));
    }

    private long blocksFor(long bytes) {
        return (bytes + blockSize - 1) / blockSize;
    }

    private Bytes block(long index, String what) {
        long offset = index * blockSize;
        if (index < 0 || offset > file.size() - blockSize) {
            throw new BinaryFormatException(path, what, -1, "block " + index + " lies past the end of the file");
        }
        return file.slice(offset, blockSize, what);
    }

    /** The first {@code size} bytes of {@code blocks} as one window. */
    private Bytes gather(long[] blocks, long size, String what) {
        boolean contiguous = true;
        for (int i = 1; i < blocks.length; i++) contiguous &= blocks[i] == blocks[i - 1] + 1;
        if (blocks.length == 0) return Bytes.empty(ByteOrder.LITTLE_ENDIAN, path, what);
        // Blocks may repeat in a corrupt directory: a stream larger than the file is refused
        // before anything is allocated for it.
        if (size > file.size()) {
            throw new BinaryFormatException(path, what, -1, size + " bytes, more than the whole file (" + file.size() + ")");
        }
        for (long b : blocks) block(b, what);
        if (contiguous) {
            block(blocks[blocks.length - 1], what);  // checks the last block is in the file
            return file.slice(blocks[0] * blockSize, size, what);
        }
        // In a well-formed PDB no block belongs to two streams, so all the streams together are
        // no larger than the file: more is a directory reusing blocks to exhaust memory.
        long total = copied.addAndGet(size);
        if (total > file.size()) {
            throw new BinaryFormatException(path, what, -1, "gathering " + size + " bytes would bring the streams read to "
                    + total + " bytes, more than the file (" + file.size() + "): blocks are shared between streams");
        }
        byte[] out = new byte[(int) size];
        for (int i = 0; i < blocks.length; i++) {
            int n = (int) Math.min(blockSize, size - (long) i * blockSize);
            System.arraycopy(block(blocks[i], what).slice(0, n, what).toArray(), 0, out, i * blockSize, n);
        }
        return new Bytes(ByteBuffer.wrap(out), ByteOrder.LITTLE_ENDIAN, path, what);
    }

    /** The file's path. */
    public Path path() {
        return path;
    }

    /** The block size in bytes. */
    public int blockSize() {
        return blockSize;
    }

    /** How many streams the directory lists. */
    public int streamCount() {
        return streamSizes.length;
    }

    /**
     * The bytes of stream {@code index}, named {@code name} in messages.
     *
     * @throws BinaryFormatException if there is no such stream or its blocks lie outside the file
     */
    public Bytes stream(int index, String name) {
        if (index < 0 || index >= streamSizes.length) {
            throw new BinaryFormatException(path, name, -1, "stream " + index + " does not exist (the directory lists " + streamSizes.length + ")");
        }
        return streams.computeIfAbsent(index, i -> gather(streamBlocks[i], streamSizes[i], name));
    }
}
