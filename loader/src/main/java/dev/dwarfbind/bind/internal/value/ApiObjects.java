package dev.dwarfbind.bind.internal.value;

import java.lang.foreign.MemorySegment;

/**
 * What the conversions need from the public API's value classes, implemented by the API: the
 * machinery makes and recognises struct and array views and function objects through this, so
 * that it never refers to the API classes themselves.
 */
public interface ApiObjects {
    /** A struct or union view of {@code segment} as record type {@code typeId}. */
    Object struct(int typeId, MemorySegment segment);

    /** An array view of {@code segment} as array type {@code typeId}. */
    Object array(int typeId, MemorySegment segment);

    /** The record type id of {@code value} if it is a struct view, else -1. */
    int structType(Object value);

    /** The memory of struct view {@code value}; fails naming {@code what} if its arena is closed. */
    MemorySegment structSegment(Object value, String what);

    /** The C spelling of a struct view's type, for messages. */
    String structName(Object value);

    /** The code address of {@code value} if it is a native function, else {@code null}. */
    MemorySegment functionAddress(Object value);

    /** The API's complex value of {@code parts} (real, imaginary). */
    Object complex(Number[] parts);

    /** The real and imaginary parts of {@code value} if it is the API's complex value, else {@code null}. */
    Number[] complexParts(Object value);

    /** The API's 128-bit integer value class and its handles. */
    Int128Api int128();
}
