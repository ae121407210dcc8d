/* Private to lib/judge: what tro_check() keeps to build the report
 * document later (document.c builds the JSON tree, document_json.c writes
 * the JSON text straight from it). */
#ifndef TROP_PENDING_H
#define TROP_PENDING_H

#include "judge.h"
#include "report.h"

typedef struct snap_art {
    const char *path;
    uint64_t size;
    tro_type type;
    bool hashed;
    char sha256[65];
    const char *sha256_source; /* static; NULL when not hashed */
} snap_art;

struct trop_pending {
    trop_crit crit[3];
    tro_status own_use;
    trop_lics licenses;
    trop_dsrows datasets;
    json_t *lineage;
    trop_jfindings findings; /* the judge's */
    uint32_t mof_shown;
    bool has_code, has_paper, has_procedure;
    json_t *mof; /* the MOF release file's classification, or NULL */
    /* copies in the block after the struct, made valid UTF-8 (trop_utf8_patch) */
    const char *name, *card; /* card NULL: none judged */
    snap_art *arts;
    size_t nart;
    tro_finding *finds; /* the release's findings */
    size_t nfind;
};

/* to_pass[] of the report; NULL on ENOMEM. */
json_t *trop_pending_to_pass(const trop_pending *p);

#endif
