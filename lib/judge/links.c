/*
 * What a link points at, for the judge: a source repository (training code),
 * a paper (arXiv, DOI, OpenReview, ACL Anthology), or a Hugging Face dataset
 * or model. Only the scheme, host and path are looked at; nothing is fetched.
 */
#include "judge.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define HOST_MAX 128

/* Splits an http(s) URL: lower-case host without "www." into host, *path at
 * the first '/' after it (or the end). False for other schemes. One pass:
 * cards hold dozens of links and registries check millions of cards. */
static bool split_url(const char *url, char host[HOST_MAX], const char **path)
{
    const char *p;
    if ((url[0] | 0x20) != 'h' || (url[1] | 0x20) != 't' || (url[2] | 0x20) != 't' ||
        (url[3] | 0x20) != 'p')
        return false;
    p = url + 4;
    if ((*p | 0x20) == 's')
        p++;
    if (p[0] != ':' || p[1] != '/' || p[2] != '/')
        return false;
    p += 3;
    size_t hn = 0;
    for (;; p++) {
        char c = *p;
        if (c == '@') { /* user@host */
            hn = 0;
            continue;
        }
        if (c == '\0' || c == '/' || c == '?' || c == '#')
            break;
        if (c == ':') /* the port */
            while (p[1] && p[1] != '/' && p[1] != '?' && p[1] != '#')
                p++;
        else if (hn < HOST_MAX)
            host[hn++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    if (!hn || hn >= HOST_MAX)
        return false;
    host[hn] = '\0';
    if (hn > 4 && !memcmp(host, "www.", 4))
        memmove(host, host + 4, hn - 3);
    *path = p;
    return true;
}

/* Copies path segment i (0-based) of path into out; false if absent. */
static bool segment(const char *path, int i, char *out, size_t outsz)
{
    const char *p = path;
    for (;;) {
        while (*p == '/')
            p++;
        size_t n = strcspn(p, "/?#");
        if (!n)
            return false;
        if (i-- == 0) {
            if (n >= outsz)
                return false;
            memcpy(out, p, n);
            out[n] = '\0';
            return true;
        }
        p += n;
        if (*p != '/')
            return false;
    }
}

static bool is_license_file(const char *path)
{
    const char *end = path + strcspn(path, "?#");
    const char *last = end;
    while (last > path && last[-1] == '/')
        last--;
    const char *b = last;
    while (b > path && b[-1] != '/')
        b--;
    return !strncasecmp(b, "license", 7) || !strncasecmp(b, "licence", 7) ||
           !strncasecmp(b, "copying", 7);
}

/* Pages of a repository that are not its code. */
static bool not_code_page(const char *path)
{
    static const char *const pages[] = {"issues",     "pull",     "pulls",   "discussions",
                                        "wiki",       "releases", "actions", "projects",
                                        "stargazers", "network",  "graphs",  "security"};
    char s[64];
    if (!segment(path, 2, s, sizeof s))
        return false;
    for (size_t i = 0; i < sizeof pages / sizeof *pages; i++)
        if (!strcmp(s, pages[i]))
            return true;
    return false;
}

/* A file in a repository that is a picture or a document, not code. */
static bool document_file(const char *path)
{
    static const char *const ext[] = {".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp",
                                      ".pdf", ".md",  ".txt",  ".rst", ".html"};
    size_t n = strcspn(path, "?#");
    for (size_t i = 0; i < sizeof ext / sizeof *ext; i++) {
        size_t k = strlen(ext[i]);
        if (n > k && !strncasecmp(path + n - k, ext[i], k))
            return true;
    }
    return false;
}

/* General-purpose libraries and serving tools that cards link as
 * dependencies: linking them does not publish how the model was trained. */
static bool dependency(const char *org, const char *repo)
{
    static const char *const deps[][2] = {{"pytorch", "pytorch"},
                                          {"huggingface", "transformers"},
                                          {"huggingface", "accelerate"},
                                          {"huggingface", "optimum"},
                                          {"huggingface", "peft"},
                                          {"huggingface", "diffusers"},
                                          {"huggingface", "tokenizers"},
                                          {"huggingface", "datasets"},
                                          {"huggingface", "huggingface_hub"},
                                          {"huggingface", "safetensors"},
                                          {"huggingface", "text-generation-inference"},
                                          {"huggingface", "candle"},
                                          {"vllm-project", "vllm"},
                                          {"microsoft", "DeepSpeed"},
                                          {"Dao-AILab", "flash-attention"},
                                          {"HazyResearch", "flash-attention"},
                                          {"ggerganov", "llama.cpp"},
                                          {"ggml-org", "llama.cpp"},
                                          {"NVIDIA", "TensorRT-LLM"},
                                          {"NVIDIA", "apex"},
                                          {"openai", "triton"},
                                          {"triton-lang", "triton"},
                                          {"sgl-project", "sglang"},
                                          {"mlc-ai", "mlc-llm"},
                                          {"ollama", "ollama"},
                                          {"google", "sentencepiece"},
                                          {"openai", "tiktoken"},
                                          {"facebookresearch", "xformers"},
                                          {"EleutherAI", "lm-evaluation-harness"},
                                          {"bigcode-project", "bigcode-evaluation-harness"},
                                          {"TimDettmers", "bitsandbytes"},
                                          {"bitsandbytes-foundation", "bitsandbytes"},
                                          {"AutoGPTQ", "AutoGPTQ"},
                                          {"casper-hansen", "AutoAWQ"},
                                          {"turboderp", "exllamav2"},
                                          {"oobabooga", "text-generation-webui"},
                                          {"lm-sys", "FastChat"},
                                          {"microsoft", "onnxruntime"},
                                          {"onnx", "onnx"},
                                          {"tensorflow", "tensorflow"},
                                          {"google", "jax"},
                                          {"jax-ml", "jax"},
                                          {"keras-team", "keras"}};
    for (size_t i = 0; i < sizeof deps / sizeof *deps; i++)
        if ((org[0] | 0x20) == (deps[i][0][0] | 0x20) && !strcasecmp(org, deps[i][0]) &&
            !strcasecmp(repo, deps[i][1]))
            return true;
    return false;
}

static bool code_host(const char *host, const char *path)
{
    static const char *const hosts[] = {"github.com", "gitlab.com", "codeberg.org",
                                        "bitbucket.org"};
    /* pages of the forge itself, not repositories */
    static const char *const not_repos[] = {
        "features", "about",    "pricing", "sponsors", "marketplace", "topics",
        "orgs",     "settings", "login",   "explore",  "collections", "site",
        "users",    "help",     "search",  "trending", "security",    "enterprise"};
    size_t i;
    for (i = 0; i < sizeof hosts / sizeof *hosts; i++)
        if (!strcmp(host, hosts[i]))
            break;
    if (i == sizeof hosts / sizeof *hosts)
        return false;
    char org[128], repo[128];
    if (!segment(path, 0, org, sizeof org) || !segment(path, 1, repo, sizeof repo))
        return false;
    for (i = 0; i < sizeof not_repos / sizeof *not_repos; i++)
        if (!strcasecmp(org, not_repos[i]))
            return false;
    if (trop_str_iendswith(repo, ".git"))
        repo[strlen(repo) - 4] = '\0';
    /* a link to the licence of a repository is about the licence */
    return !is_license_file(path) && !not_code_page(path) && !document_file(path) &&
           !dependency(org, repo);
}

/* git://, git+https://, ssh://git@ and scp-like git@host:org/repo. */
static bool git_url(const char *url)
{
    if ((url[0] | 0x20) != 'g' && (url[0] | 0x20) != 's')
        return false;
    return !strncasecmp(url, "git://", 6) || !strncasecmp(url, "git+", 4) ||
           !strncasecmp(url, "ssh://git@", 10) || !strncasecmp(url, "git@", 4);
}

static bool paper_host(const char *host, const char *path)
{
    char s0[64];
    if (!strcmp(host, "arxiv.org") || !strcmp(host, "export.arxiv.org"))
        return segment(path, 0, s0, sizeof s0) &&
               (!strcmp(s0, "abs") || !strcmp(s0, "pdf") || !strcmp(s0, "html")) &&
               segment(path, 1, s0, sizeof s0);
    if (!strcmp(host, "doi.org") || !strcmp(host, "dx.doi.org"))
        return segment(path, 0, s0, sizeof s0) && !strncmp(s0, "10.", 3);
    if (!strcmp(host, "openreview.net"))
        return segment(path, 0, s0, sizeof s0) && (!strcmp(s0, "forum") || !strcmp(s0, "pdf"));
    if (!strcmp(host, "aclanthology.org") || !strcmp(host, "aclweb.org"))
        return segment(path, 0, s0, sizeof s0);
    return false;
}

/* The first path segments of huggingface.co that are not model ids. */
static bool hub_reserved(const char *s)
{
    static const char *const words[] = {
        "datasets",         "spaces",      "docs",       "blog",   "models",
        "papers",           "api",         "login",      "join",   "settings",
        "organizations",    "collections", "tasks",      "learn",  "pricing",
        "enterprise",       "chat",        "posts",      "search", "new",
        "terms-of-service", "privacy",     "huggingface"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (!strcmp(s, words[i]))
            return true;
    return false;
}

static bool hub_id(const char *path, int first, char *id, size_t idsz)
{
    char org[TROP_HUB_ID_MAX], name[TROP_HUB_ID_MAX];
    if (!segment(path, first, org, sizeof org))
        return false;
    if (!segment(path, first + 1, name, sizeof name)) {
        /* legacy ids without an organisation ("datasets/c4") */
        if (first == 0 || strlen(org) >= idsz || !trop_hub_id_valid(org))
            return false;
        strcpy(id, org);
        return true;
    }
    size_t n = strlen(org) + 1 + strlen(name);
    if (n >= idsz)
        return false;
    memcpy(id, org, strlen(org));
    id[strlen(org)] = '/';
    strcpy(id + strlen(org) + 1, name);
    return trop_hub_id_valid(id);
}

/* An http(s) URL naming a .git repository. */
static bool dot_git(const char *url)
{
    size_t n = strcspn(url, "?#");
    return n > 4 && !strncasecmp(url + n - 4, ".git", 4);
}

trop_link_kind trop_link_classify(const char *url, char *id, size_t idsz)
{
    char host[HOST_MAX];
    const char *path;
    if (!url)
        return TROP_LINK_OTHER;
    if (!split_url(url, host, &path))
        return git_url(url) ? TROP_LINK_CODE : TROP_LINK_OTHER;
    if (code_host(host, path))
        return TROP_LINK_CODE;
    if (paper_host(host, path))
        return TROP_LINK_PAPER;
    if (strcmp(host, "huggingface.co") && strcmp(host, "hf.co"))
        return dot_git(url) ? TROP_LINK_CODE : TROP_LINK_OTHER;
    char s0[64];
    if (!segment(path, 0, s0, sizeof s0))
        return TROP_LINK_OTHER;
    if (!strcmp(s0, "datasets"))
        return id && hub_id(path, 1, id, idsz) ? TROP_LINK_HF_DATASET : TROP_LINK_OTHER;
    if (hub_reserved(s0))
        return TROP_LINK_OTHER;
    return id && hub_id(path, 0, id, idsz) ? TROP_LINK_HF_MODEL : TROP_LINK_OTHER;
}

static bool id_char(unsigned char c)
{
    return isalnum(c) || c == '.' || c == '_' || c == '-';
}

bool trop_hub_id_valid(const char *s)
{
    size_t n = s ? strlen(s) : 0, seg = 0;
    int slashes = 0;
    if (!n || n >= TROP_HUB_ID_MAX)
        return false;
    for (size_t i = 0; i <= n; i++) {
        if (i == n || s[i] == '/') {
            const char *p = s + i - seg;
            if (!seg || p[0] == '.' || p[0] == '-' || ++slashes > 2)
                return false;
            seg = 0;
            continue;
        }
        if (!id_char((unsigned char)s[i]))
            return false;
        seg++;
    }
    return true;
}

bool trop_hub_id_normalise(const char *s, tro_ref_kind kind, char *out, size_t outsz)
{
    if (!s)
        return false;
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '/'))
        n--;
    char tmp[512];
    if (!n || n >= sizeof tmp)
        return false;
    memcpy(tmp, s, n);
    tmp[n] = '\0';
    if (trop_hub_id_valid(tmp)) {
        if (n >= outsz)
            return false;
        memcpy(out, tmp, n + 1);
        return true;
    }
    trop_link_kind k = trop_link_classify(tmp, out, outsz);
    return kind == TRO_REF_DATASET ? k == TROP_LINK_HF_DATASET : k == TROP_LINK_HF_MODEL;
}

/* FNV-1a */
static uint32_t url_hash(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

/* Room for one more link: inline first, then on the heap. */
static int grow(trop_judgement *jd, size_t *cap)
{
    if (jd->nlinks < *cap)
        return 0;
    size_t nc = *cap * 2;
    trop_card_link *nv = jd->links == jd->links_inline ? malloc(nc * sizeof *nv)
                                                      : realloc(jd->links, nc * sizeof *nv);
    if (!nv)
        return TRO_ENOMEM;
    if (jd->links == jd->links_inline)
        memcpy(nv, jd->links_inline, sizeof jd->links_inline);
    jd->links = nv;
    *cap = nc;
    return 0;
}

int trop_card_links(trop_judgement *jd)
{
    const trop_card_body *b = jd->card ? trop_card_body_of(jd->card) : NULL;
    size_t n = b ? b->nlinks : 0, cap = TROP_CARD_LINKS_INLINE;
    jd->links = jd->links_inline;
    jd->nlinks = 0;
    for (size_t i = 0; i < n; i++) {
        const trop_card_href *l = &b->links[i];
        if (l->image)
            continue; /* badges */
        /* Hub ids are not kept: the few users classify those links again */
        char id[TROP_HUB_ID_MAX];
        trop_link_kind k = trop_link_classify(l->url, id, sizeof id);
        if (k == TROP_LINK_OTHER)
            continue;
        if (grow(jd, &cap))
            return TRO_ENOMEM;
        trop_card_link *c = &jd->links[jd->nlinks++];
        *c = (trop_card_link){.url = l->url, .line = (int64_t)l->line, .kind = (uint8_t)k};
        if (k != TROP_LINK_CODE && k != TROP_LINK_PAPER)
            continue;
        c->hash = url_hash(l->url);
        for (size_t j = 0; j + 1 < jd->nlinks && !c->dup; j++)
            c->dup = jd->links[j].hash == c->hash && jd->links[j].kind == k &&
                     !strcmp(jd->links[j].url, l->url);
    }
    return 0;
}
