// A struct reached only through a pointer parameter is kept complete: all
// members, and the types they reach in turn (nested struct, union, array,
// function pointer, self-reference).
struct inner { short tag; unsigned char bytes[8]; };
union payload { long as_long; double as_double; struct inner as_inner; };
struct session {
    int id;
    char name[16];
    struct inner *inner_ptr;
    union payload data;
    struct session *next;
    int (*callback)(struct session *, void *);
};

int session_id(const struct session *s) { return s ? s->id : -1; }

// CHECK:     DW_AT_name ("session_id")
// CHECK:     DW_TAG_formal_parameter
// CHECK-NEXT:  DW_AT_name ("s")
// CHECK:       DW_AT_type ({{.*}} "const session *")
// CHECK:     DW_TAG_structure_type
// CHECK-NEXT:  DW_AT_name ("session")
// CHECK:       DW_TAG_member
// CHECK-NEXT:    DW_AT_name ("id")
// CHECK:       DW_TAG_member
// CHECK-NEXT:    DW_AT_name ("name")
// CHECK:       DW_TAG_member
// CHECK-NEXT:    DW_AT_name ("inner_ptr")
// CHECK:       DW_TAG_member
// CHECK-NEXT:    DW_AT_name ("data")
// CHECK:       DW_TAG_member
// CHECK-NEXT:    DW_AT_name ("next")
// CHECK:       DW_TAG_member
// CHECK-NEXT:    DW_AT_name ("callback")
// CHECK-DAG:   DW_AT_name ("inner")
// CHECK-DAG:   DW_AT_name ("tag")
// CHECK-DAG:   DW_AT_name ("bytes")
// CHECK-DAG:   DW_AT_name ("payload")
// CHECK-DAG:   DW_AT_name ("as_long")
// CHECK-DAG:   DW_AT_name ("as_double")
// CHECK-DAG:   DW_AT_name ("as_inner")
