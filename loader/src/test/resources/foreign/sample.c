/* One initialised struct of mixed members, built for several targets by ForeignViewsTest: the bytes
   the compiler lays out for sample_value are the oracle for dwarfbind's views of that target. */
#ifdef _WIN32
#define EXPORT __declspec(dllexport)
#else
#define EXPORT __attribute__((visibility("default")))
#endif

struct inner { short s; unsigned char c; };

struct sample {
    char tag;
    long l;              /* 4 bytes on LLP64 (Windows) and ILP32 (i386), 8 on LP64 */
    long long ll;        /* aligned to 4 inside an i386 struct, to 8 elsewhere */
    void *p;             /* 4 bytes on i386 */
    struct inner in;
    int arr[3];
    unsigned bits : 5;
    signed sbits : 7;
    double d;
    const char *name;
};

EXPORT struct sample sample_value = {
    'x', -123456, 0x1122334455667788LL, (void *)0x1234, {-2, 200}, {7, -8, 9}, 21, -33, 2.5, 0
};
