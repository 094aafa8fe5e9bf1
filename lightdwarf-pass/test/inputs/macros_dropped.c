// -fdebug-macro records every #define in .debug_macro; the unit's macro list
// is dropped.
// RUN-FLAGS: -fdebug-macro
#define ANSWER 42
#define TWICE(x) ((x) * 2)

int answer(int scale) { return TWICE(ANSWER) * scale; }

// CHECK: DW_AT_name ("answer")
// CHECK-NOT: DW_AT_macros
// CHECK-NOT: DW_MACRO_define
// BASE:  DW_MACRO_define{{.*}}ANSWER 42
// ASSERT: ! llvm-dwarfdump-19 --debug-macro "$obj" | grep -q DW_MACRO
