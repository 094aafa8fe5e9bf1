package dev.dwarfbind.bind;

/** A public top-level interface, loaded again by a child class loader in {@link SharpEdgesTest}. */
public interface PublicAddApi {
    int add(int a, int b);
}
