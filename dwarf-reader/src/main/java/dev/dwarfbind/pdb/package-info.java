/**
 * Program databases (PDB), the debug information of MSVC and of clang/lld for Windows: the MSF
 * 7.0 container (superblock, stream directory through the block map) and the PDB information
 * stream that ties a PDB to its image by GUID and age. CodeView type records are not turned into
 * C types yet (see docs/reader.md).
 */
package dev.dwarfbind.pdb;
