// Local variables, lexical blocks, labels, function-local statics and inlined
// copies of static helpers all disappear; the parameters stay.
extern int external_work(int);
static inline int square(int q) { int sq = external_work(q); return sq * sq; }

int compute(int n, int *out)
{
    static int calls_so_far;
    int total = 0;
    for (int i = 0; i < n; i++) {
        int sq_local = square(i);
        total += sq_local;
    }
    calls_so_far++;
    if (total < 0) goto done;
    *out = total;
done:
    return total + calls_so_far;
}

// BASE-DAG:    DW_AT_name ("total")
// BASE-DAG:    DW_TAG_lexical_block
// BASE-O2-DAG: DW_TAG_inlined_subroutine
// BASE-O2-DAG: DW_TAG_call_site
// BASE-O2-DAG: DW_AT_name ("external_work")
// CHECK:     DW_AT_name ("compute")
// CHECK:     DW_TAG_formal_parameter
// CHECK-NEXT:  DW_AT_name ("n")
// CHECK:     DW_TAG_formal_parameter
// CHECK-NEXT:  DW_AT_name ("out")
// CHECK-NOT: DW_TAG_variable
// CHECK-NOT: DW_TAG_lexical_block
// CHECK-NOT: DW_TAG_inlined_subroutine
// CHECK-NOT: DW_TAG_label
// CHECK-NOT: "total"
// CHECK-NOT: "sq_local"
// CHECK-NOT: "calls_so_far"
// CHECK-NOT: "square"
// CHECK-NOT: "external_work"
