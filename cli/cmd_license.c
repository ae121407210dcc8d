/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* trulyopen license: classify a licence expression, id, name or URL, or
 * identify a licence text, and say whether it is free. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

#define MAX_FILE_BYTES (16u << 20)

static void usage(FILE *out)
{
    fprintf(out,
            "Usage: trulyopen license [OPTIONS] LICENSE\n"
            "       trulyopen license [OPTIONS] --file FILE [--license-dir DIR] [--strict]\n"
            "Say what a licence is and whether it is free: for model weights (use, study,\n"
            "modify and share for any purpose, commercial use included), for training data\n"
            "and for software. What is not recognised is unknown, never free.\n\n"
            "LICENSE is read as a URL, an exact id (SPDX, Hugging Face 'llama3.1',\n"
            "LicenseRef-, LicenseRef-scancode-), a whole name ('Open Database License\n"
            "(ODbL)', 'GPL v2 or later', 'CC BY' for every CC BY version, a ScanCode\n"
            "LicenseDB name such as 'Tidy License'), an SPDX expression ('Apache-2.0 OR\n"
            "MIT', 'GPL-2.0+ WITH Classpath-exception-2.0'),\n"
            "prose naming several licences and what each covers ('MIT (code), CC BY-NC\n"
            "4.0 (weights)', 'code: MIT; weights: OpenRAIL-M'), or a licence followed by a\n"
            "link to it or a pointer to its text ('MIT License, see LICENSE.md', 'MIT -\n"
            "https://opensource.org/licenses/MIT'). After WITH comes an SPDX exception or\n"
            "an AdditionRef-; a licence or known restriction there applies as well\n"
            "('Apache-2.0 WITH Commons-Clause' is not free).\n\n"
            "Options:\n"
            "      --file FILE         identify the licence text in FILE (a LICENSE file):\n"
            "                          SPDX-License-Identifier lines, the full text against\n"
            "                          every licence, notice and exception of the SPDX list\n"
            "                          (score and matched reference shown), then title,\n"
            "                          sentences and URLs; restrictive clauses the text adds\n"
            "                          (non-commercial, research only, field of use, user\n"
            "                          caps...) are quoted with their byte offset; a\n"
            "                          sentence of its own that may limit a free licence, a\n"
            "                          word of its grant changed or dropped, words put in\n"
            "                          as an aside, a line issuing it to someone or a title\n"
            "                          that makes it a variant makes the answer unknown\n"
            "  -d, --license-dir DIR   also match FILE against the reference texts in DIR\n"
            "                          (files named by SPDX id, e.g. SPDX license-list-data\n"
            "                          text/, or /usr/share/common-licenses); accepted when the\n"
            "                          word-bigram Dice score is >= 0.9 in the reference order\n"
            "      --strict            with --file, for release gates: a free licence's text\n"
            "                          stays free only when every word it adds is explained\n"
            "                          (copyright statements, numbers, addresses, SPDX tags,\n"
            "                          words about the document, names no licence uses,\n"
            "                          placeholders to fill in, the licence's parts and own\n"
            "                          title); any other makes it unknown\n"
            "      --license-name NAME with LICENSE 'other' (Hugging Face cards): the card's\n"
            "                          license_name\n"
            "      --license-link URL  with LICENSE 'other': the card's license_link\n"
            "  -f, --format FORMAT     text (default) or json: an object with format,\n"
            "                          format_version, input, kind,\n"
            "                          expression, category, free, free_for_data,\n"
            "                          free_for_software, reason, confidence, match (template,\n"
            "                          score, coverage, added_words, removed_words), licenses[]\n"
            "                          (id, name, category, reason, spdx, osi_approved,\n"
            "                          fsf_libre, deprecated, mof_open, free, free_for_data,\n"
            "                          free_for_software, covers, exception) and evidence[]\n"
            "                          (kind, text, offset)\n"
            "  -h, --help              show this help\n\n"
            "Categories: permissive, copyleft, weak-copyleft, public-domain, open-data (free);\n"
            "use-restricted, non-commercial, no-derivatives, research-only, proprietary,\n"
            "unknown (not free). An OR is free when one branch is, an AND when all parts are.\n"
            "Open-data licences (CC BY, ODbL, CDLA...) are free for data, not for software.\n"
            "SPDX License List %s.\n\n"
            "Exit status: 0 answered (free or not), 2 usage error, expression that does not\n"
            "parse, unbalanced parentheses or a WITH naming nothing known (the message gives\n"
            "the byte position), or unreadable file.\n",
            tro_license_list_version());
}

