#!/usr/bin/env python3
# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
"""Writes N model cards of every kind the check tells apart, and the catalog
that resolves some of what they name, for the storage examples and their
benchmark.

    make_cards.py N DIR   ->  DIR/cards/card-00000.md ..., DIR/catalog/

The cards differ by licence (free, restricted, non-commercial, unknown,
none, a conflict), base model (none, one the built-in table knows, one in
the catalog, an unresolved one), datasets (free, not free, unresolved),
method evidence (code, paper, a training section) and front-matter faults
(a duplicate key). The same N gives the same files.
"""

import os
import random
import sys

LICENSES = [
    "license: apache-2.0\n", "license: mit\n", "license: llama2\n",
    "license: cc-by-nc-4.0\n", "license: gemma\n",
    "license: other\nlicense_name: acme-model-terms\n", "",
    "license:\n  - apache-2.0\n  - cc-by-nc-sa-4.0\n",
]
BASES = ["", "base_model: meta-llama/Llama-2-7b-hf\n", "base_model: acme/open-base\n",
         "base_model: nobody/lost-base\nbase_model_relation: finetune\n",
         "base_model: acme/open-base\nbase_model_relation: quantized\n"]
DATASETS = ["", "datasets:\n  - wikimedia/wikipedia\n",
            "datasets:\n  - acme/nc-captions\n  - wikimedia/wikipedia\n",
            "datasets:\n  - nobody/secret-set\n"]
WORDS = ("we trained the model for three epochs with AdamW at a learning rate of 3e-4 "
         "and a batch size of 256 on eight accelerators, then evaluated it on a held "
         "out split of the data with the usual metrics and reported every number ").split()

CATALOG = {
    "models/acme/open-base/README.md":
        "---\nlicense: apache-2.0\ndatasets:\n  - wikimedia/wikipedia\n---\n# Open base\n"
        "Code: https://github.com/acme/open-base and paper https://arxiv.org/abs/2401.00001\n",
    "datasets/wikimedia/wikipedia/README.md":
        "---\nlicense: cc-by-sa-3.0\npretty_name: Wikipedia\ntask_categories:\n"
        "  - text-generation\n---\n# Wikipedia\n",
    "datasets/acme/nc-captions/README.md":
        "---\nlicense: cc-by-nc-4.0\npretty_name: Captions\ntask_categories:\n"
        "  - image-to-text\n---\n# Captions\n",
}


def card(i: int) -> str:
    rnd = random.Random(i)
    front = (rnd.choice(LICENSES) + rnd.choice(BASES) + rnd.choice(DATASETS)
             + "library_name: transformers\n")
    if rnd.random() < 0.1:
        front += "library_name: peft\n"  # a duplicate key: a reader finding
    body = [f"# Model {i}\n", "A model made for the storage examples.\n"]
    if rnd.random() < 0.6:
        body.append(f"Training code: https://github.com/acme/train-{i % 97}\n")
    if rnd.random() < 0.5:
        body.append(f"Paper: https://arxiv.org/abs/2401.{i % 10000:05d}\n")
    if rnd.random() < 0.6:
        words = " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(20, 90)))
        body.append(f"\n## Training procedure\n\n{words}.\n")
    return "---\n" + front + "---\n" + "\n".join(body)


def main() -> int:
    if len(sys.argv) != 3:
        print("usage: make_cards.py N DIR", file=sys.stderr)
        return 2
    n, out = int(sys.argv[1]), sys.argv[2]
    os.makedirs(os.path.join(out, "cards"), exist_ok=True)
    for i in range(n):
        with open(os.path.join(out, "cards", f"card-{i:05d}.md"), "w", encoding="utf-8") as f:
            f.write(card(i))
    for rel, text in CATALOG.items():
        path = os.path.join(out, "catalog", rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
