/**
 * Upcalls (not an API): Java objects implementing a functional interface turned into C function
 * pointers typed by the debug info, and what happens when they throw.
 */
package dev.dwarfbind.bind.internal.upcall;
