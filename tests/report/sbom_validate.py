#!/usr/bin/env python3
# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
"""The bills of materials of `trulyopen check` against the official JSON
schemas (tests/schemas: CycloneDX 1.6, SPDX 3.0.1), and what they must say.

Each example release (a truly open model, a relabelled Llama 2 fine-tune,
a dataset card, a release checked without hashing) is checked once with
--output-cyclonedx and --output-spdx; each document must validate, and
must carry what the report says: every artifact with its SHA-256, the
licences, the datasets with theirs, the base models, the verdict. Needs
python3-jsonschema (Debian); skipped (77) without it."""

import json
import os
import subprocess
import sys
import tempfile
import warnings

try:
    import jsonschema
except ImportError:
    print("sbom_validate: python3-jsonschema is not installed; skipped")
    sys.exit(77)

SRC = os.environ.get("top_srcdir", os.path.join(os.path.dirname(__file__), "..", ".."))
TRULYOPEN = os.environ.get("TRULYOPEN", os.path.join(SRC, "trulyopen"))
SCHEMAS = os.path.join(SRC, "tests", "schemas")
CATALOG = os.path.join(SRC, "examples", "catalog")
failures = []


def load(*parts):
    with open(os.path.join(SCHEMAS, *parts), encoding="utf-8") as f:
        return json.load(f)


def validator(schema, others):
    """A validator of the schema's own draft that finds the others by URI."""
    cls = jsonschema.validators.validator_for(schema)
    try:  # jsonschema 4.18 and later resolve through a registry
        import referencing
        import referencing.jsonschema
        spec = referencing.jsonschema.specification_with(
            schema.get("$schema", "https://json-schema.org/draft/2020-12/schema"))
        registry = referencing.Registry().with_resources(
            [(uri, referencing.Resource(contents=doc, specification=spec))
             for uri, doc in others.items()])
        return cls(schema, registry=registry)
    except ImportError:
        pass
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        resolver = jsonschema.RefResolver.from_schema(schema, store=others)
        return cls(schema, resolver=resolver)


CDX = load("cyclonedx", "bom-1.6.SNAPSHOT.schema.json")
CDX_STORE = {}
for name in ("spdx.SNAPSHOT.schema.json", "jsf-0.82.SNAPSHOT.schema.json"):
    # the schema refers to them by file name, next to its own $id
    CDX_STORE["http://cyclonedx.org/schema/" + name] = load("cyclonedx", name)
CDX_VALIDATOR = validator(CDX, CDX_STORE)
SPDX_VALIDATOR = validator(load("spdx", "spdx-3.0.1.schema.json"), {})


def check(label, cond, what):
    if not cond:
        failures.append(f"{label}: {what}")


def validate(label, v, doc):
    errors = sorted(v.iter_errors(doc), key=lambda e: list(e.path))
    for e in errors[:5]:
        failures.append(f"{label}: {'/'.join(map(str, e.path))}: {e.message[:300]}")
    check(label, not errors, f"{len(errors)} schema errors")


def run(release, *extra):
    with tempfile.TemporaryDirectory() as tmp:
        out = {f: os.path.join(tmp, f) for f in ("json", "cyclonedx", "spdx")}
        # the text summary to a file of its own: never a device path to -o
        cmd = [TRULYOPEN, "check", "-q", "--catalog", CATALOG, release, "-o",
               os.path.join(tmp, "summary.txt")]
        for f, path in out.items():
            cmd += [f"--output-{f}", path]
        env = dict(os.environ, SOURCE_DATE_EPOCH="1767225600")  # 2026-01-01
        p = subprocess.run(cmd + list(extra), env=env, capture_output=True, text=True)
        if p.returncode not in (0, 1):
            failures.append(f"{release}: exit {p.returncode}: {p.stderr.strip()}")
            return None
        docs = {}
        for f, path in out.items():
            with open(path, encoding="utf-8") as fh:
                docs[f] = json.load(fh)
        return docs


def props(component):
    out = {}
    for p in component.get("properties", []):
        out.setdefault(p["name"], []).append(p["value"])
    return out


