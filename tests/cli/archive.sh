#!/bin/sh
# Archives as releases: every compression, zip and 7z give the manifest of
# the folder they were made from; hostile entries become findings.
. "$top_srcdir/tests/cli/lib.sh"

for tool in tar gzip bzip2 xz zstd zip 7z truncate timeout "${PYTHON3:-python3}"; do
    command -v "$tool" >/dev/null 2>&1 || { echo "archive.sh: $tool not installed: skip"; exit 77; }
done

cd "$T" || exit 99
mkdir -p model-1.0/weights model-1.0/docs
printf -- '---\nlicense: apache-2.0\n---\n# Model\n' >model-1.0/README.md
head -c 300000 /dev/urandom >model-1.0/weights/w.bin
printf '{"model_type": "x"}' >model-1.0/config.json
printf 'notes' >model-1.0/docs/notes.md
"$TRULYOPEN" hash -q -o dir.json model-1.0 || fail "hash of the folder"

tar cf m.tar model-1.0
tar czf m.tar.gz model-1.0
cp m.tar.gz m.tgz
tar cjf m.tar.bz2 model-1.0
tar cJf m.tar.xz model-1.0
tar --zstd -cf m.tar.zst model-1.0
zip -qr m.zip model-1.0
7z a -bso0 -bsp0 m.7z model-1.0
cp m.tar.xz renamed-without-extension
for a in m.tar m.tar.gz m.tgz m.tar.bz2 m.tar.xz m.tar.zst m.zip m.7z renamed-without-extension; do
    run 0 "$TRULYOPEN" hash "$a"
    same out dir.json
    lines err 0
done
# entries named "./x" (tar run inside the folder): same again
(cd model-1.0 && tar czf ../dot.tar.gz .)
run 0 "$TRULYOPEN" hash dot.tar.gz
same out dir.json
lines err 0

# the ignore rules apply inside archives too, to the final paths
mkdir -p model-1.0/.git
printf '[core]' >model-1.0/.git/config
printf 'x' >model-1.0/docs/x.tmp
tar czf ign.tar.gz model-1.0
run 0 "$TRULYOPEN" hash --ignore '*.tmp' ign.tar.gz
same out dir.json
run 0 "$TRULYOPEN" hash --ignore 'docs/' --ignore 'weights/*.bin' ign.tar.gz
lacks out 'docs/'
lacks out 'w.bin'
has out '"path": "README.md"'
run 0 "$TRULYOPEN" hash --no-default-ignores ign.tar.gz
has out '"path": ".git/config"'
has out '"path": "docs/x.tmp"'
rm -r model-1.0/.git model-1.0/docs/x.tmp

# a compressed file that is not an archive stays one artifact
gzip -c model-1.0/config.json >config.json.gz
run 0 "$TRULYOPEN" hash config.json.gz
has out '"path": "config.json.gz"'
lines err 0

# a PyTorch checkpoint is a zip, but one artifact
cp m.zip pytorch_model.bin
run 0 "$TRULYOPEN" hash pytorch_model.bin
has out '"path": "pytorch_model.bin"'

# hostile names, duplicates and links, written with Python's tarfile/zipfile
"${PYTHON3:-python3}" - <<'PY' || fail "python fixtures"
import io, tarfile, zipfile
def add(t, name, data=b"x", kind=tarfile.REGTYPE, link=""):
    ti = tarfile.TarInfo(name)
    ti.type = kind
    ti.linkname = link
    ti.size = len(data) if kind == tarfile.REGTYPE else 0
    t.addfile(ti, io.BytesIO(data) if kind == tarfile.REGTYPE else None)
with tarfile.open("evil.tar.gz", "w:gz", format=tarfile.PAX_FORMAT) as t:
    add(t, "pkg/ok.txt", b"first")
    add(t, "../../etc/cron.d/evil")
    add(t, "/etc/passwd")
    add(t, "pkg/../../up")
    add(t, "pkg/ok.txt", b"second")
    add(t, "pkg/link", kind=tarfile.SYMTYPE, link="/etc/shadow")
    add(t, "pkg/hard", kind=tarfile.LNKTYPE, link="pkg/ok.txt")
    add(t, "pkg/dev", kind=tarfile.CHRTYPE)
