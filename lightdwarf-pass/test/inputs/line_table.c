// The line table loses every source line: what remains is at most one line-0
// row per kept function (the AsmPrinter's function-entry row) and the
// end_sequence rows. Static functions get no rows at all.
static __attribute__((noinline)) int twice(int v)
{
    int r = v;
    r += v;
    return r;
}

int walk(const int *xs, int n)
{
    int acc = 0;
    for (int i = 0; i < n; i++)
        acc += twice(xs[i]);
    return acc;
}

// The baseline maps code to real lines; the trimmed object has none.
// ASSERT: llvm-dwarfdump-19 --debug-line "$base" | grep -Eq '^0x[0-9a-f]{16} +[1-9]'
// ASSERT: ! llvm-dwarfdump-19 --debug-line "$obj" | grep -Eq '^0x[0-9a-f]{16} +[1-9]'
// ASSERT: rows=$(llvm-dwarfdump-19 --debug-line "$obj" | grep -Ec '^0x[0-9a-f]{16} ' || true); [ "$rows" -le 2 ]
// CHECK: DW_AT_name ("walk")
// CHECK: DW_AT_name ("xs")
// CHECK: DW_AT_name ("n")
