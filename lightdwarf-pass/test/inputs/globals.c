// An exported variable keeps its DW_TAG_variable and its type (here a struct
// with all members); static, hidden and function-local static variables lose
// theirs.
struct config { const char *name; int level; double ratio[3]; };

struct config exported_config = { "cfg", 2, { 1, 2, 3 } };
const int exported_const = 43;
long exported_array[4] = { 1, 2, 3, 4 };
static int static_counter;
__attribute__((visibility("hidden"))) int hidden_counter;

int bump(int by)
{
    static int local_static_total;
    local_static_total += by;
    static_counter += by;
    hidden_counter += by;
    return local_static_total + static_counter + hidden_counter + exported_config.level;
}

// BASE-DAG:  static_counter
// BASE-DAG:  local_static_total
// CHECK-NOT: static_counter
// CHECK-NOT: hidden_counter
// CHECK-NOT: local_static_total
// CHECK:     DW_TAG_variable
// CHECK-NEXT:  DW_AT_name ("exported_config")
// CHECK-NEXT:  DW_AT_type ({{.*}} "config")
// CHECK:       DW_AT_external (true)
// CHECK:       DW_AT_location (DW_OP_addrx
// CHECK:     DW_TAG_structure_type
// CHECK-NEXT:  DW_AT_name ("config")
// CHECK:       DW_TAG_member
// CHECK-NEXT:    DW_AT_name ("name")
// CHECK:       DW_TAG_member
// CHECK-NEXT:    DW_AT_name ("level")
// CHECK:       DW_TAG_member
// CHECK-NEXT:    DW_AT_name ("ratio")
// CHECK:       DW_AT_type ({{.*}} "double[3]")
// CHECK:     DW_TAG_variable
// CHECK-NEXT:  DW_AT_name ("exported_const")
// CHECK-NEXT:  DW_AT_type ({{.*}} "const int")
// CHECK:     DW_TAG_variable
// CHECK-NEXT:  DW_AT_name ("exported_array")
// CHECK-NEXT:  DW_AT_type ({{.*}} "long[4]")
// CHECK:     DW_AT_name ("bump")
// CHECK-NOT: static_counter
// CHECK-NOT: hidden_counter
// CHECK-NOT: local_static_total
