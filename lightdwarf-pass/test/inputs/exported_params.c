// An exported function keeps its DW_TAG_subprogram with every parameter's
// name and type; an exported call to another exported function (the verifier
// wants a location on it) stays valid; variadic and weak functions are kept.
#include <stddef.h>

int add(int a, int b) { return a + b; }

double scale(double value, float factor, const char *label)
{
    return value * factor + (label ? add((int)value, 1) : 0);
}

int sum_all(const char *fmt, ...) { return fmt ? 1 : 0; }

__attribute__((weak)) long weak_hook(unsigned long mask) { return (long)mask; }

// CHECK:      DW_TAG_subprogram
// CHECK:        DW_AT_name ("add")
// CHECK:        DW_AT_external (true)
// CHECK-NOT:  DW_TAG
// CHECK:        DW_TAG_formal_parameter
// CHECK-NEXT:     DW_AT_name ("a")
// CHECK:          DW_AT_type ({{.*}} "int")
// CHECK:        DW_TAG_formal_parameter
// CHECK-NEXT:     DW_AT_name ("b")
// CHECK:          DW_AT_type ({{.*}} "int")
// CHECK:      DW_TAG_subprogram
// CHECK:        DW_AT_name ("scale")
// CHECK:        DW_TAG_formal_parameter
// CHECK-NEXT:     DW_AT_name ("value")
// CHECK:          DW_AT_type ({{.*}} "double")
// CHECK:        DW_TAG_formal_parameter
// CHECK-NEXT:     DW_AT_name ("factor")
// CHECK:          DW_AT_type ({{.*}} "float")
// CHECK:        DW_TAG_formal_parameter
// CHECK-NEXT:     DW_AT_name ("label")
// CHECK:          DW_AT_type ({{.*}} "const char *")
// CHECK:      DW_TAG_subprogram
// CHECK:        DW_AT_name ("sum_all")
// CHECK:        DW_TAG_formal_parameter
// CHECK-NEXT:     DW_AT_name ("fmt")
// CHECK:        DW_TAG_unspecified_parameters
// CHECK:      DW_TAG_subprogram
// CHECK:        DW_AT_name ("weak_hook")
// CHECK:        DW_TAG_formal_parameter
// CHECK-NEXT:     DW_AT_name ("mask")
// CHECK:          DW_AT_type ({{.*}} "unsigned long")
