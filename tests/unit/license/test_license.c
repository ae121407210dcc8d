/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/* The licence knowledge: tables, name keys, the expression grammar,
 * classification, evaluation and text identification. */
#include "internal.h"
#include "license.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <pthread.h>
#include <sys/stat.h>
#include <unistd.h>

#include "test.h"

/* Classifies s; returns the normalised expression (static copy) or "ERROR:<offset>". */
static const char *expr_of(const char *s)
{
    static char buf[1024];
    tro_license_result *r;
    tro_error err = {0, "", -1};
    int rc = tro_license_classify(s, &r, &err);
    if (rc) {
        snprintf(buf, sizeof buf, "ERROR:%lld", (long long)err.offset);
        return buf;
    }
    snprintf(buf, sizeof buf, "%s", tro_license_result_expression(r));
    tro_license_result_free(r);
    return buf;
}

static tro_license_category cat_of(const char *s, int *is_free)
{
    tro_license_result *r;
    if (tro_license_classify(s, &r, NULL))
        return (tro_license_category)-1;
    tro_license_category c = tro_license_result_category(r);
    *is_free = tro_license_result_is_free(r);
    tro_license_result_free(r);
    return c;
}

TRO_TEST(license_tables)
{
    CHECK_STR(tro_license_list_version(), "3.28.0");
    CHECK(trop_lic_count > 700);
    CHECK(trop_exc_count >= 80);
    CHECK_INT(trop_hf_count, 84);
    /* sorted for binary search */
    for (size_t i = 1; i < trop_lic_count; i++)
        CHECK(strcasecmp(trop_lic_table[i - 1].id, trop_lic_table[i].id) < 0);
    for (size_t i = 1; i < trop_name_count; i++)
        CHECK(strcmp(trop_name_table[i - 1].key, trop_name_table[i].key) < 0);
    /* every SPDX id round-trips from lower case to its canonical (or replacing) form */
    for (size_t i = 0; i < trop_lic_count; i++) {
        const trop_lic *l = &trop_lic_table[i];
        char low[128];
        size_t n = strlen(l->id);
        for (size_t k = 0; k <= n; k++)
            low[k] = (char)(l->id[k] >= 'A' && l->id[k] <= 'Z' ? l->id[k] + 32 : l->id[k]);
        const char *want = l->replaced_by ? l->replaced_by : l->id;
        if (strcmp(expr_of(low), want)) {
            fprintf(stderr, "round trip: %s -> %s, expected %s\n", low, expr_of(low), want);
            CHECK(0);
        }
    }
    /* every Hugging Face id means something, and what the table says */
    for (size_t i = 0; i < trop_hf_count; i++) {
        trop_expr *e;
        CHECK_INT(trop_expr_from_table(trop_hf_table[i].expr, &e), 0);
        char *want = trop_expr_print(e);
        CHECK(e->kind != TROP_EX_LICENSE || e->lic != NULL);
        CHECK_STR(expr_of(trop_hf_table[i].key), want);
        free(want);
        trop_expr_free(e);
    }
    /* the C name keys agree with the generator's */
    for (size_t i = 0; i < trop_name_count; i++) {
        char key[TROP_NAME_KEY_MAX];
        trop_name_key(trop_name_table[i].raw, strlen(trop_name_table[i].raw), key);
        if (strcmp(key, trop_name_table[i].key)) {
            fprintf(stderr, "key of '%s': '%s' vs generated '%s'\n", trop_name_table[i].raw, key,
                    trop_name_table[i].key);
            CHECK(0);
        }
        trop_expr *e;
        CHECK_INT(trop_expr_from_table(trop_name_table[i].expr, &e), 0);
        CHECK(e != NULL);
        trop_expr_free(e);
    }
}

/* URL patterns are grouped by host for the lookup, which reads only the
 * URL's host's patterns: the table's order is the lookup's, and every
 * pattern, wherever it sits, is found through it. */
TRO_TEST(license_url_index)
{
    int bad = 0;
    for (size_t i = 0; i < trop_url_count; i++) {
        const trop_url *u = &trop_url_table[i];
        const char *slash = strchr(u->pattern, '/');
        size_t hn = slash ? (size_t)(slash - u->pattern) : strlen(u->pattern);
        const char *seg = slash ? strchr(slash + 1, '/') : NULL;
        size_t sn = !slash ? 0 : seg ? (size_t)(seg - u->pattern) : strlen(u->pattern);
        bad += u->len != strlen(u->pattern) || u->host_len != hn ||
               memchr(u->pattern, '*', hn) != NULL ||
               u->seg_len != (slash && !memchr(u->pattern, '*', sn) ? sn : 0);
        if (i) {
            const trop_url *p = &trop_url_table[i - 1];
            size_t m = p->host_len < u->host_len ? p->host_len : u->host_len;
            int c = memcmp(p->pattern, u->pattern, m);
            bad += c > 0 || (c == 0 && p->host_len > u->host_len);
        }
        /* the pattern as a URL: '*' as an id, which "$id" patterns look up */
        char url[600], *o = url;
        o += sprintf(o, "https://www.");
        for (const char *c = u->pattern; *c && o < url + 500; c++)
            o += *c == '*' ? sprintf(o, "apache-2.0") : sprintf(o, "%c", *c);
        const char *got = trop_url_find(url, strlen(url));
        if (!got || (strcmp(u->expr, "$id") && strcmp(got, u->expr) && !strchr(u->pattern, '*'))) {
            fprintf(stderr, "url %s: %s, expected %s\n", url, got ? got : "(none)", u->expr);
            bad++;
        }
    }
    CHECK_INT(bad, 0);
    CHECK(trop_url_find("https://example.com/licenses/mit", 32) == NULL);
    CHECK_STR(trop_url_find("https://opensource.org/licenses/MIT", 35), "MIT");
    /* the host as normalisation finds it: case, "www.", brackets, raw GitHub;
     * a port, a final dot and a user name leave it as it is */
    static const struct {
        const char *url, *expr; /* NULL: none */
    } hosts[] = {
        {"(<HTTPS://WWW.OpenSource.ORG/licenses/MIT>)", "MIT"},
        {"https://raw.githubusercontent.com/meta-llama/llama/main/LICENSE",
         "LicenseRef-trulyopen-llama-2"},
        {"https://github.com/meta-llama/llama/blob/main/LICENSE", "LicenseRef-trulyopen-llama-2"},
        {"https://github.com:443/meta-llama/llama/blob/main/LICENSE",
         "LicenseRef-trulyopen-llama-2"},
        {"https://creativecommons.org./licenses/by-nc/4.0/", "CC-BY-NC-4.0"},
        {"https://someone@creativecommons.org/licenses/by/4.0/", "CC-BY-4.0"},
        {"https://opensource.org.example.com@evil.example/licenses/MIT", NULL},
        {"https://github.com:80x/meta-llama/llama/blob/main/LICENSE", NULL},
    };
    for (size_t i = 0; i < sizeof hosts / sizeof hosts[0]; i++) {
        const char *got = trop_url_find(hosts[i].url, strlen(hosts[i].url));
        if (hosts[i].expr)
            CHECK_STR(got, hosts[i].expr);
        else
            CHECK(got == NULL);
    }
    CHECK_STR(trop_license_url_expr("opensource.org/licenses/Apache-2.0", 34), "Apache-2.0");
}

/* Whether the name keys of word (the keys with it, ascending) hold key i. */
static bool keys_with_hold(const char *word, size_t i)
{
    size_t n;
    const uint16_t *k = trop_name_keys_with(word, &n);
    bool held = false;
    for (size_t j = 0; j < n; j++) {
        held |= k[j] == i;
        if (j && k[j - 1] >= k[j])
            return false;
    }
    return held;
}

/* trop_name_find_words compares a name only with the keys of its rarest
 * word and of its flat letters: every word of a key and every extra word
 * (its head, before ':' or '=') must find the key, as its letters must. */
TRO_TEST(license_name_index)
{
    int bad = 0;
    for (size_t i = 1; i < trop_spdx_name_word_count; i++)
        bad += strcmp(trop_spdx_name_words[i - 1].word, trop_spdx_name_words[i].word) >= 0;
    for (size_t i = 0; i < trop_spdx_name_word_count; i++) { /* each by its hash */
        size_t n;
        const trop_name_word *w = &trop_spdx_name_words[i];
        bad += trop_name_keys_with(w->word, &n) != trop_spdx_name_word_keys + w->first;
    }
    for (size_t i = 0; i < trop_spdx_name_key_count; i++) {
        char words[TROP_NAME_KEY_MAX + 1024], flat[TROP_NAME_KEY_MAX];
        snprintf(words, sizeof words, "%s %s", trop_spdx_name_keys[i].key,
                 trop_spdx_name_key_extra[i]);
        size_t fl = 0;
        for (const char *k = trop_spdx_name_keys[i].key; *k; k++)
            if (*k != ' ')
                flat[fl++] = *k;
        flat[fl] = '\0';
        for (char *w = strtok(words, " "); w; w = strtok(NULL, " ")) {
            w[strcspn(w, ":=")] = '\0';
            CHECK_IN(w, keys_with_hold(w, i));
            CHECK_IN(w, trop_spdx_name_key_bits[i] >> trop_word_bit(w) & 1);
        }
        size_t n;
        const uint16_t *k = trop_name_keys_flat(trop_flat_hash(flat), &n);
        bool held = false;
        for (size_t j = 0; j < n; j++)
            held |= k[j] == i && (!j || k[j - 1] < k[j]);
        CHECK_IN(flat, held && trop_spdx_name_key_flat[i] == trop_flat_hash(flat));
    }
    CHECK_INT(bad, 0);
    size_t n = 1;
    CHECK(trop_name_keys_with("nosuchword", &n) == NULL && n == 0);
}

