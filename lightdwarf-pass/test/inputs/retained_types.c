// With -fno-eliminate-unused-debug-types clang puts every type in the unit's
// retainedTypes/enums lists; only those a kept function or variable reaches stay.
// RUN-FLAGS: -fno-eliminate-unused-debug-types
struct used_struct { int used_member; };
struct unused_struct { int unused_member; };
union unused_union { int ua; float ub; };
enum used_enum { USED_A, USED_B };
enum unused_enum { UNUSED_A, UNUSED_B };
typedef struct unused_struct unused_typedef;
typedef int unused_int_typedef;

int consume(struct used_struct *s, enum used_enum e) { return s->used_member + (int)e; }

// BASE-DAG:  unused_struct
// BASE-DAG:  unused_enum
// CHECK-NOT: unused
// CHECK-NOT: UNUSED_
// CHECK:     DW_TAG_enumeration_type
// CHECK:       DW_AT_name ("used_enum")
// CHECK:       DW_TAG_enumerator
// CHECK-NEXT:    DW_AT_name ("USED_A")
// CHECK:       DW_TAG_enumerator
// CHECK-NEXT:    DW_AT_name ("USED_B")
// CHECK:     DW_TAG_structure_type
// CHECK-NEXT:  DW_AT_name ("used_struct")
// CHECK:       DW_TAG_member
// CHECK-NEXT:    DW_AT_name ("used_member")
// CHECK:     DW_AT_name ("consume")
// CHECK-NOT: unused
// CHECK-NOT: UNUSED_