static int read_text(const char *path, char **out, size_t *len)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        trc_error(path, "cannot open: %s", strerror(errno));
        if (fd >= 0)
            close(fd);
        return -1;
    }
    if (!S_ISREG(st.st_mode) || st.st_size > (off_t)MAX_FILE_BYTES) {
        trc_error(path, S_ISREG(st.st_mode) ? "larger than 16 MiB" : "not a regular file");
        close(fd);
        return -1;
    }
    char *buf = malloc((size_t)st.st_size + 1);
    size_t n = 0;
    while (buf && n < (size_t)st.st_size) {
        ssize_t r = read(fd, buf + n, (size_t)st.st_size - n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        n += (size_t)r;
    }
    close(fd);
    if (!buf || n != (size_t)st.st_size) {
        trc_error(path, "cannot read: %s", buf ? strerror(errno) : "out of memory");
        free(buf);
        return -1;
    }
    *out = buf;
    *len = n;
    return 0;
}

static const char *yes(int b)
{
    return b ? "yes" : "no";
}

/* "code, weights", or "" when the licence does not say what it covers. */
static void covers_text(unsigned covers, char *buf, size_t sz)
{
    size_t n = 0;
    buf[0] = '\0';
    for (unsigned bit = TRO_LICENSE_COVERS_CODE; bit <= TRO_LICENSE_COVERS_DOCS; bit <<= 1)
        if ((covers & bit) && n < sz)
            n += (size_t)snprintf(buf + n, sz - n, "%s%s", n ? ", " : "",
                                  tro_license_covers_name(bit));
}

/* "label:   value" on one line, the value escaped. */
static void field(const char *label, const char *value)
{
    printf("%-19s", label);
    trc_put(stdout, value);
    putchar('\n');
}

static void print_licenses(const tro_license_result *r)
{
    printf("licenses:\n");
    for (size_t i = 0; i < tro_license_result_count(r); i++) {
        unsigned f = tro_license_result_flags(r, i);
        const char *exc = tro_license_result_exception(r, i);
        char covers[96];
        covers_text(tro_license_result_covers(r, i), covers, sizeof covers);
        fputs("  ", stdout);
        trc_printf(stdout, "%s%s%s (%s): %s%s%s%s%s%s - %s", tro_license_result_id(r, i),
                   exc ? " WITH " : "", exc ? exc : "", tro_license_result_name(r, i),
                   tro_license_category_name(tro_license_result_license_category(r, i)),
                   f & TRO_LICENSE_OSI_APPROVED ? ", OSI-approved" : "",
                   f & TRO_LICENSE_FSF_LIBRE ? ", FSF-libre" : "",
                   f & TRO_LICENSE_DEPRECATED ? ", deprecated id" : "", covers[0] ? ", for " : "",
                   covers, tro_license_result_license_reason(r, i));
        putchar('\n');
    }
}

static void print_text(const tro_license_result *r, bool text)
{
    field("expression:", tro_license_result_expression(r));
    field("category:", tro_license_category_name(tro_license_result_category(r)));
    field("free:", yes(tro_license_result_is_free(r)));
    field("free for data:", yes(tro_license_result_is_free_for_data(r)));
    field("free for software:", yes(tro_license_result_is_free_for_software(r)));
    field("reason:", tro_license_result_reason(r));
    printf("confidence:        %.2f\n", tro_license_result_confidence(r));
    const char *tmpl;
    double score, coverage;
    if (text && tro_license_result_match(r, &tmpl, &score, &coverage) == 0) {
        fputs("matched:           ", stdout);
        trc_printf(stdout, "%s (score %.3f, coverage %.3f)", tmpl, score, coverage);
        putchar('\n');
    }
    print_licenses(r);
    size_t ne = tro_license_result_evidence_count(r);
    if (ne)
        printf("evidence:\n");
    for (size_t i = 0; i < ne; i++) {
        const char *kind, *t;
        int64_t off;
        tro_license_result_evidence(r, i, &kind, &t, &off);
        fputs("  ", stdout);
        if (off >= 0)
            trc_printf(stdout, "%s at byte %lld: \"%s\"", kind, (long long)off, t);
        else
            trc_printf(stdout, "%s: %s", kind, t);
        putchar('\n');
    }
}

