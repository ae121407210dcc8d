/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * policy-parse FILE...: gives each file to tro_policy_new() and prints
 * "FILE: ok" or "FILE: TRO_Exxx: message", so that shell tests can check
 * that the policies shown in the documentation are the ones the library
 * accepts, and that the error messages shown are the ones it gives.
 * Exit status: 0 every file parsed, 1 one did not, 2 a file was unreadable.
 */
#include <trulyopen.h>

#include <stdio.h>
#include <stdlib.h>

/* Larger than any policy the library accepts, so that the library, not
 * this reader, refuses an oversized file. */
#define MAX_READ ((1u << 20) + 1)

static const char *code_name(int code)
{
    static const struct {
        int code;
        const char *name;
    } names[] = {
        {TRO_ENOMEM, "TRO_ENOMEM"},
        {TRO_EINVAL, "TRO_EINVAL"},
        {TRO_EIO, "TRO_EIO"},
        {TRO_EFORMAT, "TRO_EFORMAT"},
        {TRO_ELIMIT, "TRO_ELIMIT"},
        {TRO_ENOTFOUND, "TRO_ENOTFOUND"},
        {TRO_EPARSE, "TRO_EPARSE"},
        {TRO_EVERSION, "TRO_EVERSION"},
        {TRO_ECANCELED, "TRO_ECANCELED"},
    };
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (names[i].code == code)
            return names[i].name;
    return "TRO_E?";
}

/* 0 parsed, 1 refused, 2 unreadable. */
static int parse_file(const char *path, char *buf)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        return 2;
    }
    size_t n = fread(buf, 1, MAX_READ, f);
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        perror(path);
        return 2;
    }
    tro_policy *policy = NULL;
    tro_error err = {0};
    int rc = tro_policy_new(&policy, buf, n, &err);
    tro_policy_free(policy);
    if (rc) {
        printf("%s: %s: %s\n", path, code_name(rc), err.message);
        return 1;
    }
    printf("%s: ok\n", path);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: policy-parse FILE...\n");
        return 2;
    }
    char *buf = malloc(MAX_READ);
    if (!buf) {
        perror("policy-parse");
        return 2;
    }
    int status = 0;
    for (int i = 1; i < argc; i++) {
        int rc = parse_file(argv[i], buf);
        if (rc > status)
            status = rc;
    }
    free(buf);
    return status;
}