TRO_TEST(license_categories)
{
    static const struct {
        const char *s;
        tro_license_category c;
        int free;
    } t[] = {
        {"MIT", TRO_LICENSE_PERMISSIVE, 1},
        {"Apache-2.0", TRO_LICENSE_PERMISSIVE, 1},
        {"GPL-3.0-only", TRO_LICENSE_COPYLEFT, 1},
        {"LGPL-2.1-or-later", TRO_LICENSE_WEAK_COPYLEFT, 1},
        {"MPL-2.0", TRO_LICENSE_WEAK_COPYLEFT, 1},
        {"CC0-1.0", TRO_LICENSE_PUBLIC_DOMAIN, 1},
        {"PDDL-1.0", TRO_LICENSE_PUBLIC_DOMAIN, 1},
        {"CC-BY-4.0", TRO_LICENSE_OPEN_DATA, 1},
        {"CC-BY-SA-4.0", TRO_LICENSE_OPEN_DATA, 1},
        {"ODbL-1.0", TRO_LICENSE_OPEN_DATA, 1},
        {"ODC-By-1.0", TRO_LICENSE_OPEN_DATA, 1},
        {"CDLA-Permissive-2.0", TRO_LICENSE_OPEN_DATA, 1},
        {"CDLA-Sharing-1.0", TRO_LICENSE_OPEN_DATA, 1},
        {"O-UDA-1.0", TRO_LICENSE_OPEN_DATA, 1},
        {"etalab-2.0", TRO_LICENSE_OPEN_DATA, 1},
        {"OGL-UK-3.0", TRO_LICENSE_OPEN_DATA, 1},
        {"CC-BY-NC-4.0", TRO_LICENSE_NON_COMMERCIAL, 0},
        {"CC-BY-NC-SA-3.0", TRO_LICENSE_NON_COMMERCIAL, 0},
        {"CC-BY-NC-ND-4.0", TRO_LICENSE_NON_COMMERCIAL, 0},
        {"CC-BY-ND-4.0", TRO_LICENSE_NO_DERIVATIVES, 0},
        {"C-UDA-1.0", TRO_LICENSE_USE_RESTRICTED, 0},
        {"JSON", TRO_LICENSE_USE_RESTRICTED, 0},
        {"BUSL-1.1", TRO_LICENSE_PROPRIETARY, 0},
        {"OpenMDW-1.0", TRO_LICENSE_PERMISSIVE, 1},
        {"AML", TRO_LICENSE_PERMISSIVE, 1},
        {"llama2", TRO_LICENSE_USE_RESTRICTED, 0},
        {"llama3", TRO_LICENSE_USE_RESTRICTED, 0},
        {"llama3.1", TRO_LICENSE_USE_RESTRICTED, 0},
        {"llama3.2", TRO_LICENSE_USE_RESTRICTED, 0},
        {"llama3.3", TRO_LICENSE_USE_RESTRICTED, 0},
        {"llama4", TRO_LICENSE_USE_RESTRICTED, 0},
        {"gemma", TRO_LICENSE_USE_RESTRICTED, 0},
        {"openrail", TRO_LICENSE_USE_RESTRICTED, 0},
        {"openrail++", TRO_LICENSE_USE_RESTRICTED, 0},
        {"bigscience-bloom-rail-1.0", TRO_LICENSE_USE_RESTRICTED, 0},
        {"creativeml-openrail-m", TRO_LICENSE_USE_RESTRICTED, 0},
        {"bigcode-openrail-m", TRO_LICENSE_USE_RESTRICTED, 0},
        {"deepfloyd-if-license", TRO_LICENSE_RESEARCH_ONLY, 0},
        {"fair-noncommercial-research-license", TRO_LICENSE_RESEARCH_ONLY, 0},
        {"apple-amlr", TRO_LICENSE_RESEARCH_ONLY, 0},
        {"intel-research", TRO_LICENSE_RESEARCH_ONLY, 0},
        {"h-research", TRO_LICENSE_RESEARCH_ONLY, 0},
        {"grok2-community", TRO_LICENSE_USE_RESTRICTED, 0},
        {"tii-falcon-llm", TRO_LICENSE_USE_RESTRICTED, 0},
        {"openmdw-1.1", TRO_LICENSE_PERMISSIVE, 1},
        {"cc", TRO_LICENSE_UNKNOWN, 0},
        {"gpl", TRO_LICENSE_COPYLEFT, 1},
        {"lgpl", TRO_LICENSE_WEAK_COPYLEFT, 1},
        {"bsd", TRO_LICENSE_PERMISSIVE, 1},
        {"other", TRO_LICENSE_UNKNOWN, 0},
        {"unknown", TRO_LICENSE_UNKNOWN, 0},
        {"deepseek", TRO_LICENSE_USE_RESTRICTED, 0},
        {"qwen", TRO_LICENSE_USE_RESTRICTED, 0},
        {"tongyi-qianwen", TRO_LICENSE_USE_RESTRICTED, 0},
        {"qwen-research", TRO_LICENSE_RESEARCH_ONLY, 0},
        {"mistral research license", TRO_LICENSE_RESEARCH_ONLY, 0},
        {"MNPL-0.1", TRO_LICENSE_RESEARCH_ONLY, 0},
        {"NVIDIA Open Model License", TRO_LICENSE_USE_RESTRICTED, 0},
        {"Microsoft Research License", TRO_LICENSE_RESEARCH_ONLY, 0},
        {"jamba-open-model-license", TRO_LICENSE_USE_RESTRICTED, 0},
        {"glm-4", TRO_LICENSE_USE_RESTRICTED, 0},
        {"baichuan2-community-license", TRO_LICENSE_USE_RESTRICTED, 0},
        {"stability-ai-community", TRO_LICENSE_USE_RESTRICTED, 0},
        {"flux-1-dev-non-commercial-license", TRO_LICENSE_NON_COMMERCIAL, 0},
        {"AI2 ImpACT License for Low Risk Artifacts", TRO_LICENSE_USE_RESTRICTED, 0},
        {"impact-hr", TRO_LICENSE_USE_RESTRICTED, 0},
        {"coqui-public-model-license", TRO_LICENSE_NON_COMMERCIAL, 0},
        {"falcon-mamba-7b-license", TRO_LICENSE_USE_RESTRICTED, 0},
        {"LicenseRef-Commercial", TRO_LICENSE_UNKNOWN, 0},
        {"Some Custom License", TRO_LICENSE_UNKNOWN, 0},
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        int f = -1;
        tro_license_category c = cat_of(t[i].s, &f);
        if (c != t[i].c || f != t[i].free) {
            fprintf(stderr, "%s: category %s free %d, expected %s free %d\n", t[i].s,
                    tro_license_category_name(c), f, tro_license_category_name(t[i].c), t[i].free);
            CHECK(0);
        }
    }
}

TRO_TEST(license_lookup_flags)
{
    const char *id, *name;
    tro_license_category c;
    unsigned f;
    CHECK_INT(tro_license_lookup("mit", &id, &name, &c, &f), 0);
    CHECK_STR(id, "MIT");
    CHECK(f & TRO_LICENSE_OSI_APPROVED && f & TRO_LICENSE_MOF_OPEN && f & TRO_LICENSE_FREE);
    CHECK_INT(tro_license_lookup("CC-BY-4.0", NULL, NULL, NULL, &f), 0);
    CHECK(f & TRO_LICENSE_MOF_OPEN_DATA && f & TRO_LICENSE_FREE_FOR_DATA);
    CHECK(!(f & TRO_LICENSE_OSI_APPROVED));
    CHECK_INT(tro_license_lookup("CDLA-Permissive-2.0", NULL, NULL, NULL, &f), 0);
    CHECK(f & TRO_LICENSE_MOF_OPEN_DATA && !(f & TRO_LICENSE_FREE_FOR_SOFTWARE));
    CHECK_INT(tro_license_lookup("PDDL-1.0", NULL, NULL, NULL, &f), 0);
    CHECK(f & TRO_LICENSE_MOF_OPEN_DATA);
    CHECK_INT(tro_license_lookup("OGL-Canada-2.0", NULL, NULL, NULL, &f), 0);
    CHECK(f & TRO_LICENSE_MOF_OPEN_DATA);
    CHECK_INT(tro_license_lookup("GFDL-1.3-only", NULL, NULL, NULL, &f), 0);
    CHECK(f & TRO_LICENSE_MOF_OPEN_DATA);
    CHECK_INT(tro_license_lookup("OpenMDW-1.0", NULL, NULL, NULL, &f), 0);
    CHECK(f & TRO_LICENSE_MOF_OPEN && !(f & TRO_LICENSE_MOF_OPEN_DATA));
    CHECK_INT(tro_license_lookup("CC-BY-NC-4.0", NULL, NULL, NULL, &f), 0);
    CHECK(!(f & (TRO_LICENSE_MOF_OPEN | TRO_LICENSE_FREE | TRO_LICENSE_FREE_FOR_DATA)));
    CHECK_INT(tro_license_lookup("GPL-2.0+", &id, NULL, NULL, &f), 0);
    CHECK(f & TRO_LICENSE_DEPRECATED);
    CHECK_INT(tro_license_lookup("GPL-3.0-only", NULL, NULL, NULL, &f), 0);
    CHECK(f & TRO_LICENSE_FSF_LIBRE && f & TRO_LICENSE_OSI_APPROVED);
    CHECK_INT(tro_license_lookup("classpath-exception-2.0", &id, NULL, NULL, &f), 0);
    CHECK_STR(id, "Classpath-exception-2.0");
    CHECK(f & TRO_LICENSE_EXCEPTION);
    CHECK_INT(tro_license_lookup("LicenseRef-trulyopen-llama-3.1", &id, NULL, &c, &f), 0);
    CHECK_INT(c, TRO_LICENSE_USE_RESTRICTED);
    CHECK(!(f & (TRO_LICENSE_SPDX | TRO_LICENSE_FREE)));
    CHECK_INT(tro_license_lookup("No-Such-License", NULL, NULL, NULL, NULL), TRO_ENOTFOUND);
    CHECK_INT(tro_license_lookup(NULL, NULL, NULL, NULL, NULL), TRO_EINVAL);
    CHECK_STR(tro_license_category_name(TRO_LICENSE_NON_COMMERCIAL), "non-commercial");
    CHECK_STR(tro_license_category_name((tro_license_category)99), "unknown");
}

