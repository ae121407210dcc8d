/* SPDX-FileCopyrightText: The trulyopen authors
 * SPDX-License-Identifier: Apache-2.0 */
/*
 * Training code: public code that trains this model (for a dataset card:
 * that builds the dataset), as a careful reader of the card finds it.
 *
 * A link to a repository counts when the card says what it is:
 *  - training words and code words about the link (its text, the bold
 *    label it stands under, its sentence): "[Training code](...)", "Core
 *    repo (training, inference, fine-tuning etc.): ...", "**Pretraining**
 *    ... [Code](...)";
 *  - a field naming it: "**Repository:** ...", "**Code:** ...";
 *  - the model was released in it or trained with it: "first released in
 *    [this repository]", "trained using [X](...)";
 *  - it is a training script or configuration of this model, or a branch
 *    or folder named after it ("configs/stablelm-2-1_6b.yml", "kto.py",
 *    "tree/olmoe-sft").
 * A general-purpose framework (data below) counts only with such a script,
 * configuration or branch, or when it is the team's fork or bears the
 * model's name. Never code: links in sections or sentences on using,
 * serving, evaluating or fine-tuning the model yourself, inference and
 * evaluation tools, libraries, licences, issues, documents, other models'
 * and datasets' repositories, placeholders.
 *
 * Also code: a training command shown with its hyperparameters after the
 * card says the model was trained so ("python finetune.py --num_epochs=10
 * ..."), with a repository linked; and a README without front matter that
 * says it holds the source code of what it describes.
 */
#include "method.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- repositories the card's text cannot make its own -------------------------------- */

typedef enum role { R_NONE = 0, R_FRAMEWORK, R_USAGE, R_EVAL, R_LIBRARY } role;

typedef struct repo_row {
    const char *name;  /* the repository's name */
    const char *owner; /* frameworks: the canonical owner (another is a fork); else NULL */
    role r;
} repo_row;

/* General-purpose training frameworks and what cards link besides their
 * own code: serving and inference tools, evaluation suites, libraries. */
