/* Private to lib/read: one entry point per format reader. */
#ifndef TROP_READERS_H
#define TROP_READERS_H

#include "internal.h"

#endif
