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

/* Words with their lengths: most candidates differ in length, so most
 * comparisons stop there (a card has dozens of links to classify). */
typedef struct word {
    const char *s;
    size_t n;
} word;
#define W(lit) {lit, sizeof lit - 1}
#define NWORDS(t) (sizeof t / sizeof *t)

static bool word_in(const char *s, size_t n, const word *t, size_t count, bool icase)
{
    for (size_t i = 0; i < count; i++)
        if (t[i].n == n && (icase ? !strncasecmp(s, t[i].s, n) : !memcmp(s, t[i].s, n)))
            return true;
    return false;
}

/* The length of a plain host at p (lower-case letters, digits, '.', '-',
 * ended by the path, query, fragment or the end), copied to host; 0 for any
 * other, which the full loop below reads. Most links are plain. */
static size_t host_plain(const char *p, char host[HOST_MAX])
{
    for (size_t n = 0; n < HOST_MAX - 1; n++) {
        unsigned char c = (unsigned char)p[n];
        if ((unsigned)(c - 'a') < 26 || (unsigned)(c - '0') < 10 || c == '.' || c == '-') {
            host[n] = (char)c;
            continue;
        }
        return c == '/' || c == '\0' || c == '?' || c == '#' ? n : 0;
    }
    return 0;
}

/* The host at p the long way (user@, :port, upper case), into host (*hn
 * bytes, HOST_MAX when too long); returns where it ends. */
