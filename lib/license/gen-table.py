#!/usr/bin/env python3
# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
"""Generates the compiled-in licence tables (license-table.c) from the TSV files
in data/. Run at build time: gen-table.py DATA_DIR > license-table.c

The tables are sorted here so that the library can binary-search them; the name
keys are computed with the same rules as trop_name_key() in namekey.c (the unit
tests check that both agree on every key)."""
import gzip
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from licwords import tokens  # noqa: E402

CATEGORIES = ["unknown", "permissive", "copyleft", "weak-copyleft", "public-domain",
              "open-data", "use-restricted", "non-commercial", "no-derivatives",
              "research-only", "proprietary"]
F_SPDX, F_OSI, F_FSF, F_DEPRECATED, F_MOF_OPEN_DATA, F_MOF_OPEN = 1, 2, 4, 8, 16, 32
F_SCANCODE = 1 << 15  # a LicenseRef-scancode- licence (not a public flag)
# ScanCode names (by key) that people use for other licences too: "Altera
# License" is ScanCode's name for Xnet, but Altera's own licences are
# proprietary; "Verbatim Copies" is also what verbatim-only notices (no
# modified copies) are called.
SCANCODE_NAMES_LEFT_OUT = {"altera", "verbatim copies", "verbatim copies permission"}
# What trulyopen makes of ScanCode's restrictive categories, for the licences
# SPDX lacks; the other categories give "unknown".
SCANCODE_CATEGORIES = {
    "Commercial": ("proprietary", "ScanCode LicenseDB's category: Commercial; a licence "
                   "bought from its owner"),
    "Proprietary Free": ("proprietary", "ScanCode LicenseDB's category: Proprietary Free; "
                         "proprietary terms, without a fee"),
    "Source-available": ("use-restricted", "ScanCode LicenseDB's category: Source-available; "
                         "the source may be read, but its use is limited"),
    "Free Restricted": ("use-restricted", "ScanCode LicenseDB's category: Free Restricted; "
                        "free-style terms with a limit on use, such as non-commercial"),
}
NOISE = {"the", "license", "licenses", "agreement", "version", "v", "ver"}
SPLIT_WORDS = {"noncommercial": ["non", "commercial"], "noderivatives": ["no", "derivatives"],
               "noderivs": ["no", "derivatives"], "sharealike": ["share", "alike"],
               "licence": ["license"], "licences": ["licenses"],
               "acknowledgment": ["acknowledgement"],
               # the word "license" as people misspell it, and "MIT licensed"
               "lisence": ["license"], "lisense": ["license"], "licese": ["license"],
               "liscense": ["license"], "lincense": ["license"], "licens": ["license"],
               "licensed": ["license"], "unlicence": ["unlicense"],
               "unlisence": ["unlicense"], "unliscense": ["unlicense"]}


def fail(msg):
    sys.stderr.write("gen-table.py: %s\n" % msg)
    sys.exit(1)


def read_tsv(path, ncols, min_cols=None):
    rows = []
    meta = {}
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip():
                continue
            if line.startswith("#"):
                m = re.match(r"#\s*([a-z-]+):\s*(\S+)", line)
                if m:
                    meta[m.group(1)] = m.group(2)
                continue
            cols = line.split("\t")
            if len(cols) < (min_cols or ncols) or len(cols) > ncols:
                fail("%s:%d: expected %d columns, got %d" % (path, lineno, ncols, len(cols)))
            cols += [""] * (ncols - len(cols))
            rows.append(cols)
    return rows, meta


def fnv1a(text):
    """FNV-1a (32 bits) of the bytes of text, as trop_flat_hash in namekey.c."""
    h = 2166136261
    for b in text.encode():
        h = ((h ^ b) * 16777619) & 0xffffffff
    return h


def word_bit(word):
    """Bit 0..63 of a word, as trop_word_bit in namekey.c."""
    return fnv1a(word) & 63


