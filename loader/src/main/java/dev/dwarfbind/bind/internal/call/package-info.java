/**
 * The call path (not an API): a loaded library's state ({@link dev.dwarfbind.bind.internal.call.LoadedLibrary}),
 * one function made callable ({@link dev.dwarfbind.bind.internal.call.CallPlan}: classified signature,
 * downcall handles, dynamic calls through a generated {@link dev.dwarfbind.bind.internal.call.Invoker}),
 * and where downcall handles come from ({@link dev.dwarfbind.bind.internal.call.Downcalls}: the
 * linker today; a JIT path implements the same interface).
 */
package dev.dwarfbind.bind.internal.call;