static const repo_row repos[] = {
    {"gpt-neox", "EleutherAI", R_FRAMEWORK},
    {"Megatron-LM", "NVIDIA", R_FRAMEWORK},
    {"Megatron-DeepSpeed", "microsoft", R_FRAMEWORK},
    {"NeMo", "NVIDIA", R_FRAMEWORK},
    {"nanotron", "huggingface", R_FRAMEWORK},
    {"OLMo", "allenai", R_FRAMEWORK},
    {"open-instruct", "allenai", R_FRAMEWORK},
    {"levanter", "stanford-crfm", R_FRAMEWORK},
    {"axolotl", "axolotl-ai-cloud", R_FRAMEWORK},
    {"trl", "huggingface", R_FRAMEWORK},
    {"alignment-handbook", "huggingface", R_FRAMEWORK},
    {"composer", "mosaicml", R_FRAMEWORK},
    {"llm-foundry", "mosaicml", R_FRAMEWORK},
    {"t5x", "google-research", R_FRAMEWORK},
    {"corenet", "apple", R_FRAMEWORK},
    {"EasyLM", "young-geng", R_FRAMEWORK},
    {"open_lm", "mlfoundations", R_FRAMEWORK},
    {"fairseq", "facebookresearch", R_FRAMEWORK},
    {"lingua", "facebookresearch", R_FRAMEWORK},
    {"torchtitan", "pytorch", R_FRAMEWORK},
    {"litgpt", "Lightning-AI", R_FRAMEWORK},
    {"lit-gpt", "Lightning-AI", R_FRAMEWORK},
    {"LLaMA-Factory", "hiyouga", R_FRAMEWORK},
    {"unsloth", "unslothai", R_FRAMEWORK},
    {"datatrove", "huggingface", R_FRAMEWORK},
    {"modelzoo", "Cerebras", R_FRAMEWORK},
    {"generative-models", "Stability-AI", R_FRAMEWORK},
    {"transformers", "huggingface", R_FRAMEWORK},
    {"accelerate", "huggingface", R_FRAMEWORK},
    {"peft", "huggingface", R_FRAMEWORK},
    {"DeepSpeed", "microsoft", R_FRAMEWORK},
    {"vllm", NULL, R_USAGE},
    {"sglang", NULL, R_USAGE},
    {"text-generation-inference", NULL, R_USAGE},
    {"llama.cpp", NULL, R_USAGE},
    {"TensorRT-LLM", NULL, R_USAGE},
    {"lmdeploy", NULL, R_USAGE},
    {"lightllm", NULL, R_USAGE},
    {"FasterTransformer", NULL, R_USAGE},
    {"ctransformers", NULL, R_USAGE},
    {"llama-cpp-python", NULL, R_USAGE},
    {"text-generation-webui", NULL, R_USAGE},
    {"koboldcpp", NULL, R_USAGE},
    {"candle", NULL, R_USAGE},
    {"diffusers", NULL, R_USAGE},
    {"optimum", NULL, R_USAGE},
    {"ollama", NULL, R_USAGE},
    {"mlc-llm", NULL, R_USAGE},
    {"exllamav2", NULL, R_USAGE},
    {"llama-recipes", NULL, R_USAGE},
    {"lm-evaluation-harness", NULL, R_EVAL},
    {"opencompass", NULL, R_EVAL},
    {"bigcode-evaluation-harness", NULL, R_EVAL},
    {"OLMo-Eval", NULL, R_EVAL},
    {"chain-of-thought-hub", NULL, R_EVAL},
    {"evalplus", NULL, R_EVAL},
    {"helm", NULL, R_EVAL},
    {"lighteval", NULL, R_EVAL},
    {"pytorch", NULL, R_LIBRARY},
    {"apex", NULL, R_LIBRARY},
    {"flash-attention", NULL, R_LIBRARY},
    {"triton", NULL, R_LIBRARY},
    {"tiktoken", NULL, R_LIBRARY},
    {"langdetect", NULL, R_LIBRARY},
    {"cld3", NULL, R_LIBRARY},
    {"fastText", NULL, R_LIBRARY},
    {"stanza", NULL, R_LIBRARY},
    {"pybloomfiltermmap3", NULL, R_LIBRARY},
    {"jax", NULL, R_LIBRARY},
    {"streaming", NULL, R_LIBRARY},
    {"cc_net", NULL, R_LIBRARY},
    {"sentencepiece", NULL, R_LIBRARY},
    {"bitsandbytes", NULL, R_LIBRARY},
    {"xformers", NULL, R_LIBRARY},
    {"open_clip", NULL, R_LIBRARY},
    {"CLIP", NULL, R_LIBRARY},
    {"improved-aesthetic-predictor", NULL, R_LIBRARY},
    {"mwparserfromhell", NULL, R_LIBRARY},
};

/* The repository's role; *fork when it is a framework's name under another
 * owner (the team's own copy). */
static role repo_role(const trop_repo *r, bool *fork)
{
    *fork = false;
    if (r->dependency)
        return R_LIBRARY;
    unsigned char first = (unsigned char)r->name[0] | 0x20;
    for (size_t i = 0; i < sizeof repos / sizeof *repos; i++) {
        /* names equal but for case agree in their first byte, case aside */
        if (((unsigned char)repos[i].name[0] | 0x20) != first || strcasecmp(repos[i].name, r->name))
            continue;
        if (repos[i].owner && strcasecmp(repos[i].owner, r->owner)) {
            *fork = true;
            return R_NONE;
        }
        return repos[i].r;
    }
    return R_NONE;
}

/* ---- words --------------------------------------------------------------------------- */

static const char *const train_words[] = {
    "train*", "pretrain*", "pre train*", "fine tun*", "finetun*", "reproduc*", "recipe*",
    "config*", "trainer", "sft", "dpo", "kto", "rlhf", "ppo", "instruction tun*", NULL};
/* For a dataset card: how it was made. */
static const char *const build_words[] = {
    "build*", "built", "collect*", "crawl*", "process*", "preprocess*", "pre process*", "prepar*", "construct*",
    "creat*", "pipeline*", "dedup*", "filter*", "curat*", "reproduc*", "generat*", NULL};