def cyclonedx(label, report, bom):
    validate(label + " (CycloneDX)", CDX_VALIDATOR, bom)
    model = bom["metadata"]["component"]
    kind = "data" if report["datasets"] and model["type"] == "data" else "machine-learning-model"
    check(label, model["type"] == kind, f"release component type {model['type']}")
    p = props(model)
    check(label, p.get("trulyopen:verdict") == [report["verdict"]], "verdict property")
    for c, v in report["criteria"].items():
        check(label, p.get(f"trulyopen:criterion:{c}") == [v["status"]], f"criterion {c}")
    check(label, bom["metadata"].get("timestamp") == "2026-01-01T00:00:00Z", "timestamp")
    files = {c["name"]: c for c in bom["components"] if c["type"] == "file"}
    for a in report.get("artifacts", []):
        f = files.get(a["path"])
        check(label, f is not None, f"artifact {a['path']} missing")
        if f and a["sha256"]:
            check(label, f["hashes"] == [{"alg": "SHA-256", "content": a["sha256"]}],
                  f"hash of {a['path']}")
        if f and not a["sha256"]:
            check(label, "hashes" not in f, f"{a['path']}: a hash without hashing")
    data = [c for c in bom["components"] if c["type"] == "data"]
    check(label, [d["name"] for d in data] == [d["id"] for d in report["datasets"]], "datasets")
    for d, rd in zip(data, report["datasets"]):
        if rd["license"]:
            check(label, d.get("licenses") == [{"expression": rd["license"],
                                                "acknowledgement": "declared"}]
                  or d.get("licenses", [{}])[0].get("license", {}).get("id") == rd["license"],
                  f"licence of {rd['id']}")
    if kind == "machine-learning-model":
        refs = [x["ref"] for x in model["modelCard"]["modelParameters"]["datasets"]]
        check(label, refs == [d["bom-ref"] for d in data], "modelCard datasets refer to them")
    ancestors = model.get("pedigree", {}).get("ancestors", [])
    check(label, [a["name"] for a in ancestors] == [s["id"] for s in report["lineage"]],
          "base models as pedigree.ancestors")
    exprs = {l["expression"] for l in report["licenses"] if l["expression"]}
    got = set()
    for l in model.get("licenses", []):
        got.add(l.get("expression") or l["license"].get("id") or l["license"].get("name"))
    check(label, got == exprs, f"release licences {got} != {exprs}")


def spdx(label, report, doc):
    validate(label + " (SPDX)", SPDX_VALIDATOR, doc)
    graph = doc["@graph"]
    by_id = {e.get("spdxId", e.get("@id")): e for e in graph}
    types = [e["type"] for e in graph]
    root = next(e for e in graph if e["type"] == "SpdxDocument")["rootElement"][0]
    release = by_id[root]
    check(label, release["type"] in ("ai_AIPackage", "dataset_DatasetPackage"), "root type")
    check(label, release["name"] == report["release"]["name"], "release name")
    rels = [e for e in graph if e["type"] == "Relationship"]

    def related(frm, kind):
        return [by_id[t] for r in rels if r["from"] == frm and r["relationshipType"] == kind
                for t in r["to"]]

    files = {f["name"]: f for f in related(root, "contains")}
    check(label, len(files) == len(report.get("artifacts", [])), "files contained")
    for a in report.get("artifacts", []):
        f = files.get(a["path"])
        check(label, f is not None and f["type"] == "software_File", f"file {a['path']}")
        if f and a["sha256"]:
            check(label, f["verifiedUsing"][0]["hashValue"] == a["sha256"], f"hash {a['path']}")
    trained = related(root, "trainedOn")
    check(label, [d["name"] for d in trained] == [d["id"] for d in report["datasets"]],
          "datasets trainedOn")
    for d, rd in zip(trained, report["datasets"]):
        lic = [l["simplelicensing_licenseExpression"]
               for l in related(d.get("spdxId"), "hasDeclaredLicense")]
        check(label, lic == ([rd["license"]] if rd["license"] else []), f"licence of {rd['id']}")
    lic = {l["simplelicensing_licenseExpression"] for l in related(root, "hasDeclaredLicense")}
    exprs = {l["expression"] for l in report["licenses"] if l["expression"]}
    check(label, lic == exprs, f"release licences {lic} != {exprs}")
    bases = [r["from"] for r in rels if r["relationshipType"] == "ancestorOf"]
    check(label, [by_id[b]["name"] for b in bases] == [s["id"] for s in report["lineage"]],
          "base models ancestorOf")
    notes = [e["statement"] for e in graph if e["type"] == "Annotation"]
    check(label, any(n.startswith(f"trulyopen verdict: {report['verdict']}") for n in notes),
          "verdict annotation")
    check(label, types.count("CreationInfo") == 1, "one CreationInfo")


def main():
    if not os.access(TRULYOPEN, os.X_OK):
        print("sbom_validate: no trulyopen binary; skipped")
        return 77
    releases = [
        ("open-model", [os.path.join(SRC, "examples", "releases", "open-model")]),
        ("restricted-finetune",
         [os.path.join(SRC, "examples", "releases", "restricted-finetune")]),
        ("dataset", [os.path.join(CATALOG, "datasets", "wikimedia", "wikipedia")]),
        ("no-hash", [os.path.join(SRC, "examples", "releases", "open-model"), "--no-hash"]),
    ]
    for label, args in releases:
        docs = run(*args)
        if docs:
            cyclonedx(label, docs["json"], docs["cyclonedx"])
            spdx(label, docs["json"], docs["spdx"])
    for f in failures:
        print("FAIL", f)
    print(f"sbom_validate: {len(releases)} releases, {len(failures)} problems")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
