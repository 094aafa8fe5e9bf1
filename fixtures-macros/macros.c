#include "macros.h"

/* Defined differently in the two units: not a constant. */
#define MAC_PER_UNIT 1
#define MAC_ONLY_HERE 11

int macros_answer(void) {
    return MAC_INT + MAC_PER_UNIT;
}
int macros_counter;
