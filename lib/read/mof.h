/*
 * Private to the library: the Model Openness Framework's component list,
 * for the MOF reader (mof.c) and the MOF class computation (lib/judge).
 * Facts from the Model Openness Tool's mof.settings.yml (component ids,
 * classes, content types, required flags).
 */
#ifndef TROP_READ_MOF_H
#define TROP_READ_MOF_H

#include "internal.h"

/* What kind of license suits a component (code, data or document). */
typedef enum trop_mof_content {
    TROP_MOF_CODE = 0,
    TROP_MOF_DATA = 1,
    TROP_MOF_DOCUMENT = 2
} trop_mof_content;

typedef struct trop_mof_component {
    const char *name;        /* exact string used in MOF YAML files */
    int id;                  /* the Model Openness Tool's component id */
    int mof_class;           /* 3 = Open Model, 2 = Open Tooling, 1 = Open Science */
    trop_mof_content content;
    bool required;           /* needed for its class (else optional) */
} trop_mof_component;

#define TROP_MOF_COMPONENT_COUNT 17

/* The 17 components, most basic class (III) first. Static, read-only. */
const trop_mof_component *trop_mof_components(void);
/* The component with exactly this name, or NULL (names are never guessed). */
const trop_mof_component *trop_mof_component_find(const char *name, size_t len);
/* "code", "data" or "document". */
const char *trop_mof_content_name(trop_mof_content c);

#endif
