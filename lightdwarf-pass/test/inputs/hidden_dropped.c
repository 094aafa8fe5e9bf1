// A hidden function (and a hidden variable) lose their debug info: they are
// never in the dynamic symbol table.
__attribute__((visibility("hidden"), noinline)) int hidden_impl(int concealed) { return concealed - 1; }
__attribute__((visibility("hidden"))) int hidden_state = 7;

int public_api(int y) { return hidden_impl(y) + hidden_state; }

// BASE-DAG:  DW_AT_name ("hidden_impl")
// BASE-DAG:  DW_AT_name ("hidden_state")
// CHECK-NOT: hidden_impl
// CHECK-NOT: concealed
// CHECK-NOT: hidden_state
// CHECK:     DW_AT_name ("public_api")
// CHECK:     DW_TAG_formal_parameter
// CHECK-NEXT:  DW_AT_name ("y")
// CHECK-NOT: hidden_impl
// CHECK-NOT: hidden_state