def wide_separator(ch):
    """Punctuation and spaces beyond ASCII that separate a name's words (as
    wide_separator in namekey.c); other characters beyond ASCII are a word."""
    cp = ord(ch)
    return (cp in (0xa0, 0xab, 0xbb, 0xb7, 0xfeff, 0x2022, 0x2026, 0xff08, 0xff09, 0xff0c,
                   0xff1a, 0xff1b) or 0x2010 <= cp <= 0x2015 or 0x2018 <= cp <= 0x201f
            or 0x3000 <= cp <= 0x3003 or 0x3008 <= cp <= 0x3011)


def name_words(s):
    """The words of a name before its noise words are dropped."""
    s = s.replace("\u2013", "-").replace("\u2014", "-").replace("\u2010", "-").replace("\u2011", "-")
    s = s.replace("&", " and ")
    raw = []
    i, n = 0, len(s)
    while i < n:
        c = s[i].lower()
        if c.isascii() and c.isalnum():
            j = i
            while j < n and s[j].isascii() and (s[j].isalnum() or
                  (s[j] == "." and j > i and s[j - 1].isdigit() and j + 1 < n and s[j + 1].isdigit())):
                j += 1
            raw.append(s[i:j].lower())
            i = j
        elif c == "+":
            j = i
            while j < n and s[j] == "+":
                j += 1
            raw.append(s[i:j])
            i = j
        elif not c.isascii():  # as raw_tokens in namekey.c
            if wide_separator(s[i]):
                i += 1
                continue
            while i < n and not s[i].isascii() and not wide_separator(s[i]):
                i += 1
            raw.append("#")
        else:
            i += 1
    toks = []
    for t in raw:  # split at letter/digit boundaries
        parts = ["#"] if t == "#" else re.findall(r"[a-z]+|[0-9]+(?:\.[0-9]+)*|\++", t)
        toks.extend(parts)
    out = []
    for k, t in enumerate(toks):
        nxt = toks[k + 1] if k + 1 < len(toks) else ""
        if t in SPLIT_WORDS:
            out.extend(SPLIT_WORDS[t])
            continue
        if len(t) > 2 and t.endswith("v") and nxt[:1].isdigit():
            t = t[:-1]
        out.append(t)
    return out


def name_key(s):
    """Must match trop_name_key() in namekey.c."""
    out = name_words(s)
    res = []
    for t in out:
        if t in NOISE:
            continue
        if t[0].isdigit():
            while t.endswith(".0") and "." in t[:-2]:
                t = t[:-2]
            if t.endswith(".0"):
                t = t[:-2]
        res.append(t)
    # "or later", "or any later (version)", "or newer" at the end mean "+"
    for tail in (["or", "later"], ["or", "any", "later"], ["or", "newer"]):
        if len(res) > len(tail) and res[-len(tail):] == tail:
            res = res[:-len(tail)] + ["+"]
            break
    return " ".join(res)


# Words an initialism skips inside the run it abbreviates ("University of
# California": "UC").
INITIAL_SKIP = {"of", "and", "the", "for", "with", "v", "ver", "version"}
# Initialisms never made: in a licence's name they say a restriction
# (NonCommercial, NoDerivatives) or an absence, whatever run of words they
# might also abbreviate ("Notice and Disclaimer", "no copyleft").
INITIAL_NEVER = {"nc", "nd", "no", "ncnd"}


def initialisms(name, key_words):
    """"abbr:w1,w2" for each run of 2 to 6 words of name (a version ends a
    run), the words listed being those of the key (not noise)."""
    words = name_words(name)
    out = []
    for i, first in enumerate(words):
        if first in INITIAL_SKIP or not first[0].isalpha():
            continue
        letters, covered = "", []
        for t in words[i:]:
            if not t[0].isalpha():
                break
            if t in INITIAL_SKIP:
                continue
            letters += t[0]
            if t not in NOISE:
                covered.append(t)
            if len(letters) > 6:
                break
            if (len(letters) >= 2 and covered and letters not in key_words
                    and letters not in INITIAL_NEVER):
                out.append("%s:%s" % (letters, ",".join(covered)))
    return out