static const char *const code_words[] = {"code", "codebase", "repo", "repos", "repository",
                                         "repositories", "respository", "script*",
                                         "config*", "trainer", "implementation", "source",
                                         NULL};
static const char *const dataset_code_words[] = {"librar*", "tool*", NULL};
/* Using the model, not making it. */
static const char *const usage_words[] = {
    "install*", "inference", "run", "running", "serve", "serving", "server", "deploy*",
    "quick start", "quickstart", "getting started", "get started", "up and running",
    "how to use", "usage", "download*", "demo", "chat", "web ui", "webui", "tips",
    "example*", "notebook*", "cookbook", "colab", "you can", "evaluat*", "benchmark*",
    "leaderboard", "quantiz*", "quantis*", "convert*", "generation", "our results",
    "the results", NULL};
/* Fine-tuning it yourself: how-tos, not how the model was made. */
static const char *const yourself[] = {
    "yourself", "your own", "cookbook", "notebook*", "colab", "you can fine tun*",
    "you can finetun*", "you can train", "you can use", "you can run", "you can adapt",
    "you can further", "you can continue", NULL};
static const char *const framework_words[] = {"framework*", "library", "libraries", NULL};
static const char *const data_words[] = {"dataset*", "data", "corpus", "corpora", NULL};
static const char *const compare_words[] = {"outperform*", "compared", "comparable",
                                            "comparison", "better than", NULL};
/* Fields whose value is the repository of what the card describes. */
static const char *const repo_keys[] = {"repository", "repositories", "code", "codebase",
                                        "training code", NULL};
/* Link texts that stand where the repository or paper is not given yet
 * (model card templates, "coming soon"): never evidence. Shared with
 * method_paper.c. */
const char *const trop_method_placeholders[] = {"more information needed",
                                                "needs more information", "coming soon", "tbd",
                                                "todo", NULL};

static bool any(const char *low, size_t n, const char *const *w)
{
    return n && trop_word_any(low, n, w, NULL) >= 0;
}

/* any() with m, the mask of low[0..n) itself (the callers' is always
 * that of the sentence they search), NULL none. */
static bool any_m(const char *low, size_t n, const char *const *w, const trop_wmask *m)
{
    return m ? n && trop_word_any_m(low, n, w, NULL, m) >= 0 : any(low, n, w);
}

/* How many patterns of w match low[0..n), whose own mask is m (the
 * callers' is always the sentence's), NULL none. */
static size_t count(const char *low, size_t n, const char *const *w, const trop_wmask *m)
{
    size_t k = 0;
    for (const char *const *p = w; *p; p++)
        k += (!m || trop_word_may(m, *p)) && trop_word_has(low, n, *p);
    return k;
}

/* ---- paths ----------------------------------------------------------------------------- */

/* The segments of a path after the branch: "blob/main/configs/x.yml" ->
 * "configs/x.yml"; "tree/olmoe-sft" -> "olmoe-sft" (the branch is what
 * names it then). */
static void path_after_ref(const trop_repo *r, const char **p, size_t *n, const char **branch,
                           size_t *bn)
{
    const char *s = r->rest, *e = r->rest + r->rest_len;
    *branch = NULL;
    *bn = 0;
    if ((size_t)(e - s) > 5 && (!strncmp(s, "tree/", 5) || !strncmp(s, "blob/", 5))) {
        s += 5;
        const char *slash = memchr(s, '/', (size_t)(e - s));
        *branch = s;
        *bn = slash ? (size_t)(slash - s) : (size_t)(e - s);
        s = slash ? slash + 1 : e;
    }
    *p = s;
    *n = (size_t)(e - s);
}

/* Is the folded segment named after the card's model: one of its names' first
 * five bytes or more start it ("olmoe-sft" for OLMoE-1B-7B)? */
static bool named_after(const trop_cardview *v, const char *seg, size_t n)
{
    char f[256];
    size_t fl = trop_fold(seg, n < sizeof f - 1 ? n : sizeof f - 1, f, sizeof f);
    for (size_t i = 0; i < v->id.nnames; i++) {
        const char *name = v->id.names[i];
        size_t nl = 0;
        while (name[nl] && name[nl] != ' ')
            nl++; /* the first word: "olmoe" of "olmoe 1b 7b" */
        if (nl >= 5 && fl >= nl && !memcmp(f, name, nl) && (fl == nl || f[nl] == ' '))
            return true;
        if (fl >= 2 && !strcmp(f, name))
            return true;
    }
    return false;
}