TRO_TEST(license_names)
{
    static const struct {
        const char *in, *out;
    } t[] = {
        {"Apache 2.0", "Apache-2.0"},
        {"Apache License 2.0", "Apache-2.0"},
        {"Apache License, Version 2.0", "Apache-2.0"},
        {"apache", "Apache-2.0"},
        {"  APACHE-2.0 ", "Apache-2.0"},
        {"MIT license", "MIT"},
        {"The MIT License", "MIT"},
        {"mit", "MIT"},
        {"CC BY 4.0", "CC-BY-4.0"},
        {"CC-BY-4.0", "CC-BY-4.0"},
        {"cc-by-nc-sa-4.0", "CC-BY-NC-SA-4.0"},
        {"Creative Commons Attribution-ShareAlike 4.0 International", "CC-BY-SA-4.0"},
        {"GPLv3", "GPL-3.0-only"},
        {"GPL-3.0+", "GPL-3.0-or-later"},
        {"GPL-3.0", "GPL-3.0-only"},
        {"gplv2+", "GPL-2.0-or-later"},
        {"LGPLv2.1", "LGPL-2.1-only"},
        {"BSD 3-Clause", "BSD-3-Clause"},
        {"bsd-2-clause", "BSD-2-Clause"},
        {"llama 3.1 community license", "LicenseRef-trulyopen-llama-3.1"},
        {"Llama 3.1 Community License Agreement", "LicenseRef-trulyopen-llama-3.1"},
        {"LLAMA 2 COMMUNITY LICENSE AGREEMENT", "LicenseRef-trulyopen-llama-2"},
        {"Gemma Terms of Use", "LicenseRef-trulyopen-gemma"},
        {"[cc-by-sa-3.0, gfdl]", "CC-BY-SA-3.0 AND LicenseRef-trulyopen-gfdl-family"},
        {"Apache 2.0 and MIT", "Apache-2.0 AND MIT"},
        {"MIT or Apache-2.0", "MIT OR Apache-2.0"},
        {"MIT/Apache-2.0", "MIT AND Apache-2.0"},
        {"GPL-2.0/llama2", "GPL-2.0-only AND LicenseRef-trulyopen-llama-2"},
        {"\"mit\"", "MIT"},
        {"", "LicenseRef-trulyopen-unknown"},
        {"unknown", "LicenseRef-trulyopen-unknown"},
        {"Some Custom License", "LicenseRef-trulyopen-custom"},
        {"LicenseRef-scancode-llama-2-license-2023", "LicenseRef-trulyopen-llama-2"},
        {"LicenseRef-scancode-bigscience-open-rail-m2", "LicenseRef-trulyopen-openrail-pp"},
        /* URLs */
        {"https://www.apache.org/licenses/LICENSE-2.0", "Apache-2.0"},
        {"http://www.apache.org/licenses/LICENSE-2.0.txt", "Apache-2.0"},
        {"https://opensource.org/licenses/MIT", "MIT"},
        {"https://opensource.org/licenses/mit-license.php", "MIT"},
        {"https://spdx.org/licenses/BSD-3-Clause.html", "BSD-3-Clause"},
        {"https://choosealicense.com/licenses/mpl-2.0/", "MPL-2.0"},
        {"https://www.gnu.org/licenses/gpl-3.0.html", "GPL-3.0-only"},
        {"https://www.gnu.org/licenses/old-licenses/lgpl-2.1.en.html", "LGPL-2.1-only"},
        {"https://www.gnu.org/licenses/agpl-3.0.en.html", "AGPL-3.0-only"},
        {"https://www.gnu.org/licenses/old-licenses/gpl-2.0.html", "GPL-2.0-only"},
        {"https://creativecommons.org/licenses/by/4.0/", "CC-BY-4.0"},
        {"https://creativecommons.org/licenses/by-nc-sa/4.0/legalcode", "CC-BY-NC-SA-4.0"},
        {"https://creativecommons.org/licenses/by/3.0/de/deed.de", "CC-BY-3.0-DE"},
        {"http://creativecommons.org/publicdomain/zero/1.0/legalcode", "CC0-1.0"},
        {"https://huggingface.co/meta-llama/Llama-2-7b-chat-hf/blob/main/LICENSE.txt",
         "LicenseRef-trulyopen-llama-2"},
        {"https://huggingface.co/meta-llama/Meta-Llama-3.1-70B-Instruct/blob/main/LICENSE",
         "LicenseRef-trulyopen-llama-3.1"},
        {"https://huggingface.co/google/gemma-7b/blob/main/LICENSE", "LicenseRef-trulyopen-gemma"},
        {"https://ai.google.dev/gemma/terms", "LicenseRef-trulyopen-gemma"},
        {"https://github.com/deepseek-ai/DeepSeek-V2/blob/main/LICENSE-MODEL",
         "LicenseRef-trulyopen-deepseek-1.0"},
        {"https://huggingface.co/Qwen/Qwen2.5-72B-Instruct/blob/main/LICENSE",
         "LicenseRef-trulyopen-qwen"},
        {"https://huggingface.co/Qwen/Qwen2.5-3B/resolve/main/LICENSE",
         "LicenseRef-trulyopen-qwen-research"},
        {"https://falconllm.tii.ae/falcon-mamba-7b-terms-and-conditions.html",
         "LicenseRef-trulyopen-falcon-mamba"},
        {"https://falconllm.tii.ae/falcon-terms-and-conditions.html",
         "LicenseRef-trulyopen-falcon"},
        {"https://huggingface.co/stabilityai/stable-diffusion-xl-base-1.0/blob/main/LICENSE.md",
         "LicenseRef-trulyopen-openrail-pp"},
        {"https://mistral.ai/licenses/MRL-0.1.md", "LicenseRef-trulyopen-mistral-mrl-0.1"},
        {"https://mistral.ai/licenses/MNPL-0.1.md", "LicenseRef-trulyopen-mistral-mnpl-0.1"},
        {"https://llama.meta.com/llama3/license/", "LicenseRef-trulyopen-llama-3"},
        {"https://openmdw.ai/license/1-0/", "OpenMDW-1.0"},
        {"https://example.com/my-license", "LicenseRef-trulyopen-custom"},
        {"opensource.org/licenses/BSD-2-Clause", "BSD-2-Clause"},
        {"huggingface.co/meta-llama/Llama-3.3-70B-Instruct/blob/main/LICENSE",
         "LicenseRef-trulyopen-llama-3.3"},
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        const char *got = expr_of(t[i].in);
        if (strcmp(got, t[i].out)) {
            fprintf(stderr, "'%s' -> '%s', expected '%s'\n", t[i].in, got, t[i].out);
            CHECK(0);
        }
    }
    char key[TROP_NAME_KEY_MAX];
    CHECK_INT(trop_name_key("The Apache License, Version 2.0", 31, key), 8);
    CHECK_STR(key, "apache 2");
    CHECK_INT(trop_name_key("GPLv3+", 6, key), 7);
    CHECK_STR(key, "gpl 3 +");
    CHECK_INT(trop_name_key("the licence", 11, key), 0);
}

