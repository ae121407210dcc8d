/* The Link header (RFC 8288) by which the Hub paginates tree listings:
 * `<URL>; rel="next", <URL>; rel="last"`. Only the target of rel=next is
 * wanted; anything malformed is passed over up to the next link. */
#include "hub.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define TARGET_MAX 8192

typedef struct cursor {
    const char *s;
    size_t n, i;
} cursor;

static void blanks(cursor *c)
{
    while (c->i < c->n && (c->s[c->i] == ' ' || c->s[c->i] == '\t'))
        c->i++;
}

static bool token_char(char ch)
{
    return ch > 0x20 && ch < 0x7f && !strchr("\"(),/:;<=>?@[\\]{}", ch);
}

/* A parameter value, token or quoted string, into val (truncated). */
static void value(cursor *c, char *val, size_t cap)
{
    size_t o = 0;
    if (c->i < c->n && c->s[c->i] == '"') {
        for (c->i++; c->i < c->n && c->s[c->i] != '"'; c->i++) {
            if (c->s[c->i] == '\\' && c->i + 1 < c->n)
                c->i++;
            if (o + 1 < cap)
                val[o++] = c->s[c->i];
        }
        if (c->i < c->n)
            c->i++; /* the closing quote */
    } else {
        for (; c->i < c->n && token_char(c->s[c->i]); c->i++)
            if (o + 1 < cap)
                val[o++] = c->s[c->i];
    }
    val[o] = '\0';
}

/* Whether the space-separated relation types in v include "next". */
static bool has_next(const char *v)
{
    for (const char *p = v; *p;) {
        size_t k = strcspn(p, " \t");
        if (k == 4 && !strncasecmp(p, "next", 4))
            return true;
        p += k;
        p += strspn(p, " \t");
    }
    return false;
}

/* The parameters after a target: true when one is rel containing next. */
static bool params(cursor *c)
{
    bool next = false;
    for (;;) {
        blanks(c);
        if (c->i >= c->n || c->s[c->i] != ';')
            return next;
        c->i++;
        blanks(c);
        size_t start = c->i;
        while (c->i < c->n && token_char(c->s[c->i]))
            c->i++;
        size_t len = c->i - start;
        char val[256] = "";
        blanks(c);
        if (c->i < c->n && c->s[c->i] == '=') {
            c->i++;
            blanks(c);
            value(c, val, sizeof val);
        }
        if (len == 3 && !strncasecmp(c->s + start, "rel", 3) && has_next(val))
            next = true;
    }
}

/* Moves past the next ',' that is not inside <> or quotes. */
static void skip_link(cursor *c)
{
    bool quoted = false, angle = false;
    for (; c->i < c->n; c->i++) {
        char ch = c->s[c->i];
        if (quoted && ch == '\\')
            c->i++;
        else if (ch == '"' && !angle)
            quoted = !quoted;
        else if (!quoted && ch == '<')
            angle = true;
        else if (!quoted && ch == '>')
            angle = false;
        else if (!quoted && !angle && ch == ',') {
            c->i++;
            return;
        }
    }
}

int trop_link_next(const char *value_s, size_t len, char **out)
{
    cursor c = {value_s, len, 0};
    *out = NULL;
    while (c.i < c.n) {
        blanks(&c);
        if (c.i < c.n && c.s[c.i] == ',') {
            c.i++;
            continue;
        }
        if (c.i >= c.n)
            break;
        if (c.s[c.i] != '<') {
            skip_link(&c);
            continue;
        }
        const char *t = c.s + c.i + 1;
        const char *gt = memchr(t, '>', c.n - c.i - 1);
        if (!gt)
            break;
        size_t tlen = (size_t)(gt - t);
        c.i = (size_t)(gt - c.s) + 1;
        bool next = params(&c);
        if (next && tlen && tlen <= TARGET_MAX && !memchr(t, '\0', tlen)) {
            if (!(*out = trop_strndup(t, tlen)))
                return TRO_ENOMEM;
            return 1;
        }
        skip_link(&c);
    }
    return 0;
}