def spdx_name_rows(lic):
    """(key, name, id, extra words) for every SPDX licence in use: the key of
    its name, and of its name without what it says in parentheses ("PNG
    Reference Library License v1 (for libpng 0.5 through 1.6.35)") when no
    other licence has that key. The extra words are the id's and the
    initialisms of the name's words."""
    live = [r for r in lic.values() if r[4] & F_SPDX and not r[4] & F_DEPRECATED]
    taken = {}
    for r in live:
        for k in (name_key(r[1]), name_key(r[0])):
            taken.setdefault(k, set()).add(r[0])
    short = {}
    for r in live:
        bare = re.sub(r"\s*\([^()]*\)", " ", r[1]).strip()
        k = name_key(bare)
        if bare != r[1] and k and k != name_key(r[1]) and taken.get(k, {r[0]}) == {r[0]}:
            short.setdefault(k, []).append(r)
    # an initialism that is another licence's id is that licence ("TOSL" is
    # not TMate's, whose name has the same initials)
    ids = {}
    for r in live:
        ids.setdefault(name_key(re.sub(r"-[0-9.]+$", "", r[0])), set()).update(
            name_key(r[1]).split(" "))

    def own_initialism(x, own):
        head, words = x.split(":")
        return head == own or head not in ids or set(words.split(",")) <= ids[head]
    rows = []
    for key in sorted(lic):
        r = lic[key]
        if r not in live:
            continue
        names = [r[1]] + [bare for bare, rs in short.items() if rs == [r] for bare in [bare]]
        for i, nm in enumerate(names):
            k = name_key(nm) if i == 0 else nm
            if not k:
                continue
            kw = k.split(" ")
            extra = [t for t in dict.fromkeys(name_key(r[0]).split(" ")) if t not in kw]
            own = name_key(re.sub(r"-[0-9.]+$", "", r[0]))
            if " " not in own and own in extra:  # the id alone names it all
                extra[extra.index(own)] = own + "=" + ",".join(kw)
            inits = {}
            for x in initialisms(r[1], kw):
                inits.setdefault(x.split(":")[0], x)
            # an id word that is an initialism of the name stands for its words
            extra = [inits.pop(x, x) for x in extra]
            extra += [x for x in inits.values() if own_initialism(x, own)]
            rows.append((k, r[1], r[0], extra))
    return rows


def emit_name_index(w, rows):
    """The name keys by their words and by their flat hash, so that a name
    is compared only with the keys that may have all its words or its
    letters (trop_name_keys_with, trop_name_keys_flat in lookup.c): of each
    word of a key or of its extra words (those of trop_spdx_name_key_bits),
    sorted by strcmp (and found by their hash), the keys that have it in
    table order; and the keys by
    their flat hash, then in table order."""
    assert len(rows) < 1 << 16
    keys = {}
    for i, (k, name, idv, extra) in enumerate(rows):
        for word in k.split(" ") + [re.split("[:=]", x)[0] for x in extra]:
            keys.setdefault(word, [])
            if keys[word][-1:] != [i]:
                keys[word].append(i)
    words = sorted(keys, key=lambda s: s.encode("utf-8"))
    w("const trop_name_word trop_spdx_name_words[] = {")
    first = 0
    for word in words:
        w("    {%s, %d, %d}," % (cstr(word), first, len(keys[word])))
        first += len(keys[word])
    assert first < 1 << 16, "the words' keys no longer fit the index's 16-bit offsets"
    w("};")
    w("const size_t trop_spdx_name_word_count = "
      "sizeof trop_spdx_name_words / sizeof trop_spdx_name_words[0];")
    # the words by their hash: open addressing, at most half full
    size = 1
    while size < 2 * len(words):
        size *= 2
    assert len(words) < 1 << 16
    slots = [0] * size
    for i, word in enumerate(words):
        s = fnv1a(word) & (size - 1)
        while slots[s]:
            s = (s + 1) & (size - 1)
        slots[s] = i + 1
    w("const uint16_t trop_spdx_name_word_slots[] = {")
    for at in range(0, size, 16):
        w("    %s," % ", ".join(str(i) for i in slots[at:at + 16]))
    w("};")
    w("const size_t trop_spdx_name_word_slot_count = %d;" % size)
    w("const uint16_t trop_spdx_name_word_keys[] = {")
    for word in words:
        w("    %s," % ", ".join(str(i) for i in keys[word]))
    w("};\n")
    flat = sorted(range(len(rows)), key=lambda i: (fnv1a(rows[i][0].replace(" ", "")), i))
    w("const uint16_t trop_spdx_name_flat_order[] = {")
    for at in range(0, len(flat), 16):
        w("    %s," % ", ".join(str(i) for i in flat[at:at + 16]))
    w("};\n")