TRO_TEST(license_grammar)
{
    static const struct {
        const char *in, *out;
    } ok[] = {
        {"MIT", "MIT"},
        {"mit", "MIT"},
        {"MIT OR Apache-2.0", "MIT OR Apache-2.0"},
        {"mit or apache-2.0", "MIT OR Apache-2.0"},
        {"LGPL-2.1-only OR BSD-3-Clause AND MIT", "LGPL-2.1-only OR BSD-3-Clause AND MIT"},
        {"(LGPL-2.1-only OR BSD-3-Clause) AND MIT", "(LGPL-2.1-only OR BSD-3-Clause) AND MIT"},
        {"((MIT))", "MIT"},
        {"GPL-2.0-or-later WITH Classpath-exception-2.0",
         "GPL-2.0-or-later WITH Classpath-exception-2.0"},
        {"gpl-2.0-only with classpath-exception-2.0", "GPL-2.0-only WITH Classpath-exception-2.0"},
        {"GPL-2.0 WITH Classpath-exception-2.0", "GPL-2.0-only WITH Classpath-exception-2.0"},
        {"GPL-2.0+", "GPL-2.0-or-later"},
        {"Apache-2.0+", "Apache-2.0+"},
        {"eCos-2.0", "GPL-2.0-or-later WITH eCos-exception-2.0"},
        {"LicenseRef-Commercial", "LicenseRef-Commercial"},
        {"licenseref-Foo.1", "LicenseRef-Foo.1"},
        {"DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2",
         "DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2"},
        {"GPL-3.0-only WITH AdditionRef-my-exception",
         "GPL-3.0-only WITH AdditionRef-my-exception"},
        {"MIT AND (Apache-2.0 OR (BSD-2-Clause AND ISC))",
         "MIT AND (Apache-2.0 OR BSD-2-Clause AND ISC)"},
        {"\tMIT\n AND\r\nISC ", "MIT AND ISC"},
    };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        trop_expr *e;
        tro_error err;
        int rc = trop_spdx_parse(ok[i].in, strlen(ok[i].in), &e, &err);
        CHECK_INT(rc, 0);
        if (rc) {
            fprintf(stderr, "  '%s': %s\n", ok[i].in, err.message);
            continue;
        }
        CHECK_INT(trop_expr_resolve(&e, 0), 0);
        char *s = trop_expr_print(e);
        CHECK_STR(s, ok[i].out);
        free(s);
        trop_expr_free(e);
    }
    static const struct {
        const char *in;
        int64_t off;
        int code;
    } bad[] = {
        {"", 0, TRO_EPARSE},
        {"   ", 3, TRO_EPARSE},
        {"MIT AND", 7, TRO_EPARSE},
        {"AND MIT", 0, TRO_EPARSE},
        {"MIT OR (Apache-2.0", 18, TRO_EPARSE},
        {"MIT)", 3, TRO_EPARSE},
        {"MIT Apache-2.0", 4, TRO_EPARSE},
        {"MIT And ISC", 4, TRO_EPARSE},
        {"MIT aNd ISC", 4, TRO_EPARSE},
        {"MIT WITH", 8, TRO_EPARSE},
        {"(MIT OR ISC) WITH Classpath-exception-2.0", 13, TRO_EPARSE},
        {"LicenseRef-", 0, TRO_EPARSE},
        {"LicenseRef-a+", 0, TRO_EPARSE},
        {"DocumentRef-x", 0, TRO_EPARSE},
        {"DocumentRef-x:MIT", 0, TRO_EPARSE},
        {"AdditionRef-x", 0, TRO_EPARSE},
        {"M+T", 0, TRO_EPARSE},
        {"MIT/ISC", 3, TRO_EPARSE},
        {"MIT\x01", 3, TRO_EPARSE},
        {"()", 1, TRO_EPARSE},
        {"MIT OR OR ISC", 7, TRO_EPARSE},
        {"caf\xc3\xa9", 3, TRO_EPARSE},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        trop_expr *e = NULL;
        tro_error err = {0, "", -1};
        int rc = trop_spdx_parse(bad[i].in, strlen(bad[i].in), &e, &err);
        if (rc != bad[i].code || err.offset != bad[i].off) {
            fprintf(stderr, "'%s': rc %d offset %lld (%s), expected %d at %lld\n", bad[i].in, rc,
                    (long long)err.offset, err.message, bad[i].code, (long long)bad[i].off);
            CHECK(0);
        }
        CHECK(e == NULL);
        CHECK_CONTAINS(err.message, "at byte");
    }
    /* NUL inside the length */
    trop_expr *e = NULL;
    tro_error err;
    CHECK_INT(trop_spdx_parse("MIT\0ISC", 7, &e, &err), TRO_EPARSE);
    CHECK_INT(err.offset, 3);
    /* depth, length and term limits */
    char deep[200];
    memset(deep, '(', 65);
    strcpy(deep + 65, "MIT");
    memset(deep + 68, ')', 65);
    deep[133] = '\0';
    CHECK_INT(trop_spdx_parse(deep, strlen(deep), &e, &err), TRO_ELIMIT);
    char *big = malloc(TROP_EXPR_MAX_LEN + 2);
    memset(big, 'A', TROP_EXPR_MAX_LEN + 1);
    big[TROP_EXPR_MAX_LEN + 1] = '\0';
    CHECK_INT(trop_spdx_parse(big, strlen(big), &e, &err), TRO_ELIMIT);
    tro_license_result *r = NULL;
    CHECK_INT(tro_license_classify(big, &r, &err), TRO_ELIMIT);
    CHECK(r == NULL);
    size_t n = 0;
    for (int i = 0; i < 1100; i++)
        n += (size_t)sprintf(big + n, "%sMIT", i ? " OR " : "");
    CHECK_INT(trop_spdx_parse(big, n, &e, &err), TRO_ELIMIT);
    free(big);
    /* error positions through the public API, after trimming */
    CHECK_STR(expr_of("  MIT AND"), "ERROR:9");
    CHECK_STR(expr_of("MIT OR (Apache-2.0"), "ERROR:18");
    CHECK_INT(tro_license_classify(NULL, &r, NULL), TRO_EINVAL);
}

TRO_TEST(license_evaluation)
{
    static const struct {
        const char *s;
        int free, data, sw;
        tro_license_category c;
    } t[] = {
        {"Apache-2.0 OR LicenseRef-Commercial", 1, 1, 1, TRO_LICENSE_PERMISSIVE},
        {"Apache-2.0 AND LicenseRef-Commercial", 0, 0, 0, TRO_LICENSE_UNKNOWN},
        {"MIT AND CC-BY-NC-4.0", 0, 0, 0, TRO_LICENSE_NON_COMMERCIAL},
        {"CC-BY-NC-4.0 OR MIT", 1, 1, 1, TRO_LICENSE_PERMISSIVE},
        {"GPL-2.0-or-later WITH Classpath-exception-2.0", 1, 1, 1, TRO_LICENSE_COPYLEFT},
        {"GPL-3.0-only WITH AdditionRef-unknown", 0, 0, 0, TRO_LICENSE_UNKNOWN},
        {"MIT WITH GPL-2.0+", 1, 1, 1, TRO_LICENSE_COPYLEFT},
        {"Apache-2.0 WITH Commons-Clause", 0, 0, 0, TRO_LICENSE_PROPRIETARY},
        {"llama3.1 OR CC-BY-NC-4.0", 0, 0, 0, TRO_LICENSE_USE_RESTRICTED},
        {"CDLA-Permissive-2.0", 1, 1, 0, TRO_LICENSE_OPEN_DATA},
        {"CC-BY-4.0 AND MIT", 1, 1, 0, TRO_LICENSE_OPEN_DATA}, /* CC BY is not for software */
        {"MIT AND (GPL-3.0-only OR llama2)", 1, 1, 1, TRO_LICENSE_COPYLEFT},
        {"DocumentRef-x:LicenseRef-y", 0, 0, 0, TRO_LICENSE_UNKNOWN},
        /* AND binds tighter than OR: MIT OR (CC-BY-NC-4.0 AND llama2) */
        {"MIT OR CC-BY-NC-4.0 AND llama2", 1, 1, 1, TRO_LICENSE_PERMISSIVE},
        {"llama2 AND CC-BY-NC-4.0 OR MIT", 1, 1, 1, TRO_LICENSE_PERMISSIVE},
        {"(MIT OR CC-BY-NC-4.0) AND llama2", 0, 0, 0, TRO_LICENSE_USE_RESTRICTED},
        {"mit or cc-by-nc-4.0 and llama2", 1, 1, 1, TRO_LICENSE_PERMISSIVE},
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        tro_license_result *r;
        CHECK_INT(tro_license_classify(t[i].s, &r, NULL), 0);
        if (!r)
            continue;
        if (tro_license_result_is_free(r) != t[i].free ||
            tro_license_result_is_free_for_data(r) != t[i].data ||
            tro_license_result_is_free_for_software(r) != t[i].sw ||
            tro_license_result_category(r) != t[i].c) {
            fprintf(stderr, "%s: free %d data %d sw %d %s\n", t[i].s, tro_license_result_is_free(r),
                    tro_license_result_is_free_for_data(r),
                    tro_license_result_is_free_for_software(r),
                    tro_license_category_name(tro_license_result_category(r)));
            CHECK(0);
        }
        tro_license_result_free(r);
    }
    tro_license_result *r;
    CHECK_INT(tro_license_classify("Apache-2.0 OR LicenseRef-Commercial", &r, NULL), 0);
    CHECK_INT(tro_license_result_count(r), 2);
    CHECK_STR(tro_license_result_id(r, 1), "LicenseRef-Commercial");
    CHECK_INT(tro_license_result_license_category(r, 1), TRO_LICENSE_UNKNOWN);
    CHECK(tro_license_result_id(r, 2) == NULL);
    CHECK_CONTAINS(tro_license_result_reason(r), "free under Apache-2.0");
    char *json;
    size_t len;
    CHECK_INT(tro_license_result_json(r, &json, &len), 0);
    CHECK_INT(len, strlen(json));
    CHECK_CONTAINS(json, "\"expression\": \"Apache-2.0 OR LicenseRef-Commercial\"");
    CHECK_CONTAINS(json, "\"free_for_data\": true");
    CHECK_CONTAINS(json, "\"licenses\": [");
    tro_free(json);
    tro_license_result_free(r);
    CHECK_INT(tro_license_classify("CC-BY-NC-4.0", &r, NULL), 0);
    CHECK_CONTAINS(tro_license_result_reason(r), "non-commercial");
    tro_license_result_free(r);
    tro_license_result_free(NULL);
}

