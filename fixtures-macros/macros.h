/* Macros of every shape dwarfbind reads as constants (or lists with a reason), for the
 * -g3 / -fdebug-macro builds of scripts/build-macro-fixtures. */
#ifndef MACROS_H
#define MACROS_H

#include <limits.h>
#include <stdint.h>

/* Literals */
#define MAC_INT 42
#define MAC_NEG (-7)
#define MAC_OCTAL 0755
#define MAC_BINARY 0b1011
#define MAC_HEX_U 0xFFu
#define MAC_LONG 1234567890123L
#define MAC_ULL 0xFFFFFFFFFFFFFFFFULL
#define MAC_HEX_BIG 0x80000000
#define MAC_DECIMAL_BIG 3000000000
#define MAC_CHAR 'A'
#define MAC_CHAR_ESCAPE '\n'
#define MAC_CHAR_HIGH '\xff'
#define MAC_DOUBLE 3.5
#define MAC_EXP 1e-3
#define MAC_FLOAT 0.1f
#define MAC_HEX_FLOAT 0x1.8p3
#define MAC_STRING "hello"
#define MAC_STRING_JOINED "hello, " "world\t!"
#define MAC_STRING_ESCAPES "tab\there \"quoted\" \\ \101\x42"
#define MAC_STRING_PAREN ("in parentheses")

/* Expressions */
#define MAC_SHIFT (1 << 4)
#define MAC_OR (MAC_SHIFT | MAC_INT)
#define MAC_MASK (~0u >> 4)
#define MAC_NOT_ZERO (~0)
#define MAC_ARITH ((MAC_INT * 3 + 1) / 2 - 5 % 3)
#define MAC_MIXED (MAC_INT + 0.5)
#define MAC_COMPARE (MAC_INT > 40 && MAC_NEG < 0)
#define MAC_TERNARY (MAC_INT > 100 ? 1 : 2)
#define MAC_UNSIGNED_WRAP (0u - 1)
#define MAC_SIGNED_COMPARE (-1 < 0u)
#define MAC_CAST_UCHAR ((unsigned char)300)
#define MAC_CAST_INT ((int)3.9)
#define MAC_CAST_DOUBLE ((double)1 / 4)
#define MAC_CAST_STDINT ((uint16_t)-1)
#define MAC_CAST_SIZE ((size_t)1 << 40)
#define MAC_LONG_SHIFT (1UL << 63)
#define MAC_SHORT_CIRCUIT (0 && (1 / 0))
#define MAC_SYSTEM_REF (INT_MAX - 1)
#define MAC_SYSTEM_LIMIT UINT32_MAX
#define MAC_NESTED_A MAC_NESTED_B + 1
#define MAC_NESTED_B 2
#define MAC_NESTED_USE (MAC_NESTED_A * 10)
#define MAC_PARTIAL 1 +
#define MAC_FROM_PARTIAL (MAC_PARTIAL 2)

/* Redefined and undefined: the value at the end of the unit counts */
#define MAC_REDEFINED 1
#undef MAC_REDEFINED
#define MAC_REDEFINED 2
#define MAC_UNDEFINED 1
#undef MAC_UNDEFINED

/* Left out, with the reason */
#define MAC_FUNCTION(x) ((x) + 1)
#define MAC_EMPTY
#define MAC_USES_FUNCTION MAC_FUNCTION(2)
#define MAC_VARIABLE macros_counter
#define MAC_SIZEOF sizeof(int)
#define MAC_POINTER ((void *)0)
#define MAC_DIV_ZERO (1 / 0)
#define MAC_OVERFLOW (INT_MAX + 1)
#define MAC_SELF MAC_SELF
#define MAC_WIDE L"wide"
#define MAC_LONG_DOUBLE 1.5L
#define MAC_STATEMENT do { } while (0)

extern int macros_counter;
int macros_answer(void);
int macros_other(void);

#endif