with zipfile.ZipFile("evil.zip", "w") as z:
    z.writestr("pkg/ok.txt", b"first")
    z.writestr(zipfile.ZipInfo("../evil.txt"), b"x")
    z.writestr(zipfile.ZipInfo("/abs.txt"), b"x")
    z.writestr(zipfile.ZipInfo("pkg/dup.txt"), b"one")
    z.writestr(zipfile.ZipInfo("pkg/dup.txt"), b"two")
PY
run 0 "$TRULYOPEN" hash evil.tar.gz
has out "{\"path\": \"ok.txt\", \"size\": 5, \"sha256\": \"$(printf first | sha256sum | cut -d' ' -f1)\""
lines out 8
has err 'trulyopen: ../../etc/cron.d/evil: error: unsafe entry name'
has err 'trulyopen: /etc/passwd: error: unsafe entry name (absolute path); skipped'
has err 'trulyopen: pkg/../../up: error: unsafe entry name'
has err 'trulyopen: ok.txt: warning: appears again in the archive; the first copy is kept'
has err 'trulyopen: link: warning: a symbolic link in the archive'
has err 'trulyopen: hard: warning: a hard link in the archive'
has err 'trulyopen: dev: warning: a device or special entry in the archive'
run 0 "$TRULYOPEN" hash -q evil.tar.gz
lines err 0
run 0 "$TRULYOPEN" hash evil.zip
has err 'trulyopen: ../evil.txt: error: unsafe entry name'
has err 'trulyopen: /abs.txt: error: unsafe entry name'
has err 'trulyopen: dup.txt: warning: appears again in the archive'
has out "\"path\": \"dup.txt\", \"size\": 3, \"sha256\": \"$(printf one | sha256sum | cut -d' ' -f1)\""

# truncated and corrupt archives: a finding naming the entry, never a crash,
# and no manifest (it would leave the unread rest out)
head -c 150000 m.tar.gz >cut.tar.gz
run 2 "$TRULYOPEN" hash cut.tar.gz
has err 'error: archive corrupt or truncated'
has err 'a manifest would leave out what was not'
lines out 0
head -c 100 m.tar.zst >cut.tar.zst
run 2 "$TRULYOPEN" hash cut.tar.zst
has err 'archive corrupt or truncated'
printf 'not a zip at all' >bad.zip
run 2 "$TRULYOPEN" hash bad.zip
has err 'trulyopen: bad.zip: error: archive corrupt or truncated'
run 0 "$TRULYOPEN" inspect -f json bad.zip
has out '"artifacts": []'

# an encrypted entry cannot be read: a warning for it (it was not checked;
# only a policy counts that against the release), the others are kept
printf 'secret' >s.txt
printf 'open' >o.txt
zip -q -P pw enc.zip s.txt
zip -q enc.zip o.txt
# the release lacks it, so hash refuses a manifest that would leave it out
run 2 "$TRULYOPEN" hash enc.zip
has err 'trulyopen: s.txt: warning: encrypted: its content cannot be read without the password and was not checked'
has err 'a manifest would leave out what was not'
lines out 0
run 0 "$TRULYOPEN" inspect enc.zip
grep -qx 'o.txt' out || fail "o.txt is not listed"
! grep -qx 's.txt' out || fail "s.txt is listed"
# and verify says it could not be read, against a manifest of both files
zip -q plain.zip s.txt o.txt
"$TRULYOPEN" hash -q -o plain.json plain.zip || fail "hash of plain.zip"
run 1 "$TRULYOPEN" verify -q enc.zip plain.json
has out 'unreadable s.txt'
lines out 1

# a sparse file: its holes hash as the zeros they stand for
dd if=/dev/urandom of=sparse.img bs=4096 count=2 seek=1000 2>/dev/null
printf 'tail' >>sparse.img
tar -S -cf sparse.tar sparse.img
run 0 "$TRULYOPEN" hash sparse.tar
has out "{\"path\": \"sparse.img\", \"size\": $(wc -c <sparse.img), \"sha256\": \"$(sha256_of sparse.img)\""
lines err 0

# a decompression bomb: 3 GiB of holes in a small archive stop the reading,
# and no manifest is written (tests/cli/limits.sh: zip and gzip bombs)
truncate -s 3G bomb.img
tar -S -cf bomb.tar bomb.img
run 2 timeout 120 "$TRULYOPEN" hash bomb.tar
has err 'trulyopen: bomb.img: error: archive expands to over 100 times the'
has err '(limits.max_expand_ratio): reading stopped'
lines out 0

finish