TRO_TEST(license_hf)
{
    static const struct {
        const char *lic, *name, *link, *expr;
        int free;
    } t[] = {
        {"other", "deepseek", "https://github.com/deepseek-ai/DeepSeek-V2/blob/main/LICENSE-MODEL",
         "LicenseRef-trulyopen-deepseek-1.0", 0},
        {"other", "falcon-mamba-7b-license",
         "https://falconllm.tii.ae/falcon-mamba-7b-terms-and-conditions.html",
         "LicenseRef-trulyopen-falcon-mamba", 0},
        {"other", "my-license-1.0",
         "https://falconllm.tii.ae/falcon-mamba-7b-terms-and-conditions.html",
         "LicenseRef-trulyopen-falcon-mamba", 0},
        {"other", "apple-sample-code-license", "LICENSE", "AML", 1},
        {"other", "coqui-public-model-license", "https://coqui.ai/cpml",
         "LicenseRef-trulyopen-coqui-cpml", 0},
        {"other", "tongyi-qianwen", NULL, "LicenseRef-trulyopen-tongyi-qianwen", 0},
        {"other", "my-own-license", "LICENSE", "LicenseRef-trulyopen-other", 0},
        {"other", NULL, NULL, "LicenseRef-trulyopen-other", 0},
        {NULL, "baichuan2-community-license", NULL, "LicenseRef-trulyopen-baichuan-2", 0},
        {"apache-2.0", NULL, "https://huggingface.co/Qwen/Qwen2.5-7B/blob/main/LICENSE",
         "Apache-2.0", 1},
        {"llama3.2", NULL, NULL, "LicenseRef-trulyopen-llama-3.2", 0},
        {"[other]", "qwen-research", NULL, "LicenseRef-trulyopen-qwen-research", 0},
        {" Other ", NULL, "https://mistral.ai/licenses/MNPL-0.1.md",
         "LicenseRef-trulyopen-mistral-mnpl-0.1", 0},
        /* a family without its version: the link's licence, unless it is free
         * where the family is not */
        {NULL, "CC-BY-NC", "https://creativecommons.org/licenses/by-nc/4.0/deed.en", "CC-BY-NC-4.0",
         0},
        {NULL, "CC-BY-NC", "https://cohere.com/c4ai-cc-by-nc-license",
         "LicenseRef-trulyopen-cohere-c4ai-nc", 0},
        {NULL, "CC BY", "https://creativecommons.org/licenses/by/4.0/", "CC-BY-4.0", 1},
        {NULL, "CC BY", "https://creativecommons.org/licenses/by-nc/4.0/", "CC-BY-NC-4.0", 0},
        {NULL, "CC-BY-NC", "https://opensource.org/licenses/MIT",
         "LicenseRef-trulyopen-cc-by-nc-family", 0},
        {NULL, "GPL", "https://www.gnu.org/licenses/gpl-3.0.html", "GPL-3.0-only", 1},
        {NULL, "CC-BY-NC", "https://example.com/terms", "LicenseRef-trulyopen-cc-by-nc-family", 0},
        /* a licence site's page the table does not know: the family says too little */
        {NULL, "CC BY", "https://creativecommons.org/licenses/by-nc/5.0/",
         "LicenseRef-trulyopen-other", 0},
        {NULL, "CC BY", "creativecommons.org/licenses/by-nc/4.0", "CC-BY-NC-4.0", 0},
        {NULL, "CC BY", "https://creativecommons.org/licenses/by-nc/",
         "LicenseRef-trulyopen-cc-by-nc-family", 0},
        /* a free licence named and a link to one that is not: both */
        {"other", "MIT", "https://creativecommons.org/licenses/by-nc/4.0/", "MIT AND CC-BY-NC-4.0",
         0},
        {NULL, "CC BY", "https://creativecommons.org:443/licenses/by-nc/4.0/", "CC-BY-NC-4.0", 0},
        /* a link whose own words restrict adds the restriction to a free licence */
        {"other", "MIT", "https://example.com/noncommercial-terms",
         "MIT AND LicenseRef-trulyopen-non-commercial", 0},
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        tro_license_result *r;
        CHECK_INT(tro_license_classify_hf(t[i].lic, t[i].name, t[i].link, &r, NULL), 0);
        if (!r)
            continue;
        CHECK_STR(tro_license_result_expression(r), t[i].expr);
        CHECK_INT(tro_license_result_is_free(r), t[i].free);
        tro_license_result_free(r);
    }
    tro_license_result *r;
    CHECK_INT(tro_license_classify_hf("other", "x", "LICENSE", &r, NULL), 0);
    CHECK_CONTAINS(tro_license_result_reason(r), "--file");
    tro_license_result_free(r);
}

/* ---- Identification ----------------------------------------------------- */

/* The MIT licence, the free licence most often added to. */
static const char mit[] =
    "Permission is hereby granted, free of charge, to any person obtaining a copy of this "
    "software and associated documentation files (the \"Software\"), to deal in the Software "
    "without restriction, including without limitation the rights to use, copy, modify, "
    "merge, publish, distribute, sublicense, and/or sell copies of the Software, and to "
    "permit persons to whom the Software is furnished to do so, subject to the following "
    "conditions:\n\nThe above copyright notice and this permission notice shall be included "
    "in all copies or substantial portions of the Software.\n\nTHE SOFTWARE IS PROVIDED "
    "\"AS IS\", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED "
    "TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND "
    "NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY "
    "CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, "
    "ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN "
    "THE SOFTWARE.\n\n";

static tro_license_result *ident(const tro_license_db *db, const char *text)
{
    tro_license_result *r = NULL;
    tro_error err;
    CHECK_INT(tro_license_identify(db, text, strlen(text), &r, &err), 0);
    return r;
}

static bool has_evidence(const tro_license_result *r, const char *kind, const char *text,
                         int64_t offset)
{
    for (size_t i = 0; i < tro_license_result_evidence_count(r); i++) {
        const char *k, *t;
        int64_t off;
        tro_license_result_evidence(r, i, &k, &t, &off);
        if (!strcmp(k, kind) && strstr(t, text) && (offset < 0 || off == offset))
            return true;
    }
    return false;
}

