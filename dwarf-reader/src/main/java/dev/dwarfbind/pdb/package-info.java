/**
 * Program databases (PDB), the debug information of MSVC and of clang/lld for Windows: the MSF
 * 7.0 container, the PDB information stream that ties a PDB to its image by GUID and age, the
 * TPI/IPI type streams, the DBI module list and the symbol streams, and the conversion of
 * CodeView type records into the C type system ({@link dev.dwarfbind.pdb.PdbTypeSource}).
 * Streams are read in place; a malformed one is a
 * {@link dev.dwarfbind.binary.BinaryFormatException} naming the PDB, the stream or record and
 * the offset. What CodeView cannot say is listed in docs/reader.md.
 */
package dev.dwarfbind.pdb;