static bool ext_is(const char *s, size_t n, const char *ext)
{
    size_t k = strlen(ext);
    return n > k && !strncasecmp(s + n - k, ext, k);
}

/* A training script or configuration of this model, or a branch or folder
 * named after it: what makes a framework's repository a recipe. */
static const char *recipe_path(const trop_cardview *v, const trop_repo *r)
{
    const char *p, *branch;
    size_t n, bn;
    path_after_ref(r, &p, &n, &branch, &bn);
    if (branch && named_after(v, branch, bn))
        return "a branch named after the model";
    const char *file = p + n;
    while (file > p && file[-1] != '/')
        file--;
    size_t fn = (size_t)(p + n - file);
    char low[256];
    size_t ln = fn < sizeof low - 1 ? fn : sizeof low - 1;
    trop_lower(file, ln, low);
    low[ln] = '\0';
    static const char *const script[] = {"train*", "training", "finetun*", "fine tun*",
                                         "pretrain*", "sft", "dpo", "kto", "rlhf", NULL};
    if ((ext_is(file, fn, ".py") || ext_is(file, fn, ".sh")) && any(low, ln, script))
        return "a training script";
    bool config = ext_is(file, fn, ".yml") || ext_is(file, fn, ".yaml") ||
                  ext_is(file, fn, ".json") || ext_is(file, fn, ".gin") ||
                  ext_is(file, fn, ".toml");
    char dirs[512];
    size_t dn = (size_t)(file - p) < sizeof dirs - 1 ? (size_t)(file - p) : sizeof dirs - 1;
    trop_lower(p, dn, dirs);
    static const char *const config_dirs[] = {"config*", "recipe*", "train*", NULL};
    if (config && (any(dirs, dn, config_dirs) || named_after(v, file, fn)))
        return "a training configuration";
    /* a script or folder bearing the model's name: examples/fineweb.py,
     * modelzoo/.../data_processing/slimpajama; for a model, examples are
     * how to use it */
    static const char *const usage_dirs[] = {"example*", "demo*", "inference", "notebook*",
                                             "tutorial*", "serving", "deploy*", NULL};
    if (!v->dataset && any(dirs, dn, usage_dirs))
        return NULL;
    size_t stem = fn;
    if (ext_is(file, fn, ".py"))
        stem -= 3;
    if (stem && named_after(v, file, stem))
        return v->dataset ? "a script named after the dataset" : "a script named after the model";
    for (const char *s = p; s < file;) {
        const char *e = memchr(s, '/', (size_t)(file - s));
        if (!e)
            break;
        if (e > s && named_after(v, s, (size_t)(e - s)))
            return "a folder named after the model";
        s = e + 1;
    }
    return NULL;
}

/* ---- one link ---------------------------------------------------------------------------- */

typedef struct ctx {
    const trop_cardview *v;
    const trop_card_block *b;
    const char *text, *low; /* the block's */
    trop_span sent;         /* the link's sentence */
    trop_wmask smask;       /* its words: made once for the many lists asked of it */
    bool smask_made;        /* smask is set (judge_link sets it partway) */
    const char *ltext, *llow; /* the link's text */
    size_t llen;
    size_t key_len; /* the bold label the link stands under, 0 none */
} ctx;

/* The mask of the link's sentence, NULL before judge_link has made it
 * (a search asked earlier is made without it, with the same answer). */
static const trop_wmask *sent_mask(const ctx *c)
{
    return c->smask_made ? &c->smask : NULL;
}

/* Does a pattern of w match the link's sentence? */
static bool in_sent(const ctx *c, const char *const *w)
{
    return any_m(c->low + c->sent.at, c->sent.len, w, sent_mask(c));
}

static bool train_in(const ctx *c, const char *low, size_t n, const trop_wmask *m)
{
    return any_m(low, n, train_words, m) || (c->v->dataset && any_m(low, n, build_words, m));
}

