/**
 * The exceptions of binding and calling: a name or signature that cannot be bound
 * ({@link dev.dwarfbind.bind.error.BindingException}), a C type the current call path cannot
 * pass ({@link dev.dwarfbind.bind.error.Unsupported}), a Java value that does not convert to its C
 * type ({@link dev.dwarfbind.bind.error.ArgumentException}), a Java callback that threw
 * ({@link dev.dwarfbind.bind.error.CallbackException}). They sit below both the API and the
 * machinery, as {@code java.lang}'s exceptions do for {@code java.lang.foreign}, so the machinery
 * can throw them without depending on the API.
 */
package dev.dwarfbind.bind.error;
