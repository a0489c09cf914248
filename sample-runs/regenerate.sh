#!/usr/bin/env bash
# Regenerates the bundled sample runs with the real trainer: the built-in model and task suite,
# the `default` preset, seed 1, one run per condition. Checkpoints are dropped to keep the folder
# small (the runs stay readable and analysable; they cannot be resumed).
set -euo pipefail
cd "$(dirname "$0")/.."
jar=target/rmel-workbench.jar
[ -f "$jar" ] || mvn -q -B -DskipTests package
for condition in mel mel-extra r-mel r-mel-no-prefix r-mel-b1 r-mel-adaptive; do
  rm -rf "sample-runs/$condition"
  java -jar "$jar" train --preset default --condition "$condition" --seed 1 --out "sample-runs/$condition"
  rm -rf "sample-runs/$condition/checkpoints"
done
du -sh sample-runs