def word_hash(word):
    """The word hash of normal.c: FNV-1a over the lower-case word."""
    h = 1469598103934665603
    for b in word.lower().encode("utf-8"):
        h = ((h ^ b) * 1099511628211) & ((1 << 64) - 1)
    return h


def emit_phrase_set(w, name, groups, equiv):
    """Phrases as the hashes of their words (0: "*"), read with the tokenizer
    of text matching (licwords.py, normal.c) so that they compare with a
    text's words as they are: "version 2.1", "licence" = "license". Each
    phrase names its group (a clause rule, a fingerprint) and whether it is
    a veto (or an excluded sentence); the others are also listed by the hash
    of their first word, with a 4096-bit filter of those hashes, so that a
    text is read once for all of them. Emits trop_<name>_set."""
    words, phrases, first = [], [], []
    for where, g, positive, negative in groups:
        for flag, text in [(0, p.strip()) for p in positive.split("|")] + \
                [(1, p.strip()) for p in negative.split("|")]:
            if not text:
                continue
            ws = []
            for part in text.split():
                ws.extend(["*"] if part == "*" else tokens(part))
            if not ws or ws[0] == "*" or len(ws) > 48:
                fail("%s: phrase %r is empty, starts with * or is too long" % (where, text))
            hs = [0 if x == "*" else word_hash(equiv.get(x, x)) for x in ws]
            if not flag:
                first.append((hs[0], len(phrases)))
            phrases.append((g, len(words), len(ws), flag))
            words.extend(hs)
    w("static const uint64_t %s_words[] = {" % name)
    for k in range(0, len(words), 4):
        w("    " + ", ".join("0x%016xull" % h for h in words[k:k + 4]) + ",")
    w("};")
    w("static const trop_phrase_def %s_phrases[] = {" % name)
    for g, off, n, flag in phrases:
        w("    {%d, %d, %d, %d}," % (g, off, n, flag))
    w("};")
    w("static const trop_phrase_first %s_first[] = {" % name)
    for h, k in sorted(first):
        w("    {0x%016xull, %d}," % (h, k))
    w("};")
    bloom = [0] * 64
    for h, k in first:
        bloom[(h >> 6) & 63] |= 1 << (h & 63)
    w("const trop_phrase_set trop_%s_set = {" % name)
    w("    %s_words, %s_phrases, %d, %s_first, %d, {" % (name, name, len(phrases), name, len(first)))
    for k in range(0, 64, 4):
        w("        " + ", ".join("0x%016xull" % x for x in bloom[k:k + 4]) + ",")
    w("    }};\n")


def read_equiv(path):
    """The equivalent words of the SPDX list (%equiv lines of spdx-texts.txt.gz)."""
    equiv = {}
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            if line.startswith("%equiv "):
                _, a, b = line.split()
                equiv[b] = a
            elif line.startswith("="):
                break
    equiv.setdefault("https", "http")  # as gen-templates.py
    return equiv


def cstr(s):
    if s is None:
        return "NULL"
    out = ['"']
    for ch in s.encode("utf-8"):
        c = chr(ch)
        if c in '"\\':
            out.append("\\" + c)
        elif 32 <= ch < 127:
            out.append(c)
        else:
            out.append("\\%03o" % ch)
    out.append('"')
    return "".join(out)


