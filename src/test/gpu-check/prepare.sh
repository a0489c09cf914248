#!/usr/bin/env bash
# Run here (no GPU needed) before the device run: builds the jar, writes the git-ignored bundle
# .gpu/ that the device run carries (jlinked Java runtime, the trainer's class path, the gpu-kit's
# JNI sources, and the shared fixtures and benchmark files, which do not travel on their own).
# Usage: src/test/gpu-check/prepare.sh   (from the repository root)
set -euo pipefail
cd "$(dirname "$0")/../../.."
SHARED="${RMEL_SHARED:-}"
for d in ../shared ../../shared /work/shared; do
  [ -z "$SHARED" ] && [ -d "$d/gpu-kit" ] && SHARED="$d"
done
[ -d "$SHARED/gpu-kit" ] || { echo "no shared folder with gpu-kit found; set RMEL_SHARED"; exit 1; }
mvn -q -B -o -DskipTests package
bash "$SHARED/gpu-kit/make_bundle.sh" .gpu
rm -rf .gpu/shared && mkdir -p .gpu/shared/data/benchmarks
cp -r "$SHARED/fixtures" .gpu/shared/fixtures
cp "$SHARED/data/benchmarks/math500.jsonl" "$SHARED/data/benchmarks/aime24.jsonl" .gpu/shared/data/benchmarks/
chmod -R u+w .gpu
# the device is Linux x86-64: drop the other platforms' native libraries (the tokenizers jar is
# 19 MB, mostly four platforms' copies), so the working tree and .gpu stay under the 64 MiB a run carries
python3 - .gpu/lib <<'PYEOF'
import os, sys, zipfile
keep = ("linux-x86_64", "linux-x86-64")
platforms = ("linux-aarch64", "linux-arm", "linux-ppc", "linux-s390", "linux-loongarch", "linux-riscv", "linux-mips",
             "linux-x86/", "osx-", "darwin", "win-", "win32", "aix-", "sunos", "freebsd", "openbsd", "dragonfly")
for name in os.listdir(sys.argv[1]):
    if not name.endswith(".jar"):
        continue
    path = os.path.join(sys.argv[1], name)
    with zipfile.ZipFile(path) as z:
        entries = z.infolist()
        drop = [e for e in entries if any(p in e.filename for p in platforms) and not any(k in e.filename for k in keep)]
        if not drop:
            continue
        tmp = path + ".tmp"
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as out:
            for e in entries:
                if e not in drop:
                    out.writestr(e, z.read(e.filename))
    os.replace(tmp, path)
    print(f"  {name}: dropped {len(drop)} entries for other platforms")
PYEOF
du -sh .gpu
TREE=$(git ls-files -z | xargs -0 du -cb 2>/dev/null | tail -1 | cut -f1)
GPU=$(du -sb .gpu | cut -f1)
echo "travels: working tree $(( TREE / 1048576 )) MiB + .gpu $(( GPU / 1048576 )) MiB = $(( (TREE + GPU) / 1048576 )) MiB (limit 64 MiB)"
[ $(( TREE + GPU )) -lt $(( 64 * 1048576 )) ] || { echo "too large for one device run"; exit 1; }
git check-ignore -q .gpu && echo ".gpu is git-ignored: carry it with the device run"
