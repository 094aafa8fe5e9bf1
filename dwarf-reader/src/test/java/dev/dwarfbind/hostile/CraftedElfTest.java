package dev.dwarfbind.hostile;

import dev.dwarfbind.binary.BinaryFormatException;
import dev.dwarfbind.debuginfo.DebugInfo;
import dev.dwarfbind.sidecar.CraftedLibrary;
import dev.dwarfbind.sidecar.CraftedLibrary.Node;
import dev.dwarfbind.types.TypeSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.zip.Deflater;

import static dev.dwarfbind.sidecar.CraftedLibrary.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Crafted files that used to hang the reader, exhaust its memory or block it: work must be
 * bounded by the size of the input, and only regular files are read.
 */
class CraftedElfTest {
    private static final Path NAME = Path.of("crafted.so");
    private static final int SHT_STRTAB = 3;
    private static final int SHT_DYNSYM = 11;
    private static final int SHT_GNU_VERSYM = 0x6fffffff;
    private static final int SHT_GNU_VERNEED = 0x6ffffffe;
    private static final int DW_TAG_SUBPROGRAM = 0x2e;

    private static byte[] bytes(int... values) {
        var out = new ByteArrayOutputStream();
        for (int v : values) out.write(v);
        return out.toByteArray();
    }

    /** 65,536 version-need entries whose 65,535-long aux chains are all one shared chain. */
    @Test
    void versionChainsSharingEntriesEndQuickly() {
        var lib = new CraftedLibrary();
        lib.function("f", lib.type(base("int", DW_ATE_INT, 4)));
        int dynstr = lib.nextSectionIndex();
        lib.section(".dynstr", SHT_STRTAB, 0, "\0f\0V1\0".getBytes(), 0, 0);
        var dynsym = new ByteArrayOutputStream();
        dynsym.writeBytes(new byte[24]);
        dynsym.writeBytes(le(1, 4));
        dynsym.writeBytes(bytes(0x12, 0));
        dynsym.writeBytes(le(1, 2));
        dynsym.writeBytes(le(0x1000, 8));
        dynsym.writeBytes(le(16, 8));
        lib.section(".dynsym", SHT_DYNSYM, 0, dynsym.toByteArray(), dynstr, 1);
        lib.section(".gnu.version", SHT_GNU_VERSYM, 0, bytes(0, 0, 2, 0), 0, 0);
        int needs = 65_536;
        int auxes = 65_535;
        long chain = needs * 16L;
        var r = new ByteArrayOutputStream();
        for (int k = 0; k < needs; k++) {
            r.writeBytes(le(1, 2));
            r.writeBytes(le(0xffff, 2));
            r.writeBytes(le(0, 4));
            r.writeBytes(le(chain - 16L * k, 4));
            r.writeBytes(le(k == needs - 1 ? 0 : 16, 4));
        }
        for (int k = 0; k < auxes; k++) {
            r.writeBytes(le(0, 4));
            r.writeBytes(le(0, 2));
            r.writeBytes(le(2, 2));
            r.writeBytes(le(3, 4));
            r.writeBytes(le(k == auxes - 1 ? 0 : 16, 4));
        }
        lib.section(".gnu.version_r", SHT_GNU_VERNEED, 0, r.toByteArray(), dynstr, needs);
        byte[] image = lib.image();
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            // Opening reads no DWARF; the first question inflates, and meets the budget.
        var e = assertThrows(BinaryFormatException.class, () -> DebugInfo.read(NAME, image).typeSystem());
            assertTrue(e.getMessage().contains(".gnu.version_r") && e.getMessage().contains("reached twice"), e.getMessage());
        });
    }

    /** 2,000 subprograms whose DW_AT_ranges all name one list of a million ranges. */
    @Test
    void aRangeListSharedByManySubprogramsIsReadOnce() {
        var lib = new CraftedLibrary();
        Node i = lib.type(base("int", DW_ATE_INT, 4));
        for (int k = 0; k < 2_000; k++) {
            lib.type(die(DW_TAG_SUBPROGRAM).name("g" + k).type(i).raw(DW_AT_RANGES, DW_FORM_SEC_OFFSET, le(0, 4)));
        }
        lib.function("f", i);
        var list = new ByteArrayOutputStream();
        int ranges = 1_000_000;
        for (int k = 0; k < ranges; k++) {
            list.write(4); // DW_RLE_offset_pair
            writeUleb(list, 16L * k);
            writeUleb(list, 16L * k + 8);
        }
        list.write(0); // DW_RLE_end_of_list
        lib.section(".debug_rnglists", SHT_PROGBITS, 0, list.toByteArray(), 0, 0);
        byte[] image = lib.image();
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            TypeSystem ts = DebugInfo.read(NAME, image).typeSystem();
            assertTrue(ts.function("f").isPresent());
        });
    }

    private static void writeUleb(ByteArrayOutputStream out, long v) {
        do {
            int b = (int) (v & 0x7f);
            v >>>= 7;
            out.write(v != 0 ? b | 0x80 : b);
        } while (v != 0);
    }

    @Test
    void aFifoOrADirectoryIsRefusedWithoutBlocking(@TempDir Path tmp) throws Exception {
        Path fifo = tmp.resolve("libfifo.so");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        for (Path p : List.of(fifo, tmp)) {
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
                var e = assertThrows(FileSystemException.class, () -> DebugInfo.open(p));
                assertTrue(e.getMessage().startsWith(p + ": not a regular file"), e.getMessage());
            });
        }
    }

    /** A zlib stream of about 1 MB that inflates to 2^30 zero bytes. */
    private static byte[] gigabyteOfZeros() {
        var d = new Deflater(Deflater.BEST_COMPRESSION);
        byte[] zeros = new byte[1 << 20];
        byte[] buf = new byte[1 << 16];
        var out = new ByteArrayOutputStream();
        for (int k = 0; k < 1 << 10; k++) {
            d.setInput(zeros);
            while (!d.needsInput()) out.write(buf, 0, d.deflate(buf));
        }
        d.finish();
        while (!d.finished()) out.write(buf, 0, d.deflate(buf));
        d.end();
        return out.toByteArray();
    }

    /** Nine sections each claiming 2^30 bytes (the per-section maximum): over the file's budget. */
    @Test
    void aDecompressionBombEndsInAClearError() {
        byte[] stream = gigabyteOfZeros();
        List<String> names = List.of(".debug_info", ".debug_abbrev", ".debug_str", ".debug_line_str", ".debug_str_offsets",
                ".debug_addr", ".debug_ranges", ".debug_rnglists", ".debug_types");
        byte[] image = CraftedLibrary.compressedSections(names, 1L << 30, stream);
        Runtime rt = Runtime.getRuntime();
        long before = rt.totalMemory() - rt.freeMemory();
        // Opening reads no DWARF; the first question inflates, and meets the budget.
        var e = assertThrows(BinaryFormatException.class, () -> DebugInfo.read(NAME, image).typeSystem());
        assertTrue(e.getMessage().startsWith("crafted.so: .debug_info at offset 0x0: inflating this section to 1073741824 bytes"),
                e.getMessage());
        assertTrue(e.getMessage().contains("over the budget of"), e.getMessage());
        long grown = rt.totalMemory() - rt.freeMemory() - before;
        assertTrue(grown < 256L << 20, "heap grew by " + grown);
    }

    /** Compressed sections the reader never uses are never inflated, whatever they claim. */
    @Test
    void unusedCompressedSectionsAreNotInflated() throws IOException {
        var lib = new CraftedLibrary();
        lib.function("f", lib.type(base("int", DW_ATE_INT, 4)));
        byte[] chdr = new byte[24 + 64];
        System.arraycopy(le(1, 4), 0, chdr, 0, 4);
        System.arraycopy(le(1L << 30, 8), 0, chdr, 8, 8);
        lib.section(".debug_ranges", SHT_PROGBITS, SHF_COMPRESSED, chdr, 0, 0);
        lib.section(".debug_loclists", SHT_PROGBITS, SHF_COMPRESSED, chdr, 0, 0);
        TypeSystem ts = DebugInfo.read(NAME, lib.image()).typeSystem();
        assertTrue(ts.function("f").isPresent());
    }
}
