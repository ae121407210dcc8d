#!/usr/bin/env python3
# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
"""Generates the compiled-in index of licence texts (template-table.c) from the
SPDX License List words in data/spdx-texts.txt.gz. Run at build time:

    gen-templates.py DATA_DIR > template-table.c

Every licence text, standard header and exception text of the list is a
template. A template is kept as the multiset of its word bigrams: each bigram
is hashed to 32 bits, and the index maps a bigram to the templates holding it
(with its count there, and whether it only occurs in text the SPDX markup
marks as optional; a bigram found in both counts its required occurrences). tmatch.c scores a text against every template in one pass
over its own bigrams. Templates with the same words are kept once, under the
shortest id (so a GPL text is GPL-2.0-only unless its notice says "or
later"). The word hashing here must stay the same as in normal.c; the unit
tests check the tokenizer vectors written at the end."""
import gzip
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from licwords import tokens  # noqa: E402

M64 = (1 << 64) - 1
KINDS = ["license", "header", "exception"]
MAX_TEMPLATES = 1 << 10  # the posting's template field
MAX_COUNT = 31           # the posting's count field saturates here
VOCAB_DF = 3             # licence texts a word is in to be of the vocabulary
GRANT_BEFORE = 25        # words of a grant before its "hereby" ...
GRANT_AFTER = 55         # ... and after it
# The words of a grant that say what may be done, by whom, where, for how
# long and at what price: the bigrams holding one are checked.
GRANT_WORDS = set("""use copy modify merge publish distribute sublicense sell reproduce display
perform prepare derivative redistribute redistribution alter adapt share translate execute
transmit exercise deal source binary forms modification commercial commercially applications
any anyone person persons individual organization organizations entity purpose purposes
worldwide world wide perpetual irrevocable royalty free charge fee exclusive restriction
limitation permit freely term with without individuals
organizations legal""".split())


def fail(msg):
    sys.stderr.write("gen-templates.py: %s\n" % msg)
    sys.exit(1)


def fnv(word):
    h = 1469598103934665603
    for b in word.encode("utf-8"):
        h = ((h ^ b) * 1099511628211) & M64
    return h


def mix(a, b):
    """Bigram hash of two word hashes; trop_norm_bigram() in normal.c."""
    h = ((a * 0x9E3779B97F4A7C15) & M64) ^ ((b + 0x632BE59BD9B4E019 + (a << 6) + (a >> 2)) & M64)
    h ^= h >> 29
    return (h >> 32) & 0xFFFFFFFF


def read(path):
    equiv, recs = {}, []
    cur = None
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            if line.startswith("%equiv "):
                _, a, b = line.split(" ")
                equiv[b] = a
            elif line.startswith("="):
                kind, tid = line[1:].split(" ", 1)
                if kind not in KINDS:
                    fail("%s: unknown record kind %s" % (path, kind))
                cur = [kind, tid, []]
                recs.append(cur)
            elif cur is None:
                fail("%s: words before the first record" % path)
            else:
                cur[2].extend(line.split(" "))
    return equiv, recs


def known_ids(d):
    ids = set()
    for name in ("spdx-licenses.tsv", "spdx-exceptions.tsv"):
        for line in open(os.path.join(d, name), encoding="utf-8"):
            if line.strip() and not line.startswith("#"):
                ids.add(line.split("\t")[0])
    return ids


def flatten(items):
    """(word, optional) of each word of a template's items."""
    out, depth = [], 0
    for it in items:
        if it == "[":
            depth += 1
        elif it == "]":
            depth -= 1
        else:
            out.append((it, depth > 0))
    return out


