// -gembed-source stores the source text in the line table's file entries; the
// text is dropped (the file names stay, unless -lightdwarf-strip-paths).
// RUN-FLAGS: -gdwarf-5 -gembed-source
int embedded(int arg) { return arg * 7; }

// BASE:      source: "// -gembed-source
// CHECK:     DW_AT_name ("embedded")
// CHECK:     file_names[ 0]:
// CHECK-NEXT:  name: "{{.*}}embedded_source.c"
// CHECK-NOT: source:
