#!/usr/bin/env bash
# The GPU verification, in one device run (about 7 minutes on an H200; no Java, no network there):
#   1. DJL 0.36's JNI built against the machine's own torch (build_jni.py), the jlinked runtime unpacked;
#   2. doctor, and gpu check on both fixture models: GPU vs CPU greedy decoding (fp32: ids equal,
#      log-probs within 1e-3; bf16 shown), compared with the Hugging Face reference outputs too;
#   3. bench model --shape qwen2.5-0.5b --device gpu in fp32 and bf16: sampling at batch 64 and 256
#      (prompt 128, 256 new tokens), a training step of 16 x 512 tokens;
#   4. a 10-step paper-preset run of a random Qwen2.5-0.5B-shaped model (bench random-model), sizes
#      cut to fit the time (logged), with GPU memory sampled by nvidia-smi throughout.
# Writes OUT/summary.md, OUT/log.txt and the run's small files (at most 8 files in all).
# Usage (repository root, with .gpu/ from prepare.sh): OUT=/tmp/out src/test/gpu-check/run.sh
# Dry run without a GPU or torch: DRY_LIBTORCH=<an extracted DJL CPU libtorch folder with its JNI>
#   DEVICE=cpu, plus smaller sizes (RANDOM_ARGS, BENCH_SIZES, STEPS, PPS, NEW, K) to finish on a small CPU.
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/../../.." && pwd)"
B="$ROOT/.gpu"
OUT="${OUT:-/tmp/out}"
W="${WORK:-/tmp/rmel-gpu}"   # scratch: runtime, JNI cache, random model, run folder
mkdir -p "$OUT" "$W"
SUM="$OUT/summary.md"
: > "$SUM"
exec > >(tee -a "$OUT/log.txt") 2>&1
T0=$(date +%s)
say() { echo; echo "== [$(( $(date +%s) - T0 )) s] $*"; }
BUDGET="${BUDGET:-540}"   # seconds for the whole script; each step gets at most what is left
lim() { local left=$(( BUDGET - ($(date +%s) - T0) )); [ "$left" -lt "$1" ] && echo $(( left > 5 ? left : 5 )) || echo "$1"; }
sum() { echo "$*" >> "$SUM"; }
PY="${PYTHON:-python3}"
DEVICE="${DEVICE:-gpu}"   # 'cpu' for the dry run on a machine without a GPU

say "machine"
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv 2>&1 || echo "(no nvidia-smi)"
nproc; free -g | head -2
sum "# GPU verification"
sum ""
rm -rf $W/jre && tar -C "$W" -xzf "$B/jre.tgz"
JAVA=$W/jre/bin/java
export DJL_CACHE_DIR=$W/djl-cache
if [ -n "${DRY_LIBTORCH:-}" ]; then
  say "dry run on $DRY_LIBTORCH"
  sum "- DRY RUN (no GPU): libtorch $DRY_LIBTORCH, $(nproc) cores"
  export PYTORCH_LIBRARY_PATH="$DRY_LIBTORCH" PYTORCH_VERSION=2.7.1 PYTORCH_FLAVOR=cpu
  CUDART_DIR=/nonexistent
else
  $PY -c 'import torch,sys;print("python", sys.version.split()[0], "torch", torch.__version__, "cuda", torch.version.cuda, "gpu", torch.cuda.get_device_name(0) if torch.cuda.is_available() else None)'
  sum "- machine: $(nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader 2>/dev/null | head -1), $(nproc) cores; $($PY -c 'import torch;print("torch", torch.__version__)')"
  say "JNI"
  TORCH_DIR="$($PY -c 'import torch,os;print(os.path.dirname(torch.__file__))')"
  TV="$($PY -c 'import torch;print(torch.__version__.split("+")[0])')"
  CU="$($PY -c 'import torch;v=torch.version.cuda;print("cu"+v.replace(".","") if v else "cpu")')"
  JNI_DIR="$DJL_CACHE_DIR/pytorch/$TV-$CU-linux-x86_64"
  mkdir -p "$JNI_DIR"
  rm -rf $W/kit && cp -r "$B/kit" $W/kit && chmod -R u+w $W/kit
  if ! timeout "$(lim 300)" $PY "$ROOT/src/test/gpu-check/build_jni.py" $W/kit "$JNI_DIR/0.36.0-libdjl_torch.so"; then
    sum "- JNI build FAILED (see log.txt)"; exit 3
  fi
  sum "- JNI: DJL 0.36.0's sources built against torch $TV ($CU) in $(( $(date +%s) - T0 )) s"
  export PYTORCH_LIBRARY_PATH="$TORCH_DIR/lib" PYTORCH_VERSION="$TV" PYTORCH_FLAVOR="$CU"
  CUDART_DIR="$(dirname "$(find "$(dirname "$TORCH_DIR")/nvidia" /usr/local/cuda*/lib64 -name 'libcudart.so*' 2>/dev/null | head -1)" 2>/dev/null)"
