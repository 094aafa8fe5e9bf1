package dev.dwarfbind.types;

/**
 * One C type. Types that contain other types name them by id in the owning {@link TypeSystem}.
 */
public sealed interface CType
        permits VoidType, ScalarType, PointerType, QualifiedType, ArrayType, RecordType, EnumType,
                FunctionType, TypedefType {
}