TRO_TEST(license_identify)
{
    tro_license_result *r =
        ident(NULL, "/* SPDX-License-Identifier: Apache-2.0 OR MIT */\nint x;\n");
    CHECK_STR(tro_license_result_expression(r), "Apache-2.0 OR MIT");
    CHECK(tro_license_result_confidence(r) == 1.0);
    CHECK(has_evidence(r, "spdx-identifier", "SPDX-License-Identifier: Apache-2.0 OR MIT", 3));
    tro_license_result_free(r);

    r = ident(NULL, "The Frobnicator Licence\n\nYou may use this model for non-commercial "
                    "purposes only. Redistribution is permitted.\n");
    CHECK_INT(tro_license_result_category(r), TRO_LICENSE_NON_COMMERCIAL);
    CHECK(!tro_license_result_is_free(r));
    CHECK(has_evidence(r, "clause", "for non-commercial purposes only", 25));
    CHECK_CONTAINS(tro_license_result_reason(r), "byte 52");
    tro_license_result_free(r);

    r = ident(NULL, "Model terms\n\nThe model may be used solely for academic research. You agree "
                    "not to use the Model in any way that violates any applicable law.\n");
    CHECK_INT(tro_license_result_category(r), TRO_LICENSE_RESEARCH_ONLY);
    CHECK(has_evidence(r, "clause", "academic research", -1));
    CHECK(has_evidence(r, "clause", "violates any applicable", -1));
    tro_license_result_free(r);

    r = ident(NULL, "Acme Model License\nIf your products have more than 100 million monthly "
                    "active users, you must request a license from Acme.\n");
    CHECK_INT(tro_license_result_category(r), TRO_LICENSE_USE_RESTRICTED);
    CHECK(!tro_license_result_is_free(r));
    tro_license_result_free(r);

    /* a free licence's title with a restriction added is not free */
    r = ident(NULL, "MIT License\n\nPermission is hereby granted, free of charge, to any person "
                    "obtaining a copy of this software, for non-commercial use only.\n");
    CHECK(!tro_license_result_is_free(r));
    CHECK_INT(tro_license_result_category(r), TRO_LICENSE_NON_COMMERCIAL);
    CHECK_CONTAINS(tro_license_result_reason(r), "identified as MIT");
    tro_license_result_free(r);

    /* the Commons Clause added to a free licence's title (the full text is
     * in test_license_text) */
    r = ident(NULL, "Apache License\nVersion 2.0, January 2004\n\n\"Commons Clause\" License "
                    "Condition v1.0\nthe License does not grant to you, the right to Sell the "
                    "Software.\n");
    CHECK_INT(tro_license_result_category(r), TRO_LICENSE_PROPRIETARY);
    CHECK(!tro_license_result_is_free(r));
    CHECK_CONTAINS(tro_license_result_expression(r), "commons-clause");
    tro_license_result_free(r);
    r = ident(NULL, "Weights terms\nThe weights shall not be used for commercial purposes.\n");
    CHECK_INT(tro_license_result_category(r), TRO_LICENSE_NON_COMMERCIAL);
    tro_license_result_free(r);

    /* free grants that mention commercial use stay free */
    r = ident(NULL, "This is free and unencumbered software released into the public domain.\n"
                    "Anyone is free to use it for any purpose, commercial or non-commercial.\n"
                    "IN NO EVENT SHALL THE AUTHORS BE LIABLE FOR COMMERCIAL DAMAGES.\n");
    CHECK_STR(tro_license_result_expression(r), "Unlicense");
    CHECK(tro_license_result_is_free(r));
    tro_license_result_free(r);

    r = ident(NULL, "Permission is hereby granted, free of charge, to any person obtaining a copy "
                    "of this software. The above copyright notice and this permission notice "
                    "shall be included in all copies. MERCHANTABILITY.\n");
    CHECK_STR(tro_license_result_expression(r), "MIT");
    CHECK(tro_license_result_is_free(r));
    CHECK(has_evidence(r, "fingerprint", "Permission is hereby granted", 0));
    tro_license_result_free(r);

    /* a restriction added to a free licence's full text is found, also
     * written around clauses free licences share (no endorsement, names in
     * advertising, "for written permission, contact", "commercial and
     * non-commercial use") */
    static const char *const extra[] = {
        "The software may not be used for commercial purposes without specific prior written "
        "permission.\n",
        "The names of the authors may not be used in advertising, and the software may not be "
        "used in weapons.\n",
        "For written permission to use it in production, please contact the authors; "
        "production use is not permitted.\n",
        "You may not use the Software or its name in any product that is sold.\n",
        "Use, including commercial use, requires a paid licence from the author.\n",
        "Commercial and non-commercial use of the Software requires a paid licence.\n",
        "Any use requires a licence fee. For written permission, please contact the author.\n",
        "The Software may not be sold, hosted as a service, or used to promote products without "
        "specific prior written permission.\n",
        /* restrictions made of the licence's own words */
        "Neither the name of the copyright holder nor the Software may be used by any government "
        "agency.\n",
        "This permission notice shall be included in all copies; the Software shall not be "
        "sold.\n",
        "You may not sell the Software.\n",
        "The Software is not for sale.\n",
        /* restrictions no clause rule knows, with a word that limits */
        "The Software may be used only by individuals.\n",
        "Companies with more than ten employees must obtain a separate license.\n",
        "This license expires on 31 December 2027.\n",
        "The copyright holders may revoke this license at any time.\n",
        "Any person obtaining a copy of this software agrees to pay a royalty of 5% of revenue.\n",
        "Permission is granted to use the Software, but not to copy, modify or distribute it.\n",
        "No permission is granted to use the Software for any purpose other than study.\n",
        "Persons located in China may not use the Software.\n",
        "The model weights are licensed separately under CC BY-NC 4.0.\n",
        /* inside a disclaimer, in another language or script */
        "THE SOFTWARE IS PROVIDED FOR NON-PROFIT USE ONLY AND WITHOUT WARRANTY OF ANY KIND.\n",
        "Die kommerzielle Nutzung ist untersagt.\n",
        "\xe7\xa6\x81\xe6\xad\xa2\xe5\x95\x86\xe4\xb8\x9a\xe4\xbd\xbf\xe7\x94\xa8 "
        "\xe6\x9c\xac\xe8\xbd\xaf\xe4\xbb\xb6\xe3\x80\x82\n",
        "Students only.\n",
        /* scope: how many, where, for how long */
        "The Software may be installed on at most three computers.\n",
        "This grant extends to users located in Canada.\n",
    };
    for (size_t i = 0; i < sizeof extra / sizeof extra[0]; i++) {
        char text[4096];
        snprintf(text, sizeof text, "%s%s", mit, extra[i]);
        r = ident(NULL, text);
        if (tro_license_result_is_free(r))
            fprintf(stderr, "MIT + '%s': %s\n", extra[i], tro_license_result_expression(r));
        CHECK(!tro_license_result_is_free(r));
        CHECK_CONTAINS(tro_license_result_reason(r), "identified as MIT");
        tro_license_result_free(r);
    }
    /* a restriction on a copyright line, which the words to match leave out */
    {
        char text[4096];
        snprintf(text, sizeof text,
                 "Copyright (c) 2024 Acme Corp. For non-commercial use only.\n\n%s", mit);
        r = ident(NULL, text);
        CHECK(!tro_license_result_is_free(r));
        /* the line's statement is left out, what it says after is read */
        CHECK(has_evidence(r, "clause", "For non-commercial use only.", 30));
        tro_license_result_free(r);
        snprintf(text, sizeof text,
                 "Copyright (c) 2024 Acme Corp. Companies must pay a separate fee.\n\n%s", mit);
        r = ident(NULL, text);
        CHECK(!tro_license_result_is_free(r));
        tro_license_result_free(r);
        /* a holder's name with a limiting word in it is a name */
        snprintf(text, sizeof text, "Copyright (c) 2024 Private Internet Business Ltd.\n\n%s", mit);
        r = ident(NULL, text);
        CHECK_STR(tro_license_result_expression(r), "MIT");
        tro_license_result_free(r);
        snprintf(text, sizeof text, "Copyright (c) 2024 Acme Corp. All rights reserved.\n\n%s",
                 mit);
        r = ident(NULL, text);
        CHECK_STR(tro_license_result_expression(r), "MIT");
        tro_license_result_free(r);
    }
    /* a text known by its title: only strong words count, so the standard
     * notice's "you may not use this file except..." does not */
    r = ident(NULL, "MIT License\n\nCopyright (c) 2024 Acme\n\nThis licence expires on 1 "
                    "January 2027.\n");
    CHECK(!tro_license_result_is_free(r));
    tro_license_result_free(r);
    r = ident(NULL, "SPDX-License-Identifier: Apache-2.0\n\nLicensed under the Apache License, "
                    "Version 2.0 (the \"License\"); you may not use these files except in "
                    "compliance with the License.\n");
    CHECK_STR(tro_license_result_expression(r), "Apache-2.0");
    tro_license_result_free(r);
    /* what a free licence's file often adds, and limits nothing */
    static const char *const benign[] = {
        "This software is maintained by the Foo team.\n",
        "See the NOTICE file for the list of contributors.\n",
        "Portions of this software were written by Jane Doe.\n",
        "If you use this software in research, please cite our paper.\n",
        "THE AUTHORS ARE NOT LIABLE FOR ANY MISUSE OF THE SOFTWARE.\n",
        "This program is distributed in the hope that it will be useful; if not, write to the "
        "authors.\n",
    };
    for (size_t i = 0; i < sizeof benign / sizeof benign[0]; i++) {
        char text[4096];
        snprintf(text, sizeof text, "%s%s", mit, benign[i]);
        r = ident(NULL, text);
        if (!tro_license_result_is_free(r))
            fprintf(stderr, "MIT + '%s': %s\n", benign[i], tro_license_result_expression(r));
        CHECK_STR(tro_license_result_expression(r), "MIT");
        tro_license_result_free(r);
    }

    r = ident(NULL, "Licensed under the terms at https://www.apache.org/licenses/LICENSE-2.0.\n");
    CHECK_STR(tro_license_result_expression(r), "Apache-2.0");
    CHECK(tro_license_result_confidence(r) < 0.9);
    tro_license_result_free(r);

    r = ident(NULL, "Whatever you like, friend.\n");
    CHECK_STR(tro_license_result_expression(r), "LicenseRef-trulyopen-custom");
    CHECK_INT(tro_license_result_category(r), TRO_LICENSE_UNKNOWN);
    CHECK(tro_license_result_confidence(r) == 0);
    tro_license_result_free(r);

    r = ident(NULL, "");
    CHECK_INT(tro_license_result_category(r), TRO_LICENSE_UNKNOWN);
    tro_license_result_free(r);

    /* malformed inputs: binary, invalid UTF-8, NULs, huge */
    static const char junk[] = "\xff\xfe\x00\x01SPDX-License-Identifier: (((\n\xc3(\x80 non";
    CHECK_INT(tro_license_identify(NULL, junk, sizeof junk - 1, &r, NULL), 0);
    CHECK(!tro_license_result_is_free(r));
    tro_license_result_free(r);
    CHECK_INT(tro_license_identify(NULL, NULL, 5, &r, NULL), TRO_EINVAL);
    CHECK_INT(tro_license_identify(NULL, "x", (size_t)TROP_TEXT_MAX_LEN + 1, &r, NULL), TRO_ELIMIT);
}

static tro_license_result *ident_strict(const char *text)
{
    tro_license_result *r = NULL;
    tro_error err;
    CHECK_INT(tro_license_identify_ex(NULL, text, strlen(text), TRO_IDENTIFY_STRICT, &r, &err), 0);
    return r;
}

/* Additions to a free licence that hold no word a restriction is known by:
 * words of terms the licence does not explain, a grant with a word changed
 * or dropped, a title that makes the licence a variant, a copyright line
 * that says more than whose the work is, hidden characters; and what a
 * LICENSE file adds that limits nothing. */
