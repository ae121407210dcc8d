# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
"""A release whose every field a report shows is an attack on the page that
shows it: HTML and script in the card's licence, base model, datasets,
headings, links and body, in a LICENSE file, in a file name and in the
folder's own name; javascript: and data: links; CSS that would load an
address. If any of it ran in a browser, the page's title would become
"pwned", the console would say "pwned", or a request would leave the
file.

make(parent) writes it under parent and returns its path. PAYLOADS are
strings the JSON report must hold verbatim, so a test can tell that the
attack reached the writers at all.
"""

import os

TITLE = "document.title='pwned'"
LOG = "console.log('pwned')"
CSS_URL = "http://127.0.0.1:9/css"

# Markdown that would make a table cell, code, emphasis, a link, a
# strikethrough, maths or a mention, in a dataset's name.
MARKDOWN = "md/| pipes | `ticks` *stars* _under_ [brackets](javascript:x) ~~strike~~ $x$ @everyone"

FOLDER = 'rel"><svg onload=' + LOG + '>'
FILE = '<img src=x onerror=' + LOG + '>.txt'

CARD = f"""---
license: "<script>{TITLE};{LOG}</script>"
license_name: "<img src=x onerror=\\"{TITLE}\\">"
license_link: "javascript:{TITLE}"
base_model: "<script>{LOG}</script>/x"
datasets:
- "</style><style>body{{background:url({CSS_URL})}}</style>"
- "evil/<iframe src=javascript:{LOG}>"
- "{MARKDOWN}"
tags:
- arxiv:<b onmouseover={LOG}>1</b>
---
# <script>{LOG}</script>

## Training procedure <img src=x onerror={LOG}>

We trained with [the code](https://github.com/evil/repo"><script>{LOG}</script>) and
[more](javascript:{LOG}) on [data](https://huggingface.co/datasets/a/b) with
[an image](data:text/html,<script>{LOG}</script>). The procedure was long and
careful and used many steps of gradient descent over a large corpus of text with a
learning rate schedule, warmup, decay and checkpoints saved often for later
evaluation runs on held out data. Mention @everyone and use | pipes | and `ticks`
and *stars* and [brackets] and a $x$ formula.

<script>{TITLE}</script>
<style>body{{background:url({CSS_URL})}}</style>
"""

PAYLOADS = [
    f"<script>{TITLE};{LOG}</script>",
    f"<script>{LOG}</script>/x",
    f"</style><style>body{{background:url({CSS_URL})}}</style>",
    f'https://github.com/evil/repo"><script>{LOG}</script>',
    FILE,
    FOLDER,
    MARKDOWN,
]


def make(parent):
    root = os.path.join(parent, FOLDER)
    os.makedirs(root, exist_ok=True)
    with open(os.path.join(root, "README.md"), "w", encoding="utf-8") as f:
        f.write(CARD)
    with open(os.path.join(root, "LICENSE"), "w", encoding="utf-8") as f:
        f.write(f"<script>{LOG}</script> Licence text\n")
    with open(os.path.join(root, FILE), "w", encoding="utf-8") as f:
        f.write("hello\n")
    return root