static const char *host_full(const char *p, char host[HOST_MAX], size_t *hn)
{
    size_t n = 0;
    for (;; p++) {
        char c = *p;
        if (c == '@') { /* user@host */
            n = 0;
            continue;
        }
        if (c == '\0' || c == '/' || c == '?' || c == '#')
            break;
        if (c == ':') /* the port */
            while (p[1] && p[1] != '/' && p[1] != '?' && p[1] != '#')
                p++;
        else if (n < HOST_MAX)
            host[n++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    *hn = n;
    return p;
}

/* Splits an http(s) URL: lower-case host without "www." into host (*hlen
 * bytes), *path at the first '/' after it (or the end). False for other
 * schemes. */
static bool split_url(const char *url, char host[HOST_MAX], size_t *hlen, const char **path)
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
    size_t hn = host_plain(p, host);
    if (hn)
        p += hn;
    else
        p = host_full(p, host, &hn);
    if (!hn || hn >= HOST_MAX)
        return false;
    host[hn] = '\0';
    if (hn > 4 && !memcmp(host, "www.", 4)) {
        memmove(host, host + 4, hn - 3);
        hn -= 4;
    }
    *hlen = hn;
    *path = p;
    return true;
}

/* The first path segments of a URL, found in one pass when first asked
 * for (most links are on hosts that need none): the tests below look at
 * several of them. */
#define NSEGS 3
typedef struct segs {
    const char *path;
    const char *s[NSEGS];
    size_t n[NSEGS];
    int count; /* -1: not split yet */
} segs;

static void split_path(segs *g)
{
    const char *p = g->path;
    g->count = 0;
    while (g->count < NSEGS) {
        while (*p == '/')
            p++;
        const char *q = p;
        /* '\0', '#', '/' and '?' are all below '@' */
        while ((unsigned char)*q >= '@' || (*q && *q != '/' && *q != '?' && *q != '#'))
            q++;
        if (q == p)
            break;
        g->s[g->count] = p;
        g->n[g->count++] = (size_t)(q - p);
        p = q;
        if (*p != '/')
            break;
    }
}

/* Segment i (0-based): *seg, *n bytes; false if absent. */
static bool segment(segs *g, int i, const char **seg, size_t *n)
{
    if (g->count < 0)
        split_path(g);
    if (i >= g->count)
        return false;
    *seg = g->s[i];
    *n = g->n[i];
    return true;
}

/* end: where the path ends (at '?' or '#') */
static bool is_license_file(const char *path, const char *end)
{
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
static bool not_code_page(segs *g)
{
    static const word pages[] = {W("issues"),   W("pull"),       W("pulls"),   W("discussions"),
                                 W("wiki"),     W("releases"),   W("actions"), W("projects"),
                                 W("stargazers"), W("network"), W("graphs"),  W("security")};
    const char *s;
    size_t n;
    return segment(g, 2, &s, &n) && n < 64 && word_in(s, n, pages, NWORDS(pages), false);
}

/* A file in a repository that is a picture or a document, not code. */
static bool document_file(const char *path, const char *end)
{
    static const word ext[] = {W(".png"), W(".jpg"), W(".jpeg"), W(".gif"), W(".svg"), W(".webp"),
                               W(".pdf"), W(".md"),  W(".txt"),  W(".rst"), W(".html")};
    size_t n = (size_t)(end - path);
    for (size_t i = 0; i < NWORDS(ext); i++) {
        size_t k = ext[i].n;
        if (n > k && path[n - k] == '.' && !strncasecmp(path + n - k, ext[i].s, k))
            return true;
    }
    return false;
}

/* General-purpose libraries and serving tools that cards link as
 * dependencies: linking them does not publish how the model was trained. */
static bool dependency(const char *org, size_t on, const char *repo, size_t rn)
{
    static const word deps[][2] = {{W("pytorch"), W("pytorch")},
                                   {W("huggingface"), W("transformers")},
                                   {W("huggingface"), W("accelerate")},
                                   {W("huggingface"), W("optimum")},
                                   {W("huggingface"), W("peft")},
                                   {W("huggingface"), W("diffusers")},
                                   {W("huggingface"), W("tokenizers")},
                                   {W("huggingface"), W("datasets")},
                                   {W("huggingface"), W("huggingface_hub")},
                                   {W("huggingface"), W("safetensors")},
                                   {W("huggingface"), W("text-generation-inference")},
                                   {W("huggingface"), W("candle")},
                                   {W("vllm-project"), W("vllm")},
                                   {W("microsoft"), W("DeepSpeed")},
                                   {W("Dao-AILab"), W("flash-attention")},
                                   {W("HazyResearch"), W("flash-attention")},
                                   {W("ggerganov"), W("llama.cpp")},
                                   {W("ggml-org"), W("llama.cpp")},
                                   {W("NVIDIA"), W("TensorRT-LLM")},
                                   {W("NVIDIA"), W("apex")},
                                   {W("openai"), W("triton")},
                                   {W("triton-lang"), W("triton")},
                                   {W("sgl-project"), W("sglang")},
                                   {W("mlc-ai"), W("mlc-llm")},
                                   {W("ollama"), W("ollama")},
                                   {W("google"), W("sentencepiece")},
                                   {W("openai"), W("tiktoken")},
                                   {W("facebookresearch"), W("xformers")},
                                   {W("EleutherAI"), W("lm-evaluation-harness")},
                                   {W("bigcode-project"), W("bigcode-evaluation-harness")},
                                   {W("TimDettmers"), W("bitsandbytes")},
                                   {W("bitsandbytes-foundation"), W("bitsandbytes")},
                                   {W("AutoGPTQ"), W("AutoGPTQ")},
                                   {W("casper-hansen"), W("AutoAWQ")},
                                   {W("turboderp"), W("exllamav2")},
                                   {W("oobabooga"), W("text-generation-webui")},
                                   {W("lm-sys"), W("FastChat")},
                                   {W("microsoft"), W("onnxruntime")},
                                   {W("onnx"), W("onnx")},
                                   {W("tensorflow"), W("tensorflow")},
                                   {W("google"), W("jax")},
                                   {W("jax-ml"), W("jax")},
                                   {W("keras-team"), W("keras")}};
    for (size_t i = 0; i < NWORDS(deps); i++)
        if (deps[i][0].n == on && deps[i][1].n == rn && !strncasecmp(org, deps[i][0].s, on) &&
            !strncasecmp(repo, deps[i][1].s, rn))
            return true;
    return false;
}

static bool code_host(const char *host, size_t hn, const char *path, segs *g)
{
    static const word hosts[] = {W("github.com"), W("gitlab.com"), W("codeberg.org"),
                                 W("bitbucket.org")};
    /* pages of the forge itself, not repositories */
    static const word not_repos[] = {
        W("features"), W("about"),    W("pricing"), W("sponsors"), W("marketplace"), W("topics"),
        W("orgs"),     W("settings"), W("login"),   W("explore"),  W("collections"), W("site"),
        W("users"),    W("help"),     W("search"),  W("trending"), W("security"),    W("enterprise")};
    if (!word_in(host, hn, hosts, NWORDS(hosts), false))
        return false;
    const char *org, *repo;
    size_t on, rn;
    if (!segment(g, 0, &org, &on) || on >= 128 || !segment(g, 1, &repo, &rn) || rn >= 128)
        return false;
    if (word_in(org, on, not_repos, NWORDS(not_repos), true))
        return false;
    if (rn >= 4 && !strncasecmp(repo + rn - 4, ".git", 4))
        rn -= 4;
    /* a link to the licence of a repository is about the licence */
    const char *end = path + strcspn(path, "?#");
    return !is_license_file(path, end) && !not_code_page(g) && !document_file(path, end) &&
           !dependency(org, on, repo, rn);
}

bool trop_repo_parse(const char *url, trop_repo *r)
{
    static const word hosts[] = {W("github.com"), W("gitlab.com"), W("codeberg.org"),
                                 W("bitbucket.org")};
    char host[HOST_MAX];
    size_t hn;
    const char *path;
    memset(r, 0, sizeof *r);
    r->rest = "";
    if (!url || !split_url(url, host, &hn, &path) ||
        !word_in(host, hn, hosts, NWORDS(hosts), false))
        return false;
    segs g = {.path = path, .count = -1};
    const char *org, *repo;
    size_t on, rn;
    if (!segment(&g, 0, &org, &on) || on >= sizeof r->owner || !segment(&g, 1, &repo, &rn) ||
        rn >= sizeof r->name)
        return false;
    const char *end = path + strcspn(path, "?#");
    const char *rest = repo + rn;
    if (rn >= 4 && !strncasecmp(repo + rn - 4, ".git", 4))
        rn -= 4;
    memcpy(r->owner, org, on);
    memcpy(r->name, repo, rn);
    while (rest < end && *rest == '/')
        rest++;
    r->rest = rest < end ? rest : "";
    r->rest_len = rest < end ? (size_t)(end - rest) : 0;
    r->license = is_license_file(path, end);
    r->page = not_code_page(&g);
    r->document = document_file(path, end);
    r->pdf = (size_t)(end - path) > 4 && !strncasecmp(end - 4, ".pdf", 4);
    r->dependency = dependency(org, on, repo, rn);
    return true;
}

/* git://, git+https://, ssh://git@ and scp-like git@host:org/repo. */
static bool git_url(const char *url)
{
    if ((url[0] | 0x20) != 'g' && (url[0] | 0x20) != 's')
        return false;
    return !strncasecmp(url, "git://", 6) || !strncasecmp(url, "git+", 4) ||
           !strncasecmp(url, "ssh://git@", 10) || !strncasecmp(url, "git@", 4);
}

static bool host_is(const char *host, size_t hn, const char *lit, size_t n)
{
    return hn == n && !memcmp(host, lit, n);
}
#define HOST_IS(lit) host_is(host, hn, lit, sizeof lit - 1)

static bool paper_host(const char *host, size_t hn, segs *g)
{
    static const word arxiv[] = {W("abs"), W("pdf"), W("html")};
    static const word openreview[] = {W("forum"), W("pdf")};
    const char *s;
    size_t n;
    if (HOST_IS("arxiv.org") || HOST_IS("export.arxiv.org"))
        return segment(g, 0, &s, &n) && n < 64 && word_in(s, n, arxiv, 3, false) &&
               segment(g, 1, &s, &n) && n < 64;
    if (HOST_IS("doi.org") || HOST_IS("dx.doi.org"))
        return segment(g, 0, &s, &n) && n < 64 && n >= 3 && !memcmp(s, "10.", 3);
    if (HOST_IS("openreview.net"))
        return segment(g, 0, &s, &n) && n < 64 && word_in(s, n, openreview, 2, false);
    if (HOST_IS("aclanthology.org") || HOST_IS("aclweb.org"))
        return segment(g, 0, &s, &n) && n < 64;
    return false;
}

/* The first path segments of huggingface.co that are not model ids. */
static bool hub_reserved(const char *s, size_t n)
{
    static const word words[] = {
        W("datasets"),         W("spaces"),      W("docs"),       W("blog"),   W("models"),
        W("papers"),           W("api"),         W("login"),      W("join"),   W("settings"),
        W("organizations"),    W("collections"), W("tasks"),      W("learn"),  W("pricing"),
        W("enterprise"),       W("chat"),        W("posts"),      W("search"), W("new"),
        W("terms-of-service"), W("privacy"),     W("huggingface")};
    return word_in(s, n, words, NWORDS(words), false);
}

static bool id_char(unsigned char c);

/* A segment of a Hub id as trop_hub_id_valid() wants it: not empty, not
 * starting with '.' or '-', only id characters. */
static bool id_segment(const char *s, size_t n)
{
    if (!n || s[0] == '.' || s[0] == '-')
        return false;
    for (size_t i = 0; i < n; i++)
        if (!id_char((unsigned char)s[i]))
            return false;
    return true;
}

/* The Hub id of path segments first and first + 1 ("org/name"; a lone
 * "name" after datasets/), checked in place before it is copied to id. */
static bool hub_id(segs *g, int first, char *id, size_t idsz)
{
    const char *org, *name;
    size_t on, nn;
    if (!segment(g, first, &org, &on) || on >= TROP_HUB_ID_MAX)
        return false;
    if (!segment(g, first + 1, &name, &nn) || nn >= TROP_HUB_ID_MAX) {
        /* legacy ids without an organisation ("datasets/c4") */
        if (first == 0 || on >= idsz || !id_segment(org, on))
            return false;
        memcpy(id, org, on);
        id[on] = '\0';
        return true;
    }
    if (on + 1 + nn >= idsz || on + 1 + nn >= TROP_HUB_ID_MAX || !id_segment(org, on) ||
        !id_segment(name, nn))
        return false;
    memcpy(id, org, on);
    id[on] = '/';
    memcpy(id + on + 1, name, nn);
    id[on + 1 + nn] = '\0';
    return true;
}

/* An http(s) URL naming a .git repository. */
static bool dot_git(const char *url)
{
    size_t n = strcspn(url, "?#");
    return n > 4 && !strncasecmp(url + n - 4, ".git", 4);
}

/* models: false to leave Hub model links out (OTHER) without checking
 * their ids, for callers that have no use for them. */
static trop_link_kind classify(const char *url, char *id, size_t idsz, bool models)
{
    char host[HOST_MAX];
    size_t hn;
    const char *path, *s0;
    size_t n0;
    if (!url)
        return TROP_LINK_OTHER;
    if (!split_url(url, host, &hn, &path))
        return git_url(url) ? TROP_LINK_CODE : TROP_LINK_OTHER;
    segs g = {.path = path, .count = -1};
    if (code_host(host, hn, path, &g))
        return TROP_LINK_CODE;
    if (paper_host(host, hn, &g))
        return TROP_LINK_PAPER;
    if (!HOST_IS("huggingface.co") && !HOST_IS("hf.co"))
        return dot_git(url) ? TROP_LINK_CODE : TROP_LINK_OTHER;
    if (!segment(&g, 0, &s0, &n0) || n0 >= 64)
        return TROP_LINK_OTHER;
    if (n0 == 8 && !memcmp(s0, "datasets", 8))
        return id && hub_id(&g, 1, id, idsz) ? TROP_LINK_HF_DATASET : TROP_LINK_OTHER;
    if (!models || hub_reserved(s0, n0))
        return TROP_LINK_OTHER;
    return id && hub_id(&g, 0, id, idsz) ? TROP_LINK_HF_MODEL : TROP_LINK_OTHER;
}

trop_link_kind trop_link_classify(const char *url, char *id, size_t idsz)
{
    return classify(url, id, idsz, true);
}

/* ASCII only, whatever the locale: Hub ids are ASCII. */
static bool id_char(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '.' || c == '_' || c == '-';
}

bool trop_hub_id_valid(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    if (!n || n >= TROP_HUB_ID_MAX)
        return false;
    const char *slash = memchr(s, '/', n);
    if (!slash)
        return id_segment(s, n);
    size_t on = (size_t)(slash - s);
    return id_segment(s, on) && id_segment(slash + 1, n - on - 1);
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

/* FNV-1a of the whole URL: different URLs are told apart without
 * comparing them (a hash of their tails only made links sharing one, such
 * as .../blob/main/README.md, compare in full against each other). */
static uint32_t url_hash(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

int trop_card_links(trop_judgement *jd)
{
    const trop_card_facts *card = trop_card_facts_of(jd->card);
    const trop_card_body *b = card ? card->body : NULL;
    size_t n = b ? b->nlinks : 0;
    for (size_t i = 0; i < n; i++) {
        const trop_card_href *l = &b->links[i];
        if (l->image)
            continue; /* badges */
        /* Hub ids are not kept: the few users classify those links again */
        char id[TROP_HUB_ID_MAX];
        trop_link_kind k = classify(l->url, id, sizeof id, false);
        if (k == TROP_LINK_OTHER)
            continue;
        trop_card_link *c = trop_vec_add(&jd->links);
        if (!c)
            return TRO_ENOMEM;
        *c = (trop_card_link){.url = l->url, .line = (int64_t)l->line, .kind = (uint8_t)k};
        if (k != TROP_LINK_CODE && k != TROP_LINK_PAPER)
            continue;
        c->hash = url_hash(l->url, strlen(l->url)); /* strcmp decides: up to a NUL */
        for (size_t j = 0; j + 1 < jd->links.n && !c->dup; j++)
            c->dup = jd->links.v[j].hash == c->hash && jd->links.v[j].kind == k &&
                     !strcmp(jd->links.v[j].url, l->url);
    }
    return 0;
}
