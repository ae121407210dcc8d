/*
 * trulyopen: tells whether an AI model release is truly open, and records
 * exactly which artifacts it judged.
 *
 * This umbrella header is the whole public API. Include only this file; the
 * headers under trulyopen/ are split by family and are not meant to be
 * included on their own.
 *
 * Conventions, for every function below:
 *  - Functions that can fail return an int: 0 (TRO_OK) on success or a small
 *    negative TRO_E* code. The human-readable message sits on the handle the
 *    function works on (tro_release_last_error()) or, where no handle exists
 *    yet, in a tro_error out-parameter that may be NULL.
 *  - Constructors take the out-parameter first: tro_x_new(tro_x **out, ...).
 *    Every tro_x_free() accepts NULL.
 *  - Every returned pointer says whether it is borrowed (valid until a named
 *    handle is freed) or owned by the caller (released with a named function).
 *  - The library keeps no global mutable state and never prints, exits or
 *    aborts. A tro_ctx may be shared by any number of threads once created; a
 *    tro_release is used by one thread at a time.
 */
#ifndef TRULYOPEN_H
#define TRULYOPEN_H

#define TRULYOPEN_H_INSIDE
#include "trulyopen/common.h"
#include "trulyopen/ctx.h"
#include "trulyopen/release.h"
#include "trulyopen/manifest.h"
#include "trulyopen/license.h"
#include "trulyopen/check.h"
#include "trulyopen/report.h"
#include "trulyopen/hub.h"
#undef TRULYOPEN_H_INSIDE

#endif /* TRULYOPEN_H */
