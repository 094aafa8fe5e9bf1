// Typedef chains are kept link by link down to the base type, for parameters,
// return types and struct members.
typedef unsigned int u32;
typedef u32 object_id;
typedef object_id handle_t;
typedef struct point { double x, y; } point_t;
typedef point_t *point_ref;
typedef const point_t *const_point_ref;

handle_t make_handle(point_ref p, const_point_ref q) { return (handle_t)(p->x + q->y); }

// CHECK:     DW_TAG_typedef
// CHECK-NEXT:  DW_AT_type ({{.*}} "object_id")
// CHECK-NEXT:  DW_AT_name ("handle_t")
// CHECK:     DW_TAG_typedef
// CHECK-NEXT:  DW_AT_type ({{.*}} "u32")
// CHECK-NEXT:  DW_AT_name ("object_id")
// CHECK:     DW_TAG_typedef
// CHECK-NEXT:  DW_AT_type ({{.*}} "unsigned int")
// CHECK-NEXT:  DW_AT_name ("u32")
// CHECK:     DW_AT_name ("make_handle")
// CHECK:     DW_TAG_formal_parameter
// CHECK-NEXT:  DW_AT_name ("p")
// CHECK:       DW_AT_type ({{.*}} "point_ref")
// CHECK:     DW_TAG_formal_parameter
// CHECK-NEXT:  DW_AT_name ("q")
// CHECK:       DW_AT_type ({{.*}} "const_point_ref")
// CHECK-DAG: DW_AT_name ("point_ref")
// CHECK-DAG: DW_AT_name ("const_point_ref")
// CHECK-DAG: DW_AT_name ("point_t")
// CHECK-DAG: DW_AT_name ("point")
// CHECK-DAG: DW_AT_name ("x")
// CHECK-DAG: DW_AT_name ("y")