typedef struct opts {
    const char *file, *dir, *name, *link, *format;
    bool strict;
} opts;

static int parse_opts(int argc, char **argv, opts *o)
{
    static const struct option longopts[] = {
        {"file", required_argument, NULL, 'F'},
        {"license-dir", required_argument, NULL, 'd'},
        {"license-name", required_argument, NULL, 'n'},
        {"license-link", required_argument, NULL, 'l'},
        {"strict", no_argument, NULL, 'S'},
        {"format", required_argument, NULL, 'f'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "f:d:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'F':
            o->file = optarg;
            break;
        case 'd':
            o->dir = optarg;
            break;
        case 'n':
            o->name = optarg;
            break;
        case 'l':
            o->link = optarg;
            break;
        case 'S':
            o->strict = true;
            break;
        case 'f':
            o->format = optarg;
            break;
        case 'h':
            usage(stdout);
            return 1;
        default:
            return -1;
        }
    }
    if (strcmp(o->format, "text") && strcmp(o->format, "json")) {
        trc_error(NULL, "--format: expected text or json, got '%s'%s", o->format,
                  strchr(o->format, '.') || strchr(o->format, '/')
                      ? " (-f is --format; a licence file is given with --file FILE)"
                      : "");
        return -1;
    }
    int positional = argc - optind;
    if ((o->file && positional) || (!o->file && positional != 1)) {
        trc_error(NULL, o->file ? "give either LICENSE or --file, not both"
                                : "expected one LICENSE (try 'trulyopen license --help')");
        return -1;
    }
    if ((o->dir || o->strict) && !o->file) {
        trc_error(NULL, o->dir ? "--license-dir needs --file" : "--strict needs --file");
        return -1;
    }
    return 0;
}

static int run(const opts *o, const char *arg, tro_license_result **r)
{
    tro_error err = {0, "", -1};
    int rc;
    if (!o->file) {
        rc = (o->name || o->link) ? tro_license_classify_hf(arg, o->name, o->link, r, &err)
                                  : tro_license_classify(arg, r, &err);
        if (rc)
            trc_error(NULL, "%s", err.message);
        return rc;
    }
    tro_license_db *db = NULL;
    if (o->dir && (rc = tro_license_db_load(&db, o->dir, &err)) != 0) {
        trc_error(NULL, "%s", err.message);
        return rc;
    }
    char *text = NULL;
    size_t len = 0;
    rc = read_text(o->file, &text, &len) ? TRO_EIO : 0;
    if (!rc && (rc = tro_license_identify_ex(db, text, len, o->strict ? TRO_IDENTIFY_STRICT : 0, r,
                                             &err)) != 0)
        trc_error(o->file, "%s", err.message);
    free(text);
    tro_license_db_free(db);
    return rc;
}

int trc_cmd_license(int argc, char **argv)
{
    opts o = {.format = "text"};
    int p = parse_opts(argc, argv, &o);
    if (p)
        return p > 0 ? TRC_EXIT_OK : TRC_EXIT_USAGE;
    tro_license_result *r = NULL;
    if (run(&o, o.file ? NULL : argv[optind], &r))
        return TRC_EXIT_USAGE;
    int status = TRC_EXIT_OK;
    if (!strcmp(o.format, "json")) {
        char *json;
        size_t len;
        if (tro_license_result_json(r, &json, &len) == 0) {
            if (trc_write_output(NULL, json, len) || trc_write_output(NULL, "\n", 1))
                status = TRC_EXIT_USAGE;
            tro_free(json);
        } else {
            trc_error(NULL, "out of memory");
            status = TRC_EXIT_USAGE;
        }
    } else {
        print_text(r, o.file != NULL);
    }
    tro_license_result_free(r);
    return status;
}
