// A static function loses its subprogram, even when its code survives (noinline,
// address taken); the exported caller keeps its own.
static __attribute__((noinline)) int static_helper(int secret) { return secret * 3; }

int (*helper_ptr)(int) = static_helper;

int api_entry(int x) { return static_helper(x) + 1; }

// BASE:      DW_AT_name ("static_helper")
// CHECK-NOT: static_helper
// CHECK-NOT: secret
// CHECK:     DW_AT_name ("api_entry")
// CHECK:     DW_TAG_formal_parameter
// CHECK-NEXT:  DW_AT_name ("x")
// CHECK-NOT: static_helper
// CHECK-NOT: secret