static bool code_in(const ctx *c, const char *low, size_t n, const trop_wmask *m)
{
    return any_m(low, n, code_words, m) || (c->v->dataset && any_m(low, n, dataset_code_words, m));
}

/* Does the label the link stands under name the repository of what the card
 * describes ("**Repository:**")? */
static bool repo_key(const ctx *c)
{
    if (!c->key_len)
        return false;
    char k[64];
    size_t n = 0;
    for (size_t i = 0; i < c->key_len && n < sizeof k - 1; i++)
        if (c->low[i] != '*' && c->low[i] != ':')
            k[n++] = c->low[i];
    while (n && k[n - 1] == ' ')
        n--;
    k[n] = '\0';
    for (const char *const *p = repo_keys; *p; p++)
        if (!strcmp(k, *p))
            return true;
    return false;
}

/* "first released in [this repository]", "trained using [X](...)", "the
 * codebase that trained this model": the sentence makes the repository the
 * model's. */
static bool released_in(const ctx *c, size_t at)
{
    const char *s = c->low + c->sent.at;
    size_t n = c->sent.len, rel = at - c->sent.at;
    static const char *const released[] = {"first released in", "released in this repository",
                                           "released in the repository",
                                           "codebase that trained", "code that trained",
                                           "code used to train", NULL};
    if (in_sent(c, released))
        return true;
    static const char *const with[] = {"trained using", "trained with", "pre trained using",
                                       "pretrained using", "trained on top of", NULL};
    size_t len;
    for (const char *const *w = with; *w; w++) {
        long f = trop_word_find(s, n, 0, *w, &len);
        /* the link follows the words ("trained using Ben Wang's [X]") */
        if (f >= 0 && (size_t)f + len <= rel && rel - ((size_t)f + len) <= 32)
            return true;
    }
    return false;
}

typedef struct verdict {
    const char *why; /* NULL: not code */
    bool needs_recipe; /* a framework: only with a recipe path */
} verdict;

static verdict judge_link(ctx *c, const trop_card_href *h, const trop_repo *r)
{
    verdict out = {NULL, false};
    const trop_cardview *v = c->v;
    unsigned kind = trop_cardview_kind(v, c->b);
    if (kind & (TROP_SEC_USAGE | TROP_SEC_EVAL | TROP_SEC_FINETUNE | TROP_SEC_CONTACT |
                TROP_SEC_OTHERS | TROP_SEC_CITATION | TROP_SEC_LICENSE))
        return out;
    if (r->license || r->page || r->pdf || any(c->llow, c->llen, trop_method_placeholders))
        return out;
    /* "#benchmarks", "#evaluation": a part of the repository on evaluation */
    const char *frag = strchr(h->url, '#');
    static const char *const eval_parts[] = {"benchmark*", "eval*", "result*", "usage",
                                             "inference", "quick*", "install*", NULL};
    if (frag) {
        char f[64];
        size_t fl = strlen(frag + 1) < sizeof f - 1 ? strlen(frag + 1) : sizeof f - 1;
        trop_lower(frag + 1, fl, f);
        if (any(f, fl, eval_parts))
            return out;
    }
    /* a licence field: "License: Apache 2.0 (data preparation code)" */
    if (c->key_len && trop_word_has(c->low, c->key_len, "licen*"))
        return out;
    bool fork;
    role ro = repo_role(r, &fork);
    if (ro == R_USAGE || ro == R_EVAL || ro == R_LIBRARY)
        return out;
    const char *slow = c->low + c->sent.at;
    size_t sn = c->sent.len;
    /* another model's or a dataset's repository */
    if (trop_mentions_other(v, c->ltext, c->llen) && !trop_mentions_self(v, c->ltext, c->llen))
        return out;
    c->smask = trop_word_mask(slow, sn);
    c->smask_made = true;
    if (in_sent(c, compare_words) || in_sent(c, yourself))
        return out;
    bool train_here = train_in(c, c->llow, c->llen, NULL) ||
                      (c->key_len && train_in(c, c->low, c->key_len, NULL));
    if (any(c->llow, c->llen, data_words) && !code_in(c, c->llow, c->llen, NULL))
        return out;
    /* a document counts only when its own text speaks of training
     * ("how to reproduce it") */
    if (r->document && !train_in(c, c->llow, c->llen, NULL))
        return out;
    /* using, serving or evaluating the model, unless training is what the
     * link or its label speaks of, or the sentence more than of use */
    if (!train_here && in_sent(c, usage_words) &&
        count(slow, sn, usage_words, sent_mask(c)) >
            count(slow, sn, train_words, sent_mask(c)) +
                (v->dataset ? count(slow, sn, build_words, sent_mask(c)) : 0))
        return out;
    const char *recipe = recipe_path(v, r);
    bool self_named = trop_identity_is_self(&v->id, r->name, strlen(r->name));
    bool framework = (ro == R_FRAMEWORK || in_sent(c, framework_words)) && !fork && !self_named;
    if (recipe) {
        out.why = recipe;
        return out;
    }
    bool train_sent = train_in(c, slow, sn, sent_mask(c));
    bool code_sent = code_in(c, slow, sn, sent_mask(c)) || code_in(c, c->llow, c->llen, NULL);
    if ((train_here || train_sent) &&
        (code_sent || (c->key_len && code_in(c, c->low, c->key_len, NULL))))
        out.why = fork ? "the team's fork of a training framework, linked as its training code"
                       : "a repository the card says holds its training code";
    else if (repo_key(c))
        out.why = "the card's repository field";
    else if (released_in(c, h->at))
        out.why = "the card says the model was released in or trained with it";
    out.needs_recipe = framework;
    if (out.why && framework)
        out.why = NULL; /* a framework alone does not say how this model was trained */
    return out;
}

