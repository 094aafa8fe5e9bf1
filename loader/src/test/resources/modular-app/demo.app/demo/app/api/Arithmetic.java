package demo.app.api;

/** Exported and public: the loader may implement it without being handed a lookup. */
public interface Arithmetic {
    int add(int a, int b);
}