TRO_TEST(license_identify_terms)
{
    char text[4096];
    tro_license_result *r;
    static const char *const added[] = {
        "The Model may be used for video game development.\n",
        "These permissions continue at the pleasure of Example Labs.\n",
        "This grant stays in force for two years.\n",
        "All outputs generated by the Model are the property of Example Labs.\n",
        "This l\xc4\xb1"
        "cence exp\xc4\xb1"
        "res on 2026-12-31.\n",                                        /* dotless i */
        "Licensed exclu\xe2\x81\xa0sively to Hooli Inc. employees.\n", /* word joiner */
        "Only for aca\xc2\xad"
        "demic use.\n", /* soft hyphen */
        "Uitsluitend voor priv\xc3\xa9gebruik.\n",
        "Publishing forks of this software is disallowed.\n",
        "NC\n",                                       /* the Creative Commons mark */
        "This licence ex-\npires on 30 June 2026.\n", /* a word split over a line */
        "Please send Acme Corp 5% of the income you earn from this software.\n",
        "\xe6\x9c\xac\xe6\xa8\xa1\xe5\x9e\x8b\xe4\xbb\x85\xe4\xbe\x9b\xe5\xad\xa6\xe6\x9c\xaf\xe7"
        "\xa0"
        "\x94\xe7\xa9\xb6\xe4\xbd\xbf\xe7\x94\xa8\xe3\x80\x82\n", /* one CJK run: research only */
    };
    for (size_t i = 0; i < sizeof added / sizeof added[0]; i++) {
        snprintf(text, sizeof text, "%s\n%s", mit, added[i]);
        r = ident(NULL, text);
        if (tro_license_result_is_free(r))
            fprintf(stderr, "MIT + '%s': %s\n", added[i], tro_license_result_expression(r));
        CHECK_STR(tro_license_result_expression(r), "MIT AND LicenseRef-trulyopen-custom");
        CHECK_CONTAINS(tro_license_result_reason(r), "identified as MIT");
        tro_license_result_free(r);
    }
    /* a copyright line whose holders are followed by terms, with or
     * without a year, and after a full stop or not */
    static const char *const lines[] = {
        "Copyright (c) 2024 Acme Corp, licensed to Acme Corp staff",
        "(c) Acme Corp -- licence expires 31 December 2026",
        "Copyright 2024 Acme Corp -- for personal and educational use",
        "Copyright (c) 2024 Acme Corp, grant ends 2027",
        "Copyright (c) 2024 Acme Labs. These rights lapse eighteen months after download.",
    };
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
        snprintf(text, sizeof text, "%s\n\n%s", lines[i], mit);
        r = ident(NULL, text);
        if (tro_license_result_is_free(r))
            fprintf(stderr, "'%s' + MIT: %s\n", lines[i], tro_license_result_expression(r));
        CHECK(!tro_license_result_is_free(r));
        tro_license_result_free(r);
    }
    /* the grant narrowed by a word changed, dropped or put in */
    static const char *const grants[][2] = {
        {"to any person obtaining", "to any Canadian obtaining"},
        {"copy, modify, merge", "copy, merge"},
        {"to any person obtaining", "to any person (other than a competitor of Acme) obtaining"},
        {"without restriction", "without restriction within the European Union"},
        {"to deal in the Software", "to deal in the Software (on up to two machines)"},
        {"to any person obtaining", "to any student obtaining"},
    };
    for (size_t i = 0; i < sizeof grants / sizeof grants[0]; i++) {
        const char *at = strstr(mit, grants[i][0]);
        CHECK(at != NULL);
        if (!at)
            continue;
        snprintf(text, sizeof text, "%.*s%s%s", (int)(at - mit), mit, grants[i][1],
                 at + strlen(grants[i][0]));
        r = ident(NULL, text);
        if (tro_license_result_is_free(r))
            fprintf(stderr, "MIT with '%s': %s\n", grants[i][1], tro_license_result_expression(r));
        CHECK(!tro_license_result_is_free(r));
        tro_license_result_free(r);
    }
    /* titles: a variant of the licence, or its own name */
    static const char *const variants[] = {"Hobbyist MIT License", "MIT License (Trial)",
                                           "MIT License + NoAI", "MIT License (home edition)"};
    for (size_t i = 0; i < sizeof variants / sizeof variants[0]; i++) {
        snprintf(text, sizeof text, "%s\n\n%s", variants[i], mit);
        r = ident(NULL, text);
        CHECK(!tro_license_result_is_free(r));
        CHECK(has_evidence(r, "clause", variants[i], 0));
        tro_license_result_free(r);
    }
    /* what limits nothing stays MIT, and, strict, what is fully explained */
    static const struct {
        const char *text;
        bool strict_free;
    } benign[] = {
        {"The MIT License (MIT)\n\nCopyright (c) 2019 Jane Doe <jane@example.org>\n\n", true},
        {"SPDX-License-Identifier: MIT\n\n", true},
        {"Copyright (c) 2024 Vistula Data sp. z o.o.\n\n", true},
        {"https://opensource.org/licenses/MIT\n\n", true},
        {"Acme Corp, 1 Main Street, Raleigh, NC 27601\n\n", false},
        {"The MIT licence of this project\nwas chosen by its authors.\n\n", false},
        {"Copyright (c) 2022 The Foo Authors. All rights reserved.\n\n", true},
        {"Report bugs at https://github.com/acme/widget/issues.\n\n", true},
        {"Last updated: March 2024\n\n", true},
        {"This file is part of Widget.\n\n", true},
        {"Thanks to Wayne Enterprises for sponsoring this work.\n\n", false},
        {"Contact: Example Labs, 123 Main Street, Springfield, USA\n\n", false},
        {"This project is not affiliated with or endorsed by Example Corp.\n\n", false},
        {"Maintained by the Build Team.\n\n", false},
    };
    for (size_t i = 0; i < sizeof benign / sizeof benign[0]; i++) {
        snprintf(text, sizeof text, "%s%s", benign[i].text, mit);
        r = ident(NULL, text);
        if (!tro_license_result_is_free(r))
            fprintf(stderr, "'%s' + MIT: %s\n", benign[i].text, tro_license_result_expression(r));
        CHECK_STR(tro_license_result_expression(r), "MIT");
        tro_license_result_free(r);
        r = ident_strict(text);
        if (tro_license_result_is_free(r) != benign[i].strict_free)
            fprintf(stderr, "strict: '%s' + MIT: %s\n", benign[i].text,
                    tro_license_result_expression(r));
        CHECK_INT(tro_license_result_is_free(r), benign[i].strict_free);
        tro_license_result_free(r);
    }
    /* strict: a word nobody explained is unknown; a name is a name */
    r = ident_strict(mit);
    CHECK_STR(tro_license_result_expression(r), "MIT");
    tro_license_result_free(r);
    snprintf(text, sizeof text, "%s\nThe Acme Widget Team.\n", mit);
    r = ident_strict(text);
    CHECK_STR(tro_license_result_expression(r), "MIT");
    tro_license_result_free(r);
    snprintf(text, sizeof text, "%s\nThe Acme Widget Team wishes you well.\n", mit);
    r = ident(NULL, text);
    CHECK_STR(tro_license_result_expression(r), "MIT");
    tro_license_result_free(r);
    r = ident_strict(text);
    CHECK_STR(tro_license_result_expression(r), "MIT AND LicenseRef-trulyopen-custom");
    CHECK(has_evidence(r, "clause", "The Acme Widget Team wishes you well.",
                       (int64_t)strlen(mit) + 1));
    tro_license_result_free(r);
    /* a flag the library does not know */
    CHECK_INT(tro_license_identify_ex(NULL, mit, strlen(mit), 1u << 7, &r, NULL), TRO_EINVAL);
    CHECK_INT(tro_license_identify_ex(NULL, mit, strlen(mit), 0, &r, NULL), 0);
    CHECK_STR(tro_license_result_expression(r), "MIT");
    tro_license_result_free(r);
}

/* text with the first from replaced by to, into out */
static bool replace_in(char *out, size_t n, const char *text, const char *from, const char *to)
{
    const char *at = strstr(text, from);
    if (!at)
        return false;
    snprintf(out, n, "%.*s%s%s", (int)(at - text), text, to, at + strlen(from));
    return true;
}

/* Restrictions written in few words, put in as asides, as forms, or as a
 * grant's words left out; and what looks like them but limits nothing. */
TRO_TEST(license_identify_asides)
{
    char text[16384];
    tro_license_result *r;
    /* sentences added after MIT */
    static const char *const added[] = {
        "This software is for use with Acme Corp printers.\n",
        "This software is meant for Globex routers.\n",
        "Licencja wygasa 31 grudnia 2026 r.\n", /* a language with no word list */
        "O uso deste software \xc3\xa9 restrito a fins de pesquisa.\n",
        "Subject to the terms at https://example.com/legal/use-policy.\n",
        "Licensed to: Hooli Inc., 1 Hacker Way, Palo Alto, CA 94301 (single site)\n",
        "Licence key: ACME-EDU-2025-7731\n",
        "Permission is hereby granted, free of charge, to any person enrolled at Acme "
        "University.\n",
        "BSD-3-Clause-Edu\n", /* a title naming another licence, not free */
        "MIT License + Hooli Inc. Fair Usage Terms\n",
    };
    /* a copyright line whose holders are written in a script without spaces
     * or another than Latin, with a word that limits */
    static const char *const foreign_lines[] = {
        "Copyright (c) 2022 \xe6\xa0\xaa\xe5\xbc\x8f\xe4\xbc\x9a\xe7\xa4\xbe "
        "\xe5\x95\x86\xe7\x94\xa8\xe5\x88\xa9\xe7\x94\xa8\xe7\xa6\x81\xe6\xad\xa2", /* 株式会社
                                                                                       商用利用禁止
                                                                                     */
        "Copyright (c) 2024 \xd0\x9e\xd0\x9e\xd0\x9e "
        "\xd0\xa0\xd0\xbe\xd0\xbc\xd0\xb0\xd1\x88\xd0\xba\xd0\xb0, "
        "\xd1\x82\xd0\xbe\xd0\xbb\xd1\x8c\xd0\xba\xd0\xbe", /* ООО Ромашка, только */
    };
    for (size_t i = 0; i < sizeof foreign_lines / sizeof foreign_lines[0]; i++) {
        snprintf(text, sizeof text, "%s\n\n%s", foreign_lines[i], mit);
        r = ident(NULL, text);
        CHECK(!tro_license_result_is_free(r));
        tro_license_result_free(r);
        /* the holders alone are a name */
        snprintf(text, sizeof text, "%.*s\n\n%s",
                 (int)(strchr(foreign_lines[i] + 19, ' ') - foreign_lines[i]), foreign_lines[i],
                 mit);
        r = ident(NULL, text);
        CHECK_STR(tro_license_result_expression(r), "MIT");
        tro_license_result_free(r);
    }
    for (size_t i = 0; i < sizeof added / sizeof added[0]; i++) {
        bool title = i >= 8;
        if (title)
            snprintf(text, sizeof text, "%s\n%s", added[i], mit);
        else
            snprintf(text, sizeof text, "%s\n%s", mit, added[i]);
        r = ident(NULL, text);
        if (tro_license_result_is_free(r))
            fprintf(stderr, "MIT + '%s': %s\n", added[i], tro_license_result_expression(r));
        CHECK_STR(tro_license_result_expression(r), "MIT AND LicenseRef-trulyopen-custom");
        tro_license_result_free(r);
        r = ident_strict(text); /* strict finds what the default reading does */
        CHECK_STR(tro_license_result_expression(r), "MIT AND LicenseRef-trulyopen-custom");
        tro_license_result_free(r);
    }
    /* strict: a placeholder to fill in, the number of one of the licence's
     * parts and a title block explain themselves */
    static const char *const explained[][2] = {
        {"", "\n<one line to give the program's name and a brief idea of what it does.>\n"},
        {"", "\nSee Section 2.\n"},
        {"The MIT License (MIT)\nExpat License\n\n", ""},
    };
    for (size_t i = 0; i < sizeof explained / sizeof explained[0]; i++) {
        snprintf(text, sizeof text, "%s%s%s", explained[i][0], mit, explained[i][1]);
        r = ident_strict(text);
        if (!tro_license_result_is_free(r))
            fprintf(stderr, "strict: '%s' + MIT + '%s': %s\n", explained[i][0], explained[i][1],
                    tro_license_result_expression(r));
        CHECK(tro_license_result_is_free(r));
        tro_license_result_free(r);
    }
    /* words put into MIT's sentences: an aside, words in its grant, a
     * footnote mark */
    static const char *const edits[][2] = {
        {"free of charge, to any", "free of charge (for the first year), to any"},
        {"to deal in the Software without", "to deal in the Software (on Acme boards) without"},
        {"to deal in the Software without", "to deal in the Software as shipped by Acme without"},
        {"to deal in the Software without", "to deal in the Software (a), without"},
        {"persons to whom the Software", "persons \xe2\x80\x94 Acme customers \xe2\x80\x94 to whom "
                                         "the Software"},
        {"to any person obtaining", "to any non-profit person obtaining"}, /* a hyphen's halves */
    };
    for (size_t i = 0; i < sizeof edits / sizeof edits[0]; i++) {
        CHECK(replace_in(text, sizeof text, mit, edits[i][0], edits[i][1]));
        r = ident(NULL, text);
        if (tro_license_result_is_free(r))
            fprintf(stderr, "MIT with '%s': %s\n", edits[i][1], tro_license_result_expression(r));
        CHECK_STR(tro_license_result_expression(r), "MIT AND LicenseRef-trulyopen-custom");
        tro_license_result_free(r);
    }
    /* what limits nothing: a reference to the licence's own parts, a
     * company in a title, a link that is the licence's, a sentence about
     * the project */
    static const char *const benign[] = {
        "MIT License\n\nCopyright (c) 2024 Hooli Inc.\n\n",
        "Please cite:\n\n@software{widget, author = {Doe, Jane}, year = {2024}}\n\n",
        "See https://opensource.org/licenses/MIT for the terms of the licence.\n\n",
        "This file is part of Widget, a small C library.\n\n",
        "Report bugs at https://github.com/acme/widget/issues.\n\n",
    };
    for (size_t i = 0; i < sizeof benign / sizeof benign[0]; i++) {
        snprintf(text, sizeof text, "%s%s", benign[i], mit);
        r = ident(NULL, text);
        if (!tro_license_result_is_free(r))
            fprintf(stderr, "'%s' + MIT: %s\n", benign[i], tro_license_result_expression(r));
        CHECK_STR(tro_license_result_expression(r), "MIT");
        tro_license_result_free(r);
    }
    /* Apache-2.0 (the project's own LICENSE): its "You" narrowed by a word
     * changed or words left out, and the text as it is */
    const char *top = getenv("top_srcdir");
    char path[4096];
    snprintf(path, sizeof path, "%s/LICENSE", top ? top : ".");
    FILE *f = fopen(path, "r");
    CHECK(f != NULL);
    if (!f)
        return;
    char apache[12288];
    size_t n = fread(apache, 1, sizeof apache - 1, f);
    CHECK(feof(f)); /* the whole text, not its first part */
    fclose(f);
    apache[n] = '\0';
    r = ident(NULL, apache);
    CHECK_STR(tro_license_result_expression(r), "Apache-2.0");
    tro_license_result_free(r);
    static const char *const you[][2] = {
        {"shall mean an individual or Legal Entity\n      exercising",
         "shall mean an individual exercising"},
        {"shall mean an individual or Legal Entity\n      exercising",
         "shall mean an individual or Nonprofit Entity\n      exercising"},
    };
    for (size_t i = 0; i < sizeof you / sizeof you[0]; i++) {
        CHECK(replace_in(text, sizeof text, apache, you[i][0], you[i][1]));
        r = ident(NULL, text);
        if (tro_license_result_is_free(r))
            fprintf(stderr, "Apache with '%s': %s\n", you[i][1], tro_license_result_expression(r));
        CHECK_STR(tro_license_result_expression(r), "Apache-2.0 AND LicenseRef-trulyopen-custom");
        CHECK(has_evidence(r, "clause", "\"You\" (or \"Your\") shall mean an individual", -1));
        tro_license_result_free(r);
    }
}

