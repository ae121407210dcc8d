# SPDX-FileCopyrightText: The trulyopen authors
# SPDX-License-Identifier: Apache-2.0
# Sourced by bench/check.sh and bench/batch.sh: make_catalog CARDS DIR builds
# in DIR an offline catalog (models/ORG/NAME/README.md, datasets/...) whose
# entries are symbolic links to the corpus cards of the datasets and base
# models the corpus names.
make_catalog() {
    while read -r kind id file; do
        [ -f "$1/$file" ] || continue
        mkdir -p "$2/$kind/$id"
        ln -s "$(cd "$1" && pwd)/$file" "$2/$kind/$id/README.md"
    done <<'LIST'
datasets c4 dataset-c4.md
datasets allenai/c4 dataset-c4.md
datasets wikipedia dataset-wikipedia.md
datasets bookcorpus dataset-bookcorpus.md
datasets the_pile dataset-the-pile.md
datasets EleutherAI/pile dataset-the-pile.md
datasets cerebras/SlimPajama-627B dataset-slimpajama-627b.md
datasets bigcode/starcoderdata dataset-starcoderdata-the-stack-terms.md
datasets openwebtext dataset-openwebtext.md
models EleutherAI/pythia-6.9b pythia-6.9b.md
models meta-llama/Llama-2-7b-chat-hf llama-2-7b-chat-hf.md
LIST
}