fi
DATA="$B/shared/data/benchmarks"
FIX="$B/shared/fixtures"
export RMEL_DATA_DIR="$DATA"
HEAP="${HEAP:-24g}"
# the command line as a script, so that `timeout` can run it
cat > "$W/rmel" <<REOF
#!/usr/bin/env bash
exec "$JAVA" "-Xmx$HEAP" "-Djna.library.path=$CUDART_DIR" -Dai.djl.offline=true \\
    -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$B/lib/*" org.rmel.Launcher "\$@"
REOF
chmod +x "$W/rmel"
R="$W/rmel"

# GPU memory in the background for the whole run (MiB, every 500 ms)
( nvidia-smi --query-gpu=timestamp,memory.used --format=csv,noheader,nounits -lms 500 > $W/gpumem.csv 2>/dev/null & )
peak() { awk -F', ' -v s="$1" 'NR>s && $2+0>m {m=$2+0} END {printf "%.1f GiB", m/1024}' $W/gpumem.csv 2>/dev/null; }
mark() { wc -l < $W/gpumem.csv 2>/dev/null || echo 0; }

say "doctor"
timeout "$(lim 120)" "$R" doctor --device "$DEVICE" --shape qwen2.5-0.5b --prompt-tokens 128
sum "- doctor: exit $?"

say "gpu check on the fixtures (GPU fp32, GPU bf16, CPU fp32)"
sum ""
sum "## GPU vs CPU on the fixture models (greedy, 24 tokens)"
sum ""
for fx in qwen2-tiny-tied qwen2-tiny-untied; do
  PROMPT="$($PY -c "import json;print(','.join(map(str,json.load(open('$FIX/$fx/reference.json'))['greedy_prompt'])))")"
  timeout "$(lim 120)" "$R" gpu check --device "$DEVICE" --model "$FIX/$fx" --prompt-ids "$PROMPT" --max-new-tokens 24 --json > "$W/check-$fx.jsonl"
  echo "gpu check exit $?"; cat "$W/check-$fx.jsonl"
  $PY - "$FIX/$fx/reference.json" "$W/check-$fx.jsonl" "$fx" >> "$SUM" <<'PYEOF'
import json, sys
ref = json.load(open(sys.argv[1])); runs = [json.loads(l) for l in open(sys.argv[2]) if l.startswith("{")]
p = len(ref["greedy_prompt"]); want = ref["greedy_output"][p:]; ref_lp = ref["greedy_token_logprobs"][p - 1:]
if not runs:
    print(f"- {sys.argv[3]}: gpu check printed nothing (see log.txt)"); sys.exit()
cpu = [r for r in runs if r.get("reference")][0]
def agree(a, b):
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]: n += 1
    return n
for r in runs:
    n_cpu, n_ref = agree(r["ids"], cpu["ids"]), agree(r["ids"], want)
    d_cpu = max([abs(x - y) for x, y in zip(r["logprobs"][:n_cpu], cpu["logprobs"][:n_cpu])] or [0])
    d_ref = max([abs(x - y) for x, y in zip(r["logprobs"][:n_ref], ref_lp[:n_ref])] or [0])
    ok = "" if r.get("reference") or r["precision"] != "fp32" else \
        (" **PASS**" if n_cpu == len(cpu["ids"]) and d_cpu <= 1e-3 else " **FAIL**")
    print(f"- {sys.argv[3]} {r['device']} {r['precision']}: ids equal to CPU for {n_cpu}/{len(cpu['ids'])} steps, "
          f"to the HF reference for {n_ref}/{len(want)}; max |log-prob diff| vs CPU {d_cpu:.2e}, vs reference {d_ref:.2e}{ok}")
PYEOF
done

say "random Qwen2.5-0.5B-shaped model"
rm -rf $W/qwen05
timeout "$(lim 180)" "$R" bench random-model --shape qwen2.5-0.5b ${RANDOM_ARGS:-} --out $W/qwen05
ls -la $W/qwen05

sum ""
sum "## bench model --shape qwen2.5-0.5b (prompt 128, 256 new tokens; training 16 x 512)"
sum ""
for prec in bf16 fp32; do
  say "bench model $prec"
  M=$(mark)
  timeout "$(lim 240)" "$R" bench model --shape qwen2.5-0.5b --device "$DEVICE" --precision "$prec" \
      ${BENCH_SIZES:---batch 64,256 --prompt-tokens 128 --new-tokens 256 --train-batch 16 --train-tokens 512 --matmul-size 8192} \
      --no-recompute \
      | tee "$W/bench-$prec.txt"
  echo "exit ${PIPESTATUS[0]}"
  sed 's/^/    /' "$W/bench-$prec.txt" >> "$SUM"
  sum "    (nvidia-smi peak during this bench: $(peak "$M"))"
  sum ""
done

say "10-step paper-preset run"
rm -rf $W/run-paper
STEPS="${STEPS:-10}"
PPS="${PPS:-16}"
NEW="${NEW:-128}"
M=$(mark)
SETS=(--set steps="$STEPS" --set prompts_per_step="$PPS" --set k="${K:-8}" --set ppo_mini_batch_size=$(( PPS / 4 > 0 ? PPS / 4 : 1 ))
      --set max_new_tokens="$NEW" --set eval_benchmarks=aime24 --set eval_samples=2 --set eval_every="$STEPS"
      --set checkpoint_every="$STEPS" --set micro_batch_size="${MICRO:-16}" --set tasks="$DATA/math500.jsonl")
sum "## train --preset paper, random Qwen2.5-0.5B shape, ${SETS[*]//$DATA\//}"
sum ""
START=$(date +%s)
timeout "$(lim "${TRAIN_LIMIT:-240}")" "$R" train --preset paper --condition r-mel --model $W/qwen05 --device "$DEVICE" \
    --out $W/run-paper "${SETS[@]}"
CODE=$?
sum "- exit $CODE after $(( $(date +%s) - START )) s; nvidia-smi peak $(peak "$M")"
grep -h "memory estimate" $W/run-paper/trainer.log 2>/dev/null | head -1 | sed 's/^/- /' >> "$SUM"
$PY - $W/run-paper/events.jsonl >> "$SUM" <<'PYEOF'
import json, sys
try:
    ev = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
except OSError:
    print("- no events.jsonl"); sys.exit()
steps = [e for e in ev if e.get("type") == "step"]
print(f"- {len(steps)} steps logged; last event: {ev[-1].get('type')} {ev[-1].get('reason', ev[-1].get('error', ''))}")
for e in steps:
    m = e["metrics"]
    keys = [k for k in ("time/step_s", "time/rollout_s", "time/update_s", "tokens/rollout", "loss/total", "memory/device_mb") if k in m]
    print("  - step", e["step"], ", ".join(f"{k} {m[k]:.4g}" for k in keys))
PYEOF
tar -C "$W" -czf "$OUT/run-paper.tgz" --exclude=checkpoints run-paper 2>/dev/null
cp $W/gpumem.csv "$OUT/gpu-memory.csv" 2>/dev/null
sum ""
sum "total $(( $(date +%s) - T0 )) s"
say "done"; cat "$SUM"
