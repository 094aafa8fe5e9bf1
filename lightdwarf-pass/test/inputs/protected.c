// Protected visibility is still exported (just not preemptible): kept, like
// default visibility, for functions and variables.
__attribute__((visibility("protected"))) int protected_fn(int guarded) { return guarded + 1; }
__attribute__((visibility("protected"))) int protected_var = 3;
__attribute__((visibility("hidden"))) int hidden_fn(int h) { return h; }

// CHECK:     DW_TAG_variable
// CHECK-NEXT:  DW_AT_name ("protected_var")
// CHECK:     DW_AT_name ("protected_fn")
// CHECK:     DW_TAG_formal_parameter
// CHECK-NEXT:  DW_AT_name ("guarded")
// CHECK-NOT: hidden_fn