def bigrams(items, wh):
    """(hash, optional) of each bigram of a template's items; "[" "]" mark
    optional text. Leaving a group out joins the words around it, which is a
    bigram too (optional)."""
    words = []  # (hash, optional)
    depth = 0
    skips = []  # index of the word before each outermost group
    for it in items:
        if it == "[":
            if depth == 0:
                skips.append(len(words) - 1)
            depth += 1
        elif it == "]":
            depth -= 1
            if depth < 0:
                fail("unbalanced ] in a template")
            if depth == 0:
                skips[-1] = (skips[-1], len(words))
        else:
            words.append((wh(it), depth > 0))
    out = []
    for i in range(len(words) - 1):
        out.append((mix(words[i][0], words[i + 1][0]), words[i][1] or words[i + 1][1]))
    for s in skips:
        if isinstance(s, tuple) and s[0] >= 0 and s[1] < len(words):
            out.append((mix(words[s[0]][0], words[s[1]][0]), True))
    return out, len(words)


VECTORS = [
    "Apache License, Version 2.0",
    "THE SOFTWARE IS PROVIDED \u201cAS IS\u201d \u2014 WITHOUT WARRANTY",
    "Licensor\u2019s rights (a) and (ii) \u00a9 2024 non-commercial",
    "\u00c9TAT FRAN\u00c7AIS \u00d7 \u00e9t\u00e9 \u00a0 na\u00efve",
    "version 2.1.3 of 3. and 1.x",
    "\u3053\u308c\u306f\u30e9\u30a4\u30bb\u30f3\u30b9\u3067\u3059\u3002\u7b2c\u4e8c\u6761",
    "caf\u00e9\ufeffbar\uff08x\uff09",
]


def cstr(s):
    out = ['"']
    for b in s.encode("utf-8"):
        c = chr(b)
        if c in '"\\':
            out.append("\\" + c)
        elif 32 <= b < 127 and c != "?":
            out.append(c)
        else:
            out.append("\\%03o" % b)
    out.append('"')
    return "".join(out)


def emit_array(w, ctype, name, values, per_line=12, fmt="0x%x"):
    w("const %s %s[] = {" % (ctype, name))
    for i in range(0, len(values), per_line):
        w("    " + ", ".join(fmt % v for v in values[i:i + per_line]) + ",")
    w("};")


