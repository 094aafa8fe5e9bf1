/**
 * Clang in a child process (not an API): the parent's side ({@link dev.dwarfbind.headers.isolation.ClangProcess}
 * starts and talks to the worker, and turns its death into an exception), the worker's main class,
 * and the messages between them. Not exported: {@code HeaderReader} is the way in.
 */
package dev.dwarfbind.headers.isolation;