/* ---- training commands and self-describing READMEs -------------------------------------- */

/* A fenced training command with hyperparameters, after a sentence saying the
 * model was trained so. */
static bool training_command(const trop_cardview *v, size_t bi)
{
    const trop_card_block *b = &v->body->blocks[bi];
    const char *t = v->lower[bi];
    static const char *const runs[] = {"python", "python3", "torchrun", "accelerate launch",
                                       "deepspeed", "composer", NULL};
    static const char *const scripts[] = {"train*", "finetun*", "fine tun*", "pretrain*",
                                          "sft", "dpo", NULL};
    static const char *const flags[] = {"num epochs", "epochs", "lr", "learning rate",
                                        "batch size", "micro batch size", "cutoff len",
                                        "max seq len", "max steps", "warmup steps", NULL};
    /* the flags first: one fast search turns most code away */
    if (!strstr(t, "--") || !any(t, b->len, runs) || !any(t, b->len, scripts) ||
        !any(t, b->len, flags))
        return false;
    /* a sentence just before it says this model was trained that way */
    for (size_t k = bi; k-- > 0 && bi - k <= 10;) {
        const trop_card_block *p = &v->body->blocks[k];
        if (p->sec != b->sec || p->kind == TROP_BLOCK_HEADING)
            break;
        if (p->kind == TROP_BLOCK_CODE)
            continue;
        if (any(v->lower[k], p->len, usage_words))
            return false;
        if (trop_word_has(v->lower[k], p->len, "train*"))
            return true;
    }
    return false;
}

static bool links_own_repo(const trop_mlinks *links)
{
    for (size_t i = 0; i < links->n; i++) {
        trop_repo img;
        const trop_repo *r = &links->link[i].repo;
        bool fork, repo = links->link[i].is_repo;
        if (links->v->body->links[i].image) { /* not parsed before: no rule of links asks */
            repo = trop_repo_parse(links->v->body->links[i].url, &img);
            r = &img;
        }
        if (repo && !r->license && !r->page && repo_role(r, &fork) == R_NONE)
            return true;
    }
    return false;
}