def main():
    d = sys.argv[1]
    spdx, meta = read_tsv(d + "/spdx-licenses.tsv", 8)
    version = meta.get("list-version") or fail("spdx-licenses.tsv: no list-version")
    excs, _ = read_tsv(d + "/spdx-exceptions.tsv", 2)
    refs, _ = read_tsv(d + "/trulyopen-licenses.tsv", 4)
    hf, _ = read_tsv(d + "/hf-license-ids.tsv", 2)
    scancode, _ = read_tsv(d + "/scancode-keys.tsv", 2)
    sclicenses, _ = read_tsv(d + "/scancode-licenses.tsv", 5)
    names, _ = read_tsv(d + "/license-names.tsv", 2)
    urls, _ = read_tsv(d + "/license-urls.tsv", 2)
    clauses, _ = read_tsv(d + "/license-clauses.tsv", 6, 4)
    fps, _ = read_tsv(d + "/license-fingerprints.tsv", 3, 2)
    tnames, _ = read_tsv(d + "/template-names.tsv", 2)
    mof, _ = read_tsv(d + "/mof-open-licenses.tsv", 2)
    equiv = read_equiv(d + "/spdx-texts.txt.gz")

    lic = {}
    for idv, name, osi, fsf, dep, rep, cat, reason in spdx:
        if cat not in CATEGORIES:
            fail("spdx-licenses.tsv: %s: bad category %s" % (idv, cat))
        flags = F_SPDX | (F_OSI if osi == "y" else 0) | (F_FSF if fsf == "y" else 0) | \
            (F_DEPRECATED if dep == "y" else 0)
        if idv.lower() in lic:
            fail("duplicate licence id %s" % idv)
        lic[idv.lower()] = [idv, name or idv, reason, rep or None, flags, cat]
    for idv, name, cat, reason in refs:
        if not re.fullmatch(r"LicenseRef-trulyopen-[A-Za-z0-9.-]+", idv):
            fail("trulyopen-licenses.tsv: %s must start with LicenseRef-trulyopen-" % idv)
        if cat not in CATEGORIES:
            fail("trulyopen-licenses.tsv: %s: bad category %s" % (idv, cat))
        if idv.lower() in lic:
            fail("duplicate licence id %s" % idv)
        lic[idv.lower()] = [idv, name, reason, None, 0, cat]
    for idv, which in mof:
        if idv.lower() not in lic:
            fail("mof-open-licenses.tsv: unknown id %s" % idv)
        lic[idv.lower()][4] |= F_MOF_OPEN_DATA if which == "open-data" else F_MOF_OPEN
    # ScanCode's licences: a key with an SPDX id means that licence; the
    # others become LicenseRef-scancode-KEY entries, never free, since
    # trulyopen has not read their terms (restrictive by ScanCode's category,
    # else unknown). scancode-keys.tsv says what trulyopen knows better.
    overrides = {k.lower(): e for k, e in scancode}
    sckeys = {}  # lowercase key -> expression
    scnames = []  # (name, expression)
    for key, sid, sccat, name, short in sclicenses:
        if key.lower() in sckeys:
            fail("scancode-licenses.tsv: duplicate key %s" % key)
        if key.lower() in overrides:
            expr = overrides[key.lower()]
        elif sid and sid.lower() in lic:
            expr = lic[sid.lower()][0]
        else:
            expr = "LicenseRef-scancode-" + key
            cat, why = SCANCODE_CATEGORIES.get(sccat, ("unknown", None))
            if why is None:
                why = ("ScanCode LicenseDB's category: %s; trulyopen has not read its terms, "
                       "so it does not call it free" % (sccat or "none"))
            if expr.lower() in lic:
                fail("scancode-licenses.tsv: %s is already a licence id" % expr)
            lic[expr.lower()] = [expr, name or key, why, None, F_SCANCODE, cat]
        sckeys[key.lower()] = expr
        scnames += [(name, expr), (short, expr)]
    for key, expr in scancode:
        sckeys.setdefault(key.lower(), expr)
    exc = {}
    for idv, dep in excs:
        if idv.lower() in exc or idv.lower() in lic:
            fail("duplicate exception id %s" % idv)
        exc[idv.lower()] = (idv, dep == "y")

    id_re = re.compile(r"[A-Za-z0-9.+:-]+")

    def check_expr(where, e):
        if e == "$id":
            return
        for tok in re.split(r"[\s()]+", e):
            if not tok or tok in ("AND", "OR", "WITH"):
                continue
            t = tok[:-1] if tok.endswith("+") and tok.lower()[:-1] in lic else tok
            if t.startswith("LicenseRef-") and not re.fullmatch(r"LicenseRef-[A-Za-z0-9.-]+", t):
                fail("%s: %s is not a valid LicenseRef id" % (where, t))
            if t.lower() not in lic and t.lower() not in exc:
                fail("%s: unknown id %s in %s" % (where, tok, e))

    for r in lic.values():
        if r[3]:
            check_expr("replaced_by of " + r[0], r[3])

    # Name keys, by precedence (lower number wins); same-precedence conflicts
    # are dropped as ambiguous unless explicit.
    keys = {}

    def add_key(raw, expr, prec, where):
        k = name_key(raw)
        if not k:
            return
        if k in keys:
            old = keys[k]
            if old[1] == expr or old[2] < prec:
                return
            if old[2] == prec:
                if prec == 0:
                    fail("%s: name %r (key %r) maps to both %s and %s" % (where, raw, k, old[1], expr))
                old[3] = True  # ambiguous
                return
        keys[k] = [raw, expr, prec, False]

    def target(rec):
        return rec[3] if rec[3] else rec[0]

    for raw, expr in names:
        check_expr("license-names.tsv", expr)
        add_key(raw, expr, 0, "license-names.tsv")
    for r in lic.values():
        if r[4] & F_SPDX and not r[4] & F_DEPRECATED:
            add_key(r[0], r[0], 1, "id")
    for key, expr in scancode:
        check_expr("scancode-keys.tsv", expr)
    for hid, expr in hf:
        check_expr("hf-license-ids.tsv", expr)
        add_key(hid, expr, 2, "hf")
    for r in lic.values():
        if not r[4] & (F_SPDX | F_SCANCODE):
            add_key(r[0], r[0], 3, "ref")
            add_key(r[0][len("LicenseRef-trulyopen-"):], r[0], 3, "ref")
            add_key(r[1], r[0], 4, "ref name")
    for r in lic.values():
        if r[4] & F_SPDX and not r[4] & F_DEPRECATED:
            add_key(r[1], r[0], 5, "name")
            if r[1].startswith("Creative Commons "):
                add_key(r[1][len("Creative Commons "):], r[0], 6, "cc name")
            # The scope word of a Creative Commons name is often left out
            # ("Creative Commons Attribution 4.0"), or said with the legal
            # code's title ("... 4.0 International Public License").
            m = re.match(r"^(Creative Commons .*?) (Generic|Unported|International)$", r[1])
            if m:
                add_key(m.group(1), r[0], 6, "cc name")
                add_key(r[1] + " Public License", r[0], 6, "cc name")
    for r in lic.values():
        if r[4] & F_DEPRECATED:
            add_key(r[0], target(r), 7, "deprecated id")
            add_key(r[1], target(r), 8, "deprecated name")
    ambiguous = sorted(k for k, v in keys.items() if v[3])
    aliases = sorted((k, v[0], v[1]) for k, v in keys.items() if not v[3])
    # ScanCode's names, in a table of their own, for whole strings only (not for
    # the titles of texts): a key any other table has, or two ScanCode licences
    # share, is left out.
    sckeyed = {}
    for raw, expr in scnames:
        k = name_key(raw)
        if k in SCANCODE_NAMES_LEFT_OUT:
            continue
        # an initialism alone ("CCL", "LLNL") may stand for anything
        if not k or k in keys or re.fullmatch(r"[A-Z]{2,6}", raw.strip()):
            continue
        old = sckeyed.get(k)
        if old is None:
            sckeyed[k] = [raw, expr, False]
        elif old[1] != expr:
            old[2] = True
    scaliases = sorted((k, v[0], v[1]) for k, v in sckeyed.items() if not v[2])

    for pat, expr in urls:
        check_expr("license-urls.tsv", expr)
    # Creative Commons URLs for every CC id.
    ports = {"AU": "au", "AT": "at", "DE": "de", "NL": "nl", "US": "us", "IGO": "igo",
             "UK": "uk", "JP": "jp", "FR": "fr"}
    ccurls = []
    for r in lic.values():
        m = re.match(r"^CC-((?:BY|NC|ND|SA)(?:-(?:BY|NC|ND|SA))*)-(\d\.\d)(?:-([A-Z]+))?$", r[0])
        if m and r[4] & F_SPDX and not r[4] & F_DEPRECATED:
            path = "creativecommons.org/licenses/%s/%s" % (m.group(1).lower(), m.group(2))
            if m.group(3):
                if m.group(3) not in ports:
                    continue
                path += "/" + ports[m.group(3)]
            ccurls.append((path, r[0]))
    # a Creative Commons licence's page without its version: its family
    for r in lic.values():
        m = re.match(r"^LicenseRef-trulyopen-cc-((?:by)(?:-(?:nc|nd|sa))*)-family$", r[0])
        if m:
            ccurls.append(("creativecommons.org/licenses/" + m.group(1), r[0]))
    ccurls += [("creativecommons.org/publicdomain/zero/1.0", "CC0-1.0"),
               ("creativecommons.org/publicdomain/mark/1.0", "CC-PDM-1.0")]
    allurls = [(p.lower(), e) for p, e in urls] + ccurls

    for rule in clauses:
        if rule[1] not in CATEGORIES:
            fail("license-clauses.tsv: %s: bad category" % rule[0])
        if rule[5] not in ("", "added"):
            fail("license-clauses.tsv: %s: 'where' must be empty or added" % rule[0])
    for fp in fps:
        check_expr("license-fingerprints.tsv", fp[0])
    for fn, idv in tnames:
        check_expr("template-names.tsv", idv)

    o = []
    w = o.append
    w("/* Generated by lib/license/gen-table.py from the TSV files in data/. Do not edit. */")
    w('#include "license.h"\n')
    w("const char trop_spdx_list_version[] = %s;\n" % cstr(version))
    w("const trop_lic trop_lic_table[] = {")
    for key in sorted(lic):
        idv, name, reason, rep, flags, cat = lic[key]
        w("    {%s, %s, %s, %s, %d, %d}," % (cstr(idv), cstr(name), cstr(reason), cstr(rep),
                                            flags & ~F_SCANCODE, CATEGORIES.index(cat)))
    w("};")
    w("const size_t trop_lic_count = sizeof trop_lic_table / sizeof trop_lic_table[0];\n")
    # The name keys of each SPDX licence in use (not deprecated), for the
    # last resort of names: a name whose words are all this licence's.
    rows = spdx_name_rows(lic)
    w("const trop_alias trop_spdx_name_keys[] = {")
    for k, name, idv, extra in rows:
        w("    {%s, %s, %s}," % (cstr(k), cstr(name), cstr(idv)))
    w("};")
    w("const size_t trop_spdx_name_key_count = sizeof trop_spdx_name_keys / sizeof trop_spdx_name_keys[0];\n")
    # Of each key, the words a name may also use for it: its id's words ("tosl=
    # trusster,open,source" when the id alone stands for the whole name) and
    # the initials of a run of its name's words, "osl:open,software" (the
    # words an initialism stands for; see spdx_name_rows).
    w("const char *const trop_spdx_name_key_extra[] = {")
    for k, name, idv, extra in rows:
        w("    %s," % cstr(" ".join(extra)))
    w("};\n")
    # One bit per word of each key and of its extra words (trop_word_bit), so
    # that a name whose words are not all a key's skips it at once.
    w("const uint64_t trop_spdx_name_key_bits[] = {")
    for k, name, idv, extra in rows:
        bits = 0
        for word in k.split(" ") + [re.split("[:=]", x)[0] for x in extra]:
            bits |= 1 << word_bit(word)
        w("    0x%016xu," % bits)
    w("};\n")
    # FNV-1a of each key without its spaces (trop_flat_hash).
    w("const uint32_t trop_spdx_name_key_flat[] = {")
    for k, name, idv, extra in rows:
        w("    0x%08xu," % fnv1a(k.replace(" ", "")))
    w("};\n")
    emit_name_index(w, rows)
    w("const trop_exc trop_exc_table[] = {")
    for key in sorted(exc):
        w("    {%s, %d}," % (cstr(exc[key][0]), 1 if exc[key][1] else 0))
    w("};")
    w("const size_t trop_exc_count = sizeof trop_exc_table / sizeof trop_exc_table[0];\n")
    w("const trop_alias trop_hf_table[] = {")
    for hid, expr in sorted((h.lower(), e) for h, e in hf):
        w("    {%s, %s, %s}," % (cstr(hid), cstr(hid), cstr(expr)))
    w("};")
    w("const size_t trop_hf_count = sizeof trop_hf_table / sizeof trop_hf_table[0];\n")
    w("const trop_alias trop_scancode_table[] = {")
    for key, expr in sorted(sckeys.items()):
        if not expr.startswith("LicenseRef-scancode-"):  # those are licence ids
            w("    {%s, %s, %s}," % (cstr(key), cstr(key), cstr(expr)))
    w("};")
    w("const size_t trop_scancode_count = sizeof trop_scancode_table / sizeof trop_scancode_table[0];\n")
    w("const trop_alias trop_scancode_name_table[] = {")
    for k, raw, expr in scaliases:
        w("    {%s, %s, %s}," % (cstr(k), cstr(raw), cstr(expr)))
    w("};")
    w("const size_t trop_scancode_name_count = "
      "sizeof trop_scancode_name_table / sizeof trop_scancode_name_table[0];\n")
    w("const trop_alias trop_name_table[] = {")
    for k, raw, expr in aliases:
        w("    {%s, %s, %s}," % (cstr(k), cstr(raw), cstr(expr)))
    w("};")
    w("const size_t trop_name_count = sizeof trop_name_table / sizeof trop_name_table[0];\n")
    # Grouped by host (a stable sort: within a host the file's order stays, which
    # breaks ties between patterns of one length), so that a URL is compared only
    # with its host's patterns; hosts hold no "*".
    def host(p):
        return p.split("/", 1)[0]
    for p, e in allurls:
        if "*" in host(p):
            fail("license-urls.tsv: %s: a pattern's host may not hold '*'" % p)
    # The length of "host/first-segment" when that holds no "*" (0 otherwise):
    # a URL whose own differs cannot match, which an integer compare tells.
    def seg(p):
        parts = p.split("/", 2)
        lead = "/".join(parts[:2])
        return len(lead) if len(parts) > 1 and "*" not in lead else 0
    w("const trop_url trop_url_table[] = {")
    for p, e in sorted(allurls, key=lambda u: host(u[0])):
        w("    {%s, %s, %d, %d, %d}," % (cstr(p), cstr(e), len(p), len(host(p)), seg(p)))
    w("};")
    w("const size_t trop_url_count = sizeof trop_url_table / sizeof trop_url_table[0];\n")
    w("const trop_clause_rule trop_clause_table[] = {")
    for i, (rule, cat, reason, phrases, vetoes, where) in enumerate(clauses):
        w("    {%s, %s, %d, %d}," % (cstr(rule), cstr(reason), CATEGORIES.index(cat),
                                  where == "added"))
    w("};")
    w("const size_t trop_clause_count = sizeof trop_clause_table / sizeof trop_clause_table[0];\n")
    groups = []
    for i, (rule, cat, reason, phr, vetoes, where) in enumerate(clauses):
        groups.append(("license-clauses.tsv: " + rule, i, phr, vetoes))
    emit_phrase_set(w, "clause", groups, equiv)
    w("const trop_fingerprint trop_fingerprint_table[] = {")
    for i, (expr, req, exc_) in enumerate(fps):
        w("    {%s}," % cstr(expr))
    w("};")
    w("const size_t trop_fingerprint_count = sizeof trop_fingerprint_table / sizeof trop_fingerprint_table[0];\n")
    groups = []
    for i, (expr, req, exc_) in enumerate(fps):
        groups.append(("license-fingerprints.tsv: " + expr, i, req, exc_))
    emit_phrase_set(w, "fingerprint", groups, equiv)
    w("const trop_alias trop_template_name_table[] = {")
    for fn, idv in sorted(tnames):
        w("    {%s, %s, %s}," % (cstr(fn), cstr(fn), cstr(idv)))
    w("};")
    w("const size_t trop_template_name_count = sizeof trop_template_name_table / sizeof trop_template_name_table[0];")
    sys.stdout.write("\n".join(o) + "\n")
    if ambiguous:
        sys.stderr.write("gen-table.py: %d ambiguous automatic name keys left out: %s\n"
                         % (len(ambiguous), ", ".join(ambiguous[:20])))


if __name__ == "__main__":
    main()
