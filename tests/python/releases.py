# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
"""Small generated releases for the evaluation tests: an open model (Apache-2.0
card with training code, paper and procedure, a CC-BY dataset), the same
under the Llama 3.1 licence, a MOF release file, and a recording resolver."""

import pyt

DATASET = "example-org/open-corpus"
BASE = "example-org/open-base"
OPEN_BODY = """# Open Model

A small language model trained from scratch on open data.

## Training

The training code is at https://github.com/example-org/open-model-train and the
method is described in our paper, https://arxiv.org/abs/2401.00001.

### Training procedure

We trained for 3 epochs with AdamW (learning rate 3e-4, batch size 256) on
example-org/open-corpus; the hyperparameters are listed in the paper.

## Training data

example-org/open-corpus, released under CC-BY-4.0.
"""
APACHE_LICENSE = """                                 Apache License
                           Version 2.0, January 2004
                        http://www.apache.org/licenses/
"""
DATASET_CARD = pyt.card("cc-by-4.0", "# Open corpus\n\nWeb text, deduplicated.\n",
                        task_categories=["text-generation"])
MOF_YAML = """framework:
  name: Model Openness Framework
  version: '1.0'
release:
  name: open-model
  license:
    distribution:
      name: Apache-2.0
    data:
      name: CDLA-Permissive-2.0
  components:
    - name: Model architecture
    - name: Model parameters (Final)
    - name: Evaluation results
    - name: Model card
    - name: Data card
    - name: Technical report
"""


def open_release(**front):
    front.setdefault("datasets", [DATASET])
    front.setdefault("tags", ["arxiv:2401.00001"])
    return {"README.md": pyt.card("apache-2.0", OPEN_BODY, **front),
            "LICENSE": APACHE_LICENSE, "config.json": '{"model_type": "llama"}\n'}


def llama_release():
    files = open_release()
    files["README.md"] = pyt.card("llama3.1", OPEN_BODY, datasets=[DATASET],
                                  tags=["arxiv:2401.00001"])
    del files["LICENSE"]
    return files


class Recorder:
    """A resolver that knows the open dataset (and optionally more ids) and
    records every call."""

    def __init__(self, known=None):
        self.calls = []
        self.known = {("dataset", DATASET): {"README.md": DATASET_CARD}}
        self.known.update(known or {})

    def __call__(self, kind, ident):
        self.calls.append((kind, ident))
        return self.known.get((kind, ident))
