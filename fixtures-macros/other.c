#include "macros.h"

#define MAC_PER_UNIT 2
#define MAC_ONLY_THERE "there"

int macros_other(void) {
    return MAC_PER_UNIT;
}
