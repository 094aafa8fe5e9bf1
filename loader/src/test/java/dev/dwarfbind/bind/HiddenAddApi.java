package dev.dwarfbind.bind;

/** A package-private top-level interface, loaded again by a child class loader in {@link SharpEdgesTest}. */
interface HiddenAddApi {
    int add(int a, int b);
}
