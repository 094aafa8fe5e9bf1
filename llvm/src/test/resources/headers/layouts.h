/*
 * A self-contained header (no libc) exercising what the header reader lays out: read for several
 * targets by StaticAssertTest, whose _Static_asserts clang-19 (and gcc, for the host) check.
 */
#ifndef LAYOUTS_H
#define LAYOUTS_H

#define LY_INT 42
#define LY_NEG (-7)
#define LY_SHIFT (1u << 31)
#define LY_BIG 0xFFFFFFFFFFFFFFFFULL
#define LY_EXPR ((LY_INT * 2) | 1)
#define LY_CHAR 'A'
#define LY_SIZEOF_LONG ((int) sizeof(long))
#define LY_DOUBLE 2.5
#define LY_STRING "layouts"
#define LY_EMPTY
#define LY_TYPE unsigned long
#define LY_CALL(x) ((x) + 1)

typedef unsigned long ly_size;
typedef long long ly_i64;

enum ly_colour { LY_RED, LY_GREEN = 5, LY_BLUE };
enum ly_wide { LY_WIDE_MIN = -1, LY_WIDE_MAX = 0x7fffffffffffffffLL };

struct ly_scalars {
    char c;
    short s;
    int i;
    long l;
    long long ll;
    float f;
    double d;
    void *p;
    ly_size size;
};

struct ly_bits {
    unsigned a : 3;
    unsigned b : 7;
    unsigned : 0;
    unsigned c : 5;
    int d : 12;
    unsigned char e;
    unsigned long long f : 40;
};

struct ly_packed {
    char c;
    int i;
    short s;
} __attribute__((packed));

struct ly_aligned {
    char c;
    int i __attribute__((aligned(16)));
} __attribute__((aligned(32)));

struct ly_anonymous {
    int kind;
    union {
        int as_int;
        double as_double;
        struct {
            short lo;
            short hi;
        };
    };
    char tail[3];
};

struct ly_nested {
    struct ly_scalars inner;
    struct ly_bits bits[2];
    enum ly_colour colour;
    int (*callback)(const struct ly_nested *self, void *data);
    struct ly_nested *next;
};

struct ly_flexible {
    ly_size count;
    double values[];
};

union ly_union {
    char bytes[12];
    ly_i64 wide;
    struct ly_packed packed;
};

int ly_sum(const struct ly_scalars *s, int n, ...);
struct ly_scalars ly_make(int i, double d);
void ly_fatal(const char *why) __attribute__((noreturn));
_Noreturn void ly_exit(int code);
extern struct ly_nested ly_root;

#endif
