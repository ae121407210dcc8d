/* Private to lib/judge: the openness evaluation's internal interfaces. */
#ifndef TROP_JUDGE_H
#define TROP_JUDGE_H

#include "internal.h"

/* Is this license id open in the Model Openness Framework's sense? */
typedef bool (*trop_license_open_fn)(const char *license_id, void *userdata);

/* The Model Openness Tool's test: OSI-approved, FSF-libre, on its open-data
 * list, or OpenMDW-1.0, by exact SPDX id. */
bool trop_mof_license_open(const char *license_id, void *userdata);

/* MOF class of a MOF release file's meta: *out = {class, label, progress
 * {"1","2","3"}, components[]} (owned by the caller). */
int trop_mof_classify(const json_t *meta, trop_license_open_fn is_open, void *userdata,
                      json_t **out);
/* "Class I - Open Science Model" ... "Unclassified". Static. */
const char *trop_mof_class_label(int cls);

#endif
