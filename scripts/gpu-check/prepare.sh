#!/usr/bin/env bash
# Run here (no GPU needed) before the device run: builds the jar, writes the git-ignored bundle
# .gpu/ that the device run carries (jlinked Java runtime, the trainer's class path, the gpu-kit's
# JNI sources, and the shared fixtures and benchmark files, which do not travel on their own).
# Usage: scripts/gpu-check/prepare.sh   (from the repository root)
set -euo pipefail
cd "$(dirname "$0")/../.."
SHARED="${RMEL_SHARED:-../shared}"
[ -d "$SHARED/gpu-kit" ] || { echo "no $SHARED/gpu-kit here"; exit 1; }
mvn -q -B -o -DskipTests package
bash "$SHARED/gpu-kit/make_bundle.sh" .gpu
rm -rf .gpu/shared && mkdir -p .gpu/shared/data
cp -r "$SHARED/fixtures" .gpu/shared/fixtures
cp -r "$SHARED/data/benchmarks" .gpu/shared/data/benchmarks
chmod -R u+w .gpu
du -sh .gpu
git check-ignore -q .gpu && echo ".gpu is git-ignored: carry it with the device run"
