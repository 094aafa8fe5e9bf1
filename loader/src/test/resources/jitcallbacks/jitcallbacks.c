/* Functions taking callbacks that java.lang.foreign's upcalls cannot implement (JitCallbacksTest). */
typedef long double (*ld_fn)(long double);
long double cb_ld(ld_fn f, long double x) { return f(x) * 2; }

typedef __int128 (*i128_fn)(__int128, __int128);
__int128 cb_i128(i128_fn f, __int128 a, __int128 b) { return f(a, b) + 1; }

typedef _Float16 (*f16_fn)(_Float16);
float cb_f16(f16_fn f, float x) { return (float) f((_Float16) x); }

typedef _Complex long double (*cld_fn)(_Complex long double);
long double cb_cld(cld_fn f, long double re, long double im) {
    _Complex long double z;
    __real__ z = re;
    __imag__ z = im;
    _Complex long double r = f(z);
    return __real__ r * 100 + __imag__ r;
}

typedef long (__attribute__((ms_abi)) *ms_fn)(long, long, long, long, long);
long cb_ms(ms_fn f) { return f(1, 2, 3, 4, 5); }

struct __attribute__((packed)) pk { char c; double d; };
typedef double (*pk_fn)(struct pk);
double cb_packed(pk_fn f, char c, double d) { struct pk p = {c, d}; return f(p); }

struct pt { long x, y; };
typedef struct pt (*pt_fn)(long);
long cb_struct_ret(pt_fn f, long v) { struct pt p = f(v); return p.x * 1000 + p.y; }

/* Calls each of n callbacks, to check that distinct callbacks of one signature stay distinct. */
long double cb_each(ld_fn *fs, int n, long double x) {
    long double sum = 0;
    for (int i = 0; i < n; i++) sum = sum * 10 + fs[i](x);
    return sum;
}

/* Conventions whose thunks clang names or lowers its own way. */
typedef long (__attribute__((regcall)) *rc_fn)(long, long, __int128);
long cb_regcall(rc_fn f) { return f(3, 4, (__int128) 5 << 64); }
typedef double (__attribute__((vectorcall)) *vc_fn)(double, double);
double cb_vectorcall(vc_fn f) { return f(1.5, 2.25); }
typedef long (__attribute__((preserve_most)) *pm_fn)(long);
long cb_preserve_most(pm_fn f) { return f(41) + 1; }
