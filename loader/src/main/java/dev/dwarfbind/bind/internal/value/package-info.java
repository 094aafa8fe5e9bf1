/**
 * Value conversion (not an API): Java values to linker carriers and back by C type
 * ({@link dev.dwarfbind.bind.internal.value.Conversions}), values and members in memory
 * ({@link dev.dwarfbind.bind.internal.value.Values}, {@link dev.dwarfbind.bind.internal.value.Members}),
 * per-call temporaries. It reaches the API's value classes and the upcall machinery only through
 * the interfaces {@link dev.dwarfbind.bind.internal.value.ApiObjects} and
 * {@link dev.dwarfbind.bind.internal.value.Stubs}.
 */
package dev.dwarfbind.bind.internal.value;
