// -lightdwarf-strip-paths replaces every file and directory name in the kept
// debug info (unit name, comp_dir, decl_file, line-table file table) with
// "<stripped>".
// PLUGIN-OPTS: -lightdwarf-strip-paths
struct located { int where; };

int locate(struct located *at) { return at->where; }

// CHECK:     DW_TAG_compile_unit
// CHECK:       DW_AT_name ("<stripped>")
// CHECK:       DW_AT_comp_dir ("<stripped>")
// CHECK:     DW_AT_name ("located")
// CHECK:       DW_AT_decl_file ("<stripped>/<stripped>")
// CHECK:     DW_AT_name ("where")
// CHECK:       DW_AT_decl_file ("<stripped>/<stripped>")
// CHECK:     include_directories[ 0] = "<stripped>"
// CHECK:     name: "<stripped>"
// CHECK-NOT: strip_paths.c
// CHECK-NOT: lightdwarf-pass
// BASE:      strip_paths.c
// ASSERT: ! llvm-dwarfdump-19 --all "$obj" | grep -Eq 'strip_paths\.c|/inputs|lightdwarf-pass'
