#!/usr/bin/env bash
# Regenerates the bundled sample runs with the real trainer: the built-in model and task suite,
# the `default` preset, seed 1, one run per condition. Each run is trained into a temporary
# folder and moved into place only when it finished ("run_finished" with reason "completed"),
# so a failure or an interruption leaves the previous sample runs as they were. Checkpoints are
# dropped to keep the folder small (the runs stay readable and analysable; they cannot be resumed).
#
#   sample-runs/regenerate.sh                 # all six conditions, one after the other
#   JOBS=2 sample-runs/regenerate.sh          # two trainers at a time (each uses one core)
#   sample-runs/regenerate.sh r-mel mel       # only these conditions
#
# It rebuilds the jar when any source is newer than it, and prints each run's time and the
# machine's load average, then the total.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=target/rmel-workbench.jar
if [ ! -f "$jar" ] || [ -n "$(find src pom.xml -newer "$jar" -print -quit)" ]; then
  mvn -q -B -DskipTests package
fi
conditions=("$@")
[ ${#conditions[@]} -gt 0 ] || conditions=(mel mel-extra r-mel r-mel-no-prefix r-mel-b1 r-mel-adaptive)
jobs=${JOBS:-1}
work=$(mktemp -d "${TMPDIR:-/tmp}/rmel-samples.XXXXXX")
trap 'rm -rf "$work"' EXIT
start=$(date +%s)

train_one() {
  local condition=$1 t0 t1
  t0=$(date +%s)
  if ! java -jar "$jar" train --preset default --condition "$condition" --seed 1 --out "$work/$condition" \
      > "$work/$condition.out" 2>&1; then
    echo "error: $condition: the trainer failed; its last lines:" >&2
    tail -n 20 "$work/$condition.out" >&2
    return 1
  fi
  if ! tail -n 1 "$work/$condition/events.jsonl" | grep -q '"reason":"completed"'; then
    echo "error: $condition: the run did not complete" >&2
    return 1
  fi
  rm -rf "$work/$condition/checkpoints"
  t1=$(date +%s)
  echo "$condition: $((t1 - t0)) s (load average $(cut -d' ' -f1-3 /proc/loadavg))"
}

pids=()
for condition in "${conditions[@]}"; do
  train_one "$condition" &
  pids+=($!)
  while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do sleep 2; done
done
failed=0
for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
[ "$failed" -eq 0 ] || { echo "error: not every run completed; sample-runs/ left unchanged" >&2; exit 1; }

for condition in "${conditions[@]}"; do
  rm -rf "sample-runs/$condition"
  mv "$work/$condition" "sample-runs/$condition"
done
echo "total: $(( $(date +%s) - start )) s for ${#conditions[@]} runs, JOBS=$jobs"
du -sh sample-runs
