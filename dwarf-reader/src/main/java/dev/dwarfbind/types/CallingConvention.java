package dev.dwarfbind.types;

/**
 * How a function expects to be called. {@link #DEFAULT} is the platform's C convention (System V
 * on x86-64 Linux, Microsoft x64 on Windows); the others are the ones compilers let C code ask for
 * with attributes, named after the attribute.
 */
public enum CallingConvention {
    DEFAULT,
    /** {@code __attribute__((ms_abi))}: Microsoft x64 on a non-Windows target. */
    MS_ABI,
    /** {@code __attribute__((sysv_abi))}: System V x86-64 on Windows. */
    SYSV_ABI,
    STDCALL,
    FASTCALL,
    THISCALL,
    VECTORCALL,
    PASCAL,
    REGCALL,
    AAPCS,
    AAPCS_VFP,
    INTEL_OCL_BICC,
    SWIFT,
    SWIFT_ASYNC,
    PRESERVE_MOST,
    PRESERVE_ALL,
    PRESERVE_NONE,
    M68K_RTD,
    RISCV_VECTOR,
    /** A convention the debug info names but dwarfbind does not know. */
    UNKNOWN
}