static int commands(const trop_cardview *v, const trop_mlinks *links, trop_mfounds *out)
{
    bool repo = false, checked = false;
    for (size_t bi = 0; bi < v->body->nblocks; bi++) {
        const trop_card_block *b = &v->body->blocks[bi];
        if (b->kind != TROP_BLOCK_CODE ||
            (trop_cardview_kind(v, b) & (TROP_SEC_USAGE | TROP_SEC_FINETUNE | TROP_SEC_EVAL)))
            continue;
        if (!training_command(v, bi))
            continue;
        if (!checked) {
            repo = links_own_repo(links);
            checked = true;
        }
        if (!repo)
            return 0;
        size_t first = strcspn(b->text, "\n");
        return trop_mfound_add(out, b->text, first, NULL,
                               "a training command with its hyperparameters, shown after the "
                               "card says the model was trained so",
                               (int64_t)b->line);
    }
    return 0;
}

/* "This repository contains the source code for X", in a README with no
 * front matter (a source repository's own README). */
static int self_described(const trop_cardview *v, trop_mfounds *out)
{
    if (v->card->fm_status && strcmp(v->card->fm_status, "none"))
        return 0;
    static const char *const says[] = {"this repo contains", "this repository contains",
                                       "this repo houses", "this repository houses",
                                       "this repository hosts", "this repo hosts", NULL};
    for (size_t bi = 0; bi < v->body->nblocks && bi < 64; bi++) {
        const trop_card_block *b = &v->body->blocks[bi];
        if (b->kind != TROP_BLOCK_PARA && b->kind != TROP_BLOCK_ITEM)
            continue;
        const char *low = v->lower[bi];
        size_t at;
        long f = trop_word_any(low, b->len, says, &at);
        if (f < 0)
            continue;
        trop_span sp = trop_sentence_at(b->text, b->len, at);
        const char *s = low + sp.at;
        if (!trop_word_has(s, sp.len, "code") && !trop_word_has(s, sp.len, "source code"))
            continue;
        if (any(s, sp.len, usage_words))
            continue;
        return trop_mfound_add(out, b->text + sp.at, sp.len, NULL,
                               "the repository's README says it holds the source code",
                               (int64_t)b->line);
    }
    return 0;
}

/* A plain label at the start of a block ("Code: https://..."): one to three
 * words before a colon; its length, 0 none. */
static size_t plain_label(const char *t, size_t n)
{
    size_t words = 0;
    for (size_t i = 0; i < n && i < 40; i++) {
        if (t[i] == ':')
            return words && (i + 1 == n || t[i + 1] == ' ') ? i : 0;
        if (!trop_word_byte((unsigned char)t[i]) && t[i] != ' ' && t[i] != '-')
            return 0;
        words += (i == 0 || t[i - 1] == ' ') && t[i] != ' ';
        if (words > 3)
            return 0;
    }
    return 0;
}

int trop_method_code(const trop_cardview *v, trop_mlinks *links, trop_mfounds *out)
{
    if (!v->card)
        return 0;
    const trop_card_body *body = v->body;
    int rc = 0;
    for (size_t i = 0; i < body->nlinks && !rc; i++) {
        const trop_card_href *h = &body->links[i];
        if (h->image || h->block == TROP_CARD_NO_BLOCK || h->block >= body->nblocks ||
            !links->link[i].is_repo)
            continue;
        const trop_card_block *b = &body->blocks[h->block];
        if (b->kind == TROP_BLOCK_CODE || b->kind == TROP_BLOCK_HEADING ||
            (size_t)h->at + h->len > b->len)
            continue;
        size_t key = b->key_len ? b->key_len : plain_label(b->text, b->len);
        ctx c = {.v = v,
                 .b = b,
                 .text = b->text,
                 .low = v->lower[h->block],
                 .ltext = b->text + h->at,
                 .llow = v->lower[h->block] + h->at,
                 .llen = h->len,
                 .key_len = key && h->at >= key ? key : 0};
        c.sent = trop_mlink_sentence(links, i);
        verdict vd = judge_link(&c, h, &links->link[i].repo);
        if (!vd.why)
            continue;
        size_t tl = c.sent.len;
        rc = trop_mfound_add(out, b->text + c.sent.at, tl, h->url, vd.why, (int64_t)b->line);
    }
    if (!rc)
        rc = commands(v, links, out);
    if (!rc)
        rc = self_described(v, out);
    return rc;
}
