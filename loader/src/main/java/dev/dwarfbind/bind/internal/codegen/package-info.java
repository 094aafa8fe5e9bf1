/**
 * Code generation for bound interfaces (not an API): each interface method checked against the
 * C signature, then implemented by a hidden class written with the ClassFile API whose methods
 * call constant downcall handles. It knows the API's struct view class only through
 * {@link dev.dwarfbind.bind.internal.codegen.BindingApi}.
 */
package dev.dwarfbind.bind.internal.codegen;
