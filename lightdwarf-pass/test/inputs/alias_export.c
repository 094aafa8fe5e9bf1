// An exported alias of a static function exports that function's code: its
// subprogram is kept (readers match the alias through the address). Static
// functions nobody exports still lose theirs.
static int impl_add(int left, int right) { return left + right; }
int exported_add(int left, int right) __attribute__((alias("impl_add")));
static int impl_var = 5;
extern int exported_var_alias __attribute__((alias("impl_var")));
static __attribute__((noinline, used)) int not_exported(int z) { return z; }

// CHECK-DAG: DW_AT_name ("impl_var")
// CHECK-DAG: DW_AT_name ("impl_add")
// CHECK-DAG: DW_AT_name ("left")
// CHECK-DAG: DW_AT_name ("right")
// CHECK-NOT: not_exported
// BASE:      not_exported