/* Reference texts made up here: a long pseudo-licence, its reordering and a
 * word shuffle; only the faithful copy may match. */
static char *pseudo_text(unsigned seed, int paragraphs)
{
    static const char *const words[] = {
        "licensor", "grants", "you",    "permission", "to",         "copy",     "modify",
        "the",      "work",   "under",  "conditions", "notice",     "warranty", "liability",
        "source",   "form",   "object", "distribute", "derivative", "patent",   "contribution"};
    size_t cap = (size_t)paragraphs * 800, n = 0;
    char *s = malloc(cap);
    for (int p = 0; p < paragraphs; p++) {
        for (int w = 0; w < 60; w++) {
            seed = seed * 1103515245u + 12345u;
            n += (size_t)snprintf(s + n, cap - n, "%s ", words[(seed >> 16) % 21]);
        }
        n += (size_t)snprintf(s + n, cap - n, "\n\n");
    }
    return s;
}

TRO_TEST(license_templates)
{
    char dir[] = "/tmp/trulyopen-lic-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char path[256];
    char *ref = pseudo_text(7, 12);
    snprintf(path, sizeof path, "%s/BSD-4-Clause.txt", dir);
    FILE *f = fopen(path, "w");
    fputs("Copyright (c) 2024 Someone\n", f);
    fputs(ref, f);
    fclose(f);
    snprintf(path, sizeof path, "%s/GPL-3", dir); /* a Debian name */
    f = fopen(path, "w");
    char *other = pseudo_text(99, 12);
    fputs(other, f);
    fclose(f);
    snprintf(path, sizeof path, "%s/not-a-licence.txt", dir);
    f = fopen(path, "w");
    fputs("hello", f);
    fclose(f);

    tro_license_db *db;
    tro_error err;
    CHECK_INT(tro_license_db_load(&db, dir, &err), 0);
    CHECK_INT(tro_license_db_count(db), 2);

    tro_license_result *r = ident(db, ref);
    CHECK_STR(tro_license_result_expression(r), "BSD-4-Clause");
    CHECK(tro_license_result_confidence(r) > 0.99);
    tro_license_result_free(r);
    r = ident(db, other);
    CHECK_STR(tro_license_result_expression(r), "GPL-3.0-only");
    tro_license_result_free(r);

    /* paragraphs in another order: the bigrams survive, the order does not */
    char *swapped = malloc(strlen(ref) + 1);
    char *mid = ref;
    for (int k = 0; k < 6; k++)
        mid = strstr(mid, "\n\n") + 2;
    size_t head = (size_t)(mid - ref);
    strcpy(swapped, mid);
    strncat(swapped, ref, head);
    trop_match m;
    CHECK_INT(trop_db_best(db, swapped, strlen(swapped), &m), 0);
    CHECK(m.score > 0.9);
    CHECK(m.order < TROP_ORDER_THRESHOLD);
    r = ident(db, swapped);
    CHECK(strcmp(tro_license_result_expression(r), "BSD-4-Clause") != 0);
    tro_license_result_free(r);

    /* the same words shuffled do not match */
    char *shuffled = pseudo_text(12345, 12);
    CHECK_INT(trop_db_best(db, shuffled, strlen(shuffled), &m), 0);
    CHECK(m.score < 0.9);

    tro_license_db *none = db;
    CHECK_INT(tro_license_db_load(&none, "/nonexistent-dir", &err), TRO_EIO);
    CHECK(none == NULL);
    tro_license_db_free(NULL);

    free(ref);
    free(other);
    free(swapped);
    free(shuffled);
    tro_license_db *d2 = NULL;
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    CHECK_INT(system(cmd), 0);
    CHECK_INT(tro_license_db_load(&d2, dir, &err), TRO_EIO);
    tro_license_db_free(d2);
    {
        tro_license_db *keep;
        char empty[] = "/tmp/trulyopen-lic-XXXXXX";
        CHECK(mkdtemp(empty) != NULL);
        CHECK_INT(tro_license_db_load(&keep, empty, &err), TRO_ENOTFOUND);
        rmdir(empty);
    }
    tro_license_db_free(db);
}

/* Many threads share one template database and the tables; every answer
 * must be the one a single thread gets. */
typedef struct job {
    const tro_license_db *db;
    const char *text;
    int bad;
} job;

static void *worker(void *arg)
{
    job *j = arg;
    for (int i = 0; i < 200; i++) {
        tro_license_result *r = NULL;
        if (tro_license_identify(j->db, j->text, strlen(j->text), &r, NULL) ||
            strcmp(tro_license_result_expression(r), "BSD-4-Clause"))
            j->bad++;
        tro_license_result_free(r);
        if (tro_license_classify("gplv2+ OR llama3.1", &r, NULL) ||
            strcmp(tro_license_result_expression(r),
                   "GPL-2.0-or-later OR LicenseRef-trulyopen-llama-3.1"))
            j->bad++;
        tro_license_result_free(r);
    }
    return NULL;
}

TRO_TEST(license_threads)
{
    char dir[] = "/tmp/trulyopen-lic-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char path[256];
    char *ref = pseudo_text(3, 8);
    snprintf(path, sizeof path, "%s/BSD-4-Clause.txt", dir);
    FILE *f = fopen(path, "w");
    fputs(ref, f);
    fclose(f);
    tro_license_db *db = NULL;
    CHECK_INT(tro_license_db_load(&db, dir, NULL), 0);
    unlink(path);
    rmdir(dir);
    pthread_t t[4];
    job jobs[4];
    for (int i = 0; i < 4; i++) {
        jobs[i] = (job){db, ref, 0};
        CHECK_INT(pthread_create(&t[i], NULL, worker, &jobs[i]), 0);
    }
    for (int i = 0; i < 4; i++) {
        pthread_join(t[i], NULL);
        CHECK_INT(jobs[i].bad, 0);
    }
    tro_license_db_free(db);
    free(ref);
}
