// A kept function and its parameters carry no DW_AT_decl_file/DW_AT_decl_line:
// a binder has no use for where a function was declared. Types keep theirs.
struct pair { int a, b; };

int sum_pair(struct pair *p, int bias) { return p->a + p->b + bias; }

// CHECK:      DW_TAG_subprogram
// CHECK-NOT:  DW_AT_decl_
// CHECK:        DW_AT_name ("sum_pair")
// CHECK-NOT:  DW_AT_decl_
// CHECK:        DW_TAG_formal_parameter
// CHECK-NOT:  DW_AT_decl_
// CHECK:          DW_AT_name ("p")
// CHECK-NOT:  DW_AT_decl_
// CHECK:        DW_TAG_formal_parameter
// CHECK-NOT:  DW_AT_decl_
// CHECK:          DW_AT_name ("bias")
// CHECK-NOT:  DW_AT_decl_
// CHECK:      DW_TAG_structure_type
// CHECK:        DW_AT_name ("pair")
// CHECK:        DW_AT_decl_line (3)
// BASE:       DW_AT_decl_line (5)
