#!/usr/bin/env python3
"""Builds DJL 0.36.0's PyTorch JNI (libdjl_torch.so) against the torch installed here, like
../shared/gpu-kit/build_jni.sh, but survives API drift in newer torch releases: every source file
is compiled on its own (in parallel); a file that fails is patched and compiled again.

Patches, in order:
  1. known ones: TorchScript's graph-executor switch becomes a no-op when its header is gone, the
     legacy profiler (removed in newer torch) is cut out;
  2. generic: each JNI function whose body fails to compile is replaced by one that throws
     ai.djl.engine.EngineException("... not available in this build"), so everything else loads.
The trainer never calls the profiler; every stubbed function is printed.

Usage: build_jni.py KIT_DIR OUT_SO
"""
import concurrent.futures
import os
import re
import subprocess
import sys

KIT, OUT_SO = sys.argv[1], sys.argv[2]
PY = sys.executable
import torch  # noqa: E402

TORCH_DIR = os.path.dirname(torch.__file__)
ABI = int(torch._C._GLIBCXX_USE_CXX11_ABI)
FLAGS = ["-O2", "-fPIC", "-std=c++17", f"-D_GLIBCXX_USE_CXX11_ABI={ABI}", "-w",
         f"-I{TORCH_DIR}/include", f"-I{TORCH_DIR}/include/torch/csrc/api/include",
         f"-I{KIT}/jni", f"-I{KIT}/jni/linux", f"-I{KIT}/include", f"-I{KIT}/src"]
SRC = os.path.join(KIT, "src")
OBJ = os.path.join(KIT, "obj")
os.makedirs(OBJ, exist_ok=True)
print(f"torch {torch.__version__} (CUDA {torch.version.cuda}) at {TORCH_DIR}, cxx11 abi {ABI}", flush=True)


def compile_one(path):
    obj = os.path.join(OBJ, os.path.basename(path)[:-3] + ".o")
    r = subprocess.run(["g++", *FLAGS, "-c", path, "-o", obj], capture_output=True, text=True)
    return path, r.returncode, r.stderr


def source(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def aliases(text):
    """c10::optional/nullopt are only aliases of std:: since torch 2.4 (as the kit's build_jni.sh does)."""
    return text.replace("c10::optional", "std::optional").replace("c10::nullopt", "std::nullopt")


def known_patches(path, text):
    """For a file that failed: the parts known to drift in newer torch releases."""
    out = text
    if "update_graph_executor_opt.h" in out:
        out = out.replace("#include <torch/csrc/jit/python/update_graph_executor_opt.h>", "")
        out = out.replace("torch::jit::setGraphExecutorOptimize(jenabled);", "(void) jenabled; // not in this torch")
        print(f"  {os.path.basename(path)}: setGraphExecutorOptimize made a no-op", flush=True)
    if "profiler_legacy" in out and os.path.basename(path).endswith("_system.cc"):
        # the legacy profiler: its helpers (code templates, event writer) and the two JNI entry points
        out = re.sub(r"using namespace torch::autograd::profiler;", "", out)
        out = re.sub(r"// clang-format off\n#ifdef V1_10_X\n.*?code_template\.h>\n#endif\n", "", out, flags=re.S)
        start = out.find("// the code snippet is copied from torch/csrc/autograd/profiler_legacy.cpp")
        end = out.find("// end of copies")
        if 0 <= start < end:
            out = out[:start] + out[end:]
        for fn in ("torchStartProfile", "torchStopProfile"):
            out = stub_jni(out, "Java_ai_djl_pytorch_jni_PyTorchLibrary_" + fn)
    return out


def body_span(text, start):
    """Index of the '{' that opens the function starting at start, and one past its '}'."""
    i = text.index("{", start)
    depth = 0
    for j in range(i, len(text)):
        if text[j] == "{":
            depth += 1
        elif text[j] == "}":
            depth -= 1
            if depth == 0:
                return i, j + 1
    raise ValueError("unbalanced braces")


DEFAULTS = {"void": "return;", "jboolean": "return JNI_FALSE;"}


def stub_jni(text, name):
    m = re.search(r"JNIEXPORT\s+(\w+)\s+JNICALL\s+" + re.escape(name) + r"\s*\(", text)
    if not m:
        return text
    a, b = body_span(text, m.start())
    ret = m.group(1)
    value = DEFAULTS.get(ret, "return 0;" if ret in ("jint", "jlong", "jfloat", "jdouble", "jbyte", "jshort", "jchar")
                         else "return nullptr;")
    stub = ('{\n  env->ThrowNew(env->FindClass("ai/djl/engine/EngineException"), "' + name.split("_")[-1]
            + ' is not available in this build (stubbed for torch ' + torch.__version__ + ')");\n  ' + value + "\n}")
    print(f"  stubbed {name} (does not compile against torch {torch.__version__})", flush=True)
    return text[:a] + stub + text[b:]


def failing_functions(text, stderr, path):
    """JNI functions enclosing the error lines the compiler reports for this file."""
    names = set()
    lines = text.split("\n")
    for m in re.finditer(re.escape(os.path.basename(path)) + r":(\d+):\d+: error", stderr):
        n = int(m.group(1)) - 1
        for k in range(min(n, len(lines) - 1), -1, -1):
            f = re.search(r"(Java_ai_djl_pytorch_jni_\w+)\s*\(", lines[k])
            if f and "JNIEXPORT" in " ".join(lines[max(0, k - 2):k + 1]):
                names.add(f.group(1))
                break
    return names


files = sorted(os.path.join(SRC, f) for f in os.listdir(SRC) if f.endswith(".cc") or f.endswith(".h"))
for path in files:
    write(path, aliases(source(path)))
files = [f for f in files if f.endswith(".cc")]
todo = files
for attempt in range(4):
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 4) as pool:
        results = list(pool.map(compile_one, todo))
    failed = [(p, err) for p, code, err in results if code != 0]
    print(f"round {attempt + 1}: {len(todo) - len(failed)} of {len(todo)} files compiled", flush=True)
    if not failed:
        break
    todo = []
    for path, err in failed:
        text = source(path)
        patched = known_patches(path, text) if attempt == 0 else text
        if patched == text:
            names = failing_functions(text, err, path)
            if not names:
                print(f"FAILED {os.path.basename(path)} outside any JNI function:\n" + "\n".join(err.splitlines()[:30]))
                sys.exit(3)
            for name in names:
                patched = stub_jni(patched, name)
        write(path, patched)
        todo.append(path)
else:
    print("FAILED: files still do not compile after stubbing")
    sys.exit(3)

objs = sorted(os.path.join(OBJ, f) for f in os.listdir(OBJ) if f.endswith(".o"))
r = subprocess.run(["g++", "-shared", "-o", OUT_SO, *objs, f"-L{TORCH_DIR}/lib", "-Wl,--no-as-needed",
                    "-ltorch", "-ltorch_cpu", "-lc10", f"-Wl,-rpath,{TORCH_DIR}/lib"], capture_output=True, text=True)
if r.returncode != 0:
    print("link FAILED:\n" + r.stderr[:4000])
    sys.exit(3)
print(f"built {OUT_SO} ({os.path.getsize(OUT_SO)} bytes)", flush=True)