def main():
    d = sys.argv[1]
    equiv, recs = read(os.path.join(d, "spdx-texts.txt.gz"))
    equiv.setdefault("https", "http")  # trulyopen's own: a URL's scheme tells nothing
    ids = known_ids(d)
    cache = {}

    def wh(word):
        h = cache.get(word)
        if h is None:
            h = cache[word] = fnv(equiv.get(word, word))
        return h

    # One template per distinct text, under its shortest id; the other ids
    # of that text are its variants, told apart by their notices.
    by_text, aliases = {}, {}
    for kind, tid, items in recs:
        if tid not in ids:
            fail("template %s is not in spdx-licenses.tsv or spdx-exceptions.tsv" % tid)
        key = (kind, tuple(x for x in items if x not in ("[", "]")))
        aliases.setdefault(key, []).append(tid)
        if key not in by_text or (len(tid), tid) < (len(by_text[key][1]), by_text[key][1]):
            by_text[key] = (kind, tid, items)
    tmpls = sorted(by_text.values(), key=lambda r: (KINDS.index(r[0]), r[1].lower()))
    family = {}  # kept licence id -> the ids sharing its text
    for key, tids in aliases.items():
        if key[0] == "license":
            family[by_text[key][1]] = set(tids)
    if len(tmpls) > MAX_TEMPLATES:
        fail("%d templates: more than the index holds (%d)" % (len(tmpls), MAX_TEMPLATES))

    postings = {}  # hash -> list of (template, count, optional_only)
    info = []
    for t, (kind, tid, items) in enumerate(tmpls):
        bg, nwords = bigrams(items, wh)
        count, req = {}, {}
        for h, opt in bg:
            count[h] = count.get(h, 0) + 1
            if not opt:
                req[h] = req.get(h, 0) + 1
        nreq = sum(min(c, MAX_COUNT) for c in req.values())
        for h, c in count.items():
            # a bigram that is also in required text counts only there, so
            # that matched required bigrams never exceed the template's
            c = req.get(h, c)
            postings.setdefault(h, []).append((t, min(c, MAX_COUNT), h not in req))
        info.append((tid, KINDS.index(kind), nreq, nwords))

    # Variants: for a licence text shared by several ids (GPL-3.0-only and
    # -or-later, the six GFDL-1.3 ids), the bigrams of each id's notice that
    # not every notice of the family has, with their count in the licence
    # text (optional text included: the GPL quotes a sample notice). A text
    # holding them more often than the licence text does is that variant.
    header_bg, header_req = {}, {}
    for kind, tid, items in recs:  # every notice, also those of merged ids
        if kind == "header":
            bg = bigrams(items, wh)[0]
            header_bg[tid] = set(h for h, opt in bg)
            header_req[tid] = set(h for h, opt in bg if not opt)
    variants = []  # (licence template index, id, [(hash, count in the licence text)])
    index_of = {tid: t for t, (kind, tid, items) in enumerate(tmpls) if kind == "license"}
    total = {}  # licence template index -> bigram -> count, optional text included
    for t, (kind, tid, items) in enumerate(tmpls):
        if kind == "license" and tid in family:
            cnt = {}
            for h, opt in bigrams(items, wh)[0]:
                cnt[h] = cnt.get(h, 0) + 1
            total[t] = cnt
    for lid, ids_ in sorted(family.items()):
        heads = sorted(i for i in ids_ if i in header_bg)
        if len(ids_) < 2 or len(heads) < 2:
            continue
        common = set.intersection(*(header_bg[o] for o in heads))
        for h in heads:
            own = sorted(header_req[h] - common)
            if own:
                t = index_of[lid]
                variants.append((t, h, [(x, total[t].get(x, 0)) for x in own]))

    hashes = sorted(postings)
    starts, post = [], []
    for h in hashes:
        starts.append(len(post))
        for t, c, opt in sorted(postings[h]):
            post.append(t << 6 | c << 1 | (1 if opt else 0))
    starts.append(len(post))
    directory, k = [], 0
    for top in range(1 << 16):
        while k < len(hashes) and (hashes[k] >> 16) < top:
            k += 1
        directory.append(k)
    directory.append(len(hashes))

    o = []
    w = o.append
    w("/* Generated by lib/license/gen-templates.py from data/spdx-texts.txt.gz. Do not edit. */")
    w('#include "license.h"')
    w('#include "tmatch.h"\n')
    w("const trop_template trop_template_table[] = {")
    for tid, kind, nreq, nwords in info:
        w("    {%s, %d, %d, %d}," % (cstr(tid), kind, nreq, nwords))
    w("};")
    w("const size_t trop_template_count = %d;\n" % len(info))
    eq = sorted((fnv(b), fnv(a)) for b, a in equiv.items())
    w("const trop_equiv trop_equiv_table[] = {")
    for b, a in eq:
        w("    {0x%xull, 0x%xull}," % (b, a))
    w("};")
    w("const size_t trop_equiv_count = %d;" % len(eq))
    bloom = [0] * 64  # bit (hash mod 4096) of each variant: most words skip the search
    for b, a in eq:
        bloom[(b >> 6) & 63] |= 1 << (b & 63)
    w("const uint64_t trop_equiv_bloom[64] = {")
    for k in range(0, 64, 4):
        w("    " + ", ".join("0x%016xull" % x for x in bloom[k:k + 4]) + ",")
    w("};\n")
    emit_array(w, "uint32_t", "trop_tix_hash", hashes)
    emit_array(w, "uint32_t", "trop_tix_start", starts, fmt="%d")
    emit_array(w, "uint16_t", "trop_tix_post", post, per_line=16)
    emit_array(w, "uint32_t", "trop_tix_dir", directory, per_line=16, fmt="%d")
    w("const size_t trop_tix_count = %d;\n" % len(hashes))
    vb, vc = [], []
    w("const trop_variant trop_variant_table[] = {")
    for t, vid, own in variants:
        w("    {%d, %s, %d, %d}," % (t, cstr(vid), len(vb), len(own)))
        vb.extend(h for h, c in own)
        vc.extend(min(c, 255) for h, c in own)
    w("};")
    w("const size_t trop_variant_count = %d;" % len(variants))
    emit_array(w, "uint32_t", "trop_variant_bigram", vb or [0])
    emit_array(w, "uint8_t", "trop_variant_count_in_text", vc or [0], per_line=24, fmt="%d")
    # The grant of each licence: the required bigrams around "hereby", "is
    # granted", "are granted" and "are permitted provided" (GRANT_BEFORE words
    # before, GRANT_AFTER after). A text whose grant lost one of them had a
    # word of its grant changed, dropped or put between two (added.c).
    gstart, gbig, gcnt = [], [], []
    for kind, tid, items in tmpls:
        gstart.append(len(gbig))
        if kind != "license":
            continue
        words = [(equiv.get(x, x), opt) for x, opt in flatten(items)]
        marks = set()
        for i, (x, opt) in enumerate(words):
            prev = words[i - 1][0] if i else ""
            nxt = words[i + 1][0] if i + 1 < len(words) else ""
            after = [y for y, o in words[i + 1:i + 10]]
            about_itself = any(a == "this" and b in ("license", "licence") or
                               a == "license" and b == "document" for a, b in zip(after, after[1:]))
            if not opt and not about_itself and (
                    x == "hereby" or (x in ("granted", "permitted") and prev in ("is", "are")
                                      and (x == "granted" or nxt == "provided"))
                    or (x == "exercising" and nxt == "permissions")
                    or (x == "licensees" and nxt == "and")):
                marks.add(i)  # not a grant of the licence text itself
        at = set()  # positions of the bigrams kept, each counted once
        for i in marks:
            for k in range(max(0, i - GRANT_BEFORE), min(len(words) - 1, i + GRANT_AFTER)):
                if not words[k][1] and not words[k + 1][1] and (
                        words[k][0] in GRANT_WORDS or words[k + 1][0] in GRANT_WORDS):
                    at.add(k)
        keep = {}
        for k in at:
            b = mix(wh(words[k][0]), wh(words[k + 1][0]))
            keep[b] = keep.get(b, 0) + 1
        for b in sorted(keep):
            gbig.append(b)
            gcnt.append(min(keep[b], 255))
    gstart.append(len(gbig))
    w("")
    emit_array(w, "uint32_t", "trop_grant_start", gstart, per_line=16, fmt="%d")
    emit_array(w, "uint32_t", "trop_grant_bigram", gbig or [0])
    emit_array(w, "uint8_t", "trop_grant_count", gcnt or [0], per_line=24, fmt="%d")

    # The licence vocabulary: the words at least VOCAB_DF licence texts use.
    # added.c tells a word of terms ("years", "customers") from a name
    # ("Oracle", "ANTLR") written in capitals by it.
    df = {}
    for kind, tid, items in tmpls:
        if kind == "license":
            for x in set(wh(x) for x in items if x not in ("[", "]")):
                df[x] = df.get(x, 0) + 1
    vocab = sorted(h for h, c in df.items() if c >= VOCAB_DF)
    w("")
    emit_array(w, "uint64_t", "trop_vocab_hash", vocab, per_line=4, fmt="0x%016xull")
    w("const size_t trop_vocab_count = %d;" % len(vocab))
    w("")
    w("const trop_norm_vector trop_norm_vectors[] = {")
    for v in VECTORS:
        w("    {%s, %s}," % (cstr(v), cstr(" ".join(tokens(v)))))
    w("};")
    w("const size_t trop_norm_vector_count = %d;" % len(VECTORS))
    sys.stdout.write("\n".join(o) + "\n")


if __name__ == "__main__":
    main()
