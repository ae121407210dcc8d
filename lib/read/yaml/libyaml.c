/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* libyaml as the source of parse events (event.h). */
#include "event.h"

#include <stdio.h>
#include <string.h>

#include <yaml.h>

/* libyaml counts characters; we keep bytes. Events come mostly in text
 * order, so a cursor makes the conversion linear overall. */
typedef struct cursor {
    const unsigned char *s;
    size_t len, byte;
    uint64_t chars;
} cursor;

static uint64_t byte_of(cursor *k, uint64_t index)
{
    if (index < k->chars) {
        k->byte = 0;
        k->chars = 0;
    }
    if (k->byte == 0 && k->len >= 3 && k->s[0] == 0xEF && k->s[1] == 0xBB && k->s[2] == 0xBF)
        k->byte = 3; /* libyaml consumes the BOM without counting it */
    while (k->byte < k->len && k->chars < index) {
        k->byte++;
        while (k->byte < k->len && (k->s[k->byte] & 0xC0) == 0x80)
            k->byte++;
        k->chars++;
    }
    return k->byte;
}

static trop_yaml_ev_mark ymark(cursor *k, const yaml_mark_t *m)
{
    trop_yaml_ev_mark r = {byte_of(k, m->index), m->line, m->column};
    return r;
}

/* Fills err from libyaml's error, with positions relative to the text. */
static int parser_error(const yaml_parser_t *p, cursor *k, trop_yaml_error *err)
{
    if (p->error == YAML_MEMORY_ERROR) {
        err->code = TRO_ENOMEM;
        err->kind = "out-of-memory";
        snprintf(err->message, sizeof err->message, "out of memory");
        return TRO_ENOMEM;
    }
    const char *problem = p->problem ? p->problem : "invalid YAML";
    err->code = TRO_EPARSE;
    err->kind = "syntax";
    if (p->error == YAML_READER_ERROR) {
        /* problem_offset counts bytes for reader (encoding) errors */
        snprintf(err->message, sizeof err->message, "%s", problem);
        err->offset = (int64_t)p->problem_offset;
        return TRO_EPARSE;
    }
    trop_yaml_ev_mark at = ymark(k, &p->problem_mark);
    if (p->context)
        snprintf(err->message, sizeof err->message, "%s %s", p->context, problem);
    else
        snprintf(err->message, sizeof err->message, "%s", problem);
    err->offset = (int64_t)at.offset;
    err->line = at.line + 1;
    err->column = at.column + 1;
    return TRO_EPARSE;
}

static void translate(const yaml_event_t *e, cursor *k, trop_yaml_ev *ev)
{
    memset(ev, 0, sizeof *ev);
    ev->start = ymark(k, &e->start_mark);
    switch (e->type) {
    case YAML_SCALAR_EVENT:
        ev->type = TROP_YAML_EV_SCALAR;
        ev->value = (const char *)e->data.scalar.value;
        ev->length = e->data.scalar.length;
        ev->plain = e->data.scalar.plain_implicit;
        ev->str_tag = e->data.scalar.tag &&
                      strcmp((const char *)e->data.scalar.tag, YAML_STR_TAG) == 0;
        ev->anchor = (const char *)e->data.scalar.anchor;
        break;
    case YAML_ALIAS_EVENT:
        ev->type = TROP_YAML_EV_ALIAS;
        ev->value = (const char *)e->data.alias.anchor;
        ev->length = strlen(ev->value);
        break;
    case YAML_SEQUENCE_START_EVENT:
        ev->type = TROP_YAML_EV_SEQ_START;
        ev->anchor = (const char *)e->data.sequence_start.anchor;
        break;
    case YAML_MAPPING_START_EVENT:
        ev->type = TROP_YAML_EV_MAP_START;
        ev->anchor = (const char *)e->data.mapping_start.anchor;
        break;
    case YAML_SEQUENCE_END_EVENT:
        ev->type = TROP_YAML_EV_SEQ_END;
        break;
    case YAML_MAPPING_END_EVENT:
        ev->type = TROP_YAML_EV_MAP_END;
        break;
    case YAML_DOCUMENT_END_EVENT:
    case YAML_STREAM_END_EVENT:
        ev->type = TROP_YAML_EV_DOC_END;
        break;
    default: /* stream and document starts carry nothing */
        ev->type = (trop_yaml_ev_type)-1;
        break;
    }
}

int trop_yaml_libyaml(const char *text, size_t len, trop_yaml_ev_fn emit, void *ud,
                      trop_yaml_error *err)
{
    yaml_parser_t p;
    if (!yaml_parser_initialize(&p))
        return TRO_ENOMEM;
    yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
    yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);
    cursor k = {(const unsigned char *)text, len, 0, 0};
    int rc = 0;
    bool done = false;
    while (!rc && !done) {
        yaml_event_t e;
        if (!yaml_parser_parse(&p, &e)) {
            rc = parser_error(&p, &k, err);
            break;
        }
        trop_yaml_ev ev;
        translate(&e, &k, &ev);
        done = ev.type == TROP_YAML_EV_DOC_END; /* only the first document */
        if ((int)ev.type >= 0)
            rc = emit(ud, &ev);
        yaml_event_delete(&e);
    }
    yaml_parser_delete(&p);
    return rc;
}
