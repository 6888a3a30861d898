#!/usr/bin/env bash
# Out-of-line memcpy/memset calls and instructions per Hessian, monodual's
# HyperDual next to hyperjet's Jet2 on the same code, counted by callgrind.
#
#   bash compare/benches/memcpy_count.sh [CASE N]...
#
# With no arguments it runs the factorizations at N = 4…9 and the benchmark
# functions at N = 2…32. Each case runs the example `hessian_calls` with 1
# and with 1 + CALLS Hessians; the difference divided by CALLS is one call,
# without the program's start-up. Columns: instructions per call,
# memcpy + memset (+ memmove) calls per call, and their share of the
# instructions. EXAMPLE=gradient_calls counts gradients instead (Dual
# against Jet1; cases rosenbrock, transcendental, quadratic).
# ONLY_MONODUAL=1 skips the hyperjet runs.
set -euo pipefail
cd "$(dirname "$0")/../.."
example=${EXAMPLE:-hessian_calls}
cargo build --release -q -p monodual-compare --example "$example"
bin=target/release/examples/$example
calls=${CALLS:-50}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# instructions, memory-routine calls and their instructions in one callgrind file
summarize() {
    python3 - "$1" <<'PY'
import re, sys
names, total, mem_calls, mem_ir = {}, 0, 0, 0
fn = cfn = None
pending_calls = None
memory = re.compile(r"mem(cpy|set|move)")
def name_of(field):
    m = re.match(r"\((\d+)\)(?: (.*))?", field)
    if not m:
        return field
    if m.group(2):
        names[m.group(1)] = m.group(2)
    return names.get(m.group(1), "")
for line in open(sys.argv[1]):
    line = line.rstrip("\n")
    if line.startswith("fn="):
        fn = name_of(line[3:]); pending_calls = None
    elif line.startswith("cfn="):
        cfn = name_of(line[4:])
    elif line.startswith("calls="):
        pending_calls = int(line[6:].split()[0])
    elif line and (line[0].isdigit() or line[0] in "+-*"):
        parts = line.split()
        ir = int(parts[1]) if len(parts) > 1 else 0
        if pending_calls is not None:
            # the cost line after calls= is inclusive cost of the call
            if memory.search(cfn or "") and not memory.search(fn or ""):
                mem_calls += pending_calls
                mem_ir += ir
            pending_calls = None
        else:
            total += ir
print(total, mem_calls, mem_ir)
PY
}

count() {
    local case=$1 n=$2 library=$3
    local results=()
    for k in 1 $((calls + 1)); do
        valgrind --tool=callgrind --callgrind-out-file="$out/cg" "$bin" "$case" "$n" "$library" "$k" >/dev/null 2>&1
        results+=("$(summarize "$out/cg")")
    done
    read -r t1 c1 m1 <<<"${results[0]}"
    read -r t2 c2 m2 <<<"${results[1]}"
    python3 -c "
t=($t2-$t1)/$calls; c=($c2-$c1)/$calls; m=($m2-$m1)/$calls
print(f'{\"$case\":18s} {$n:3d} {\"$library\":9s} {t:12.0f} instr  {c:8.1f} mem calls  {100*m/t if t else 0:5.1f}% in mem routines')"
}

cases=("$@")
if [ ${#cases[@]} -eq 0 ]; then
    for n in 4 5 6 7 8 9; do cases+=(cholesky "$n" lu "$n" nalgebra_cholesky "$n" nalgebra_lu "$n"); done
    for n in 2 4 8 16 32; do cases+=(rosenbrock "$n" transcendental "$n"); done
fi
for ((i = 0; i < ${#cases[@]}; i += 2)); do
    case=${cases[i]} n=${cases[i + 1]}
    count "$case" "$n" monodual
    [ -n "${ONLY_MONODUAL:-}" ] && continue
    case $case in nalgebra_*) ;; *) count "$case" "$n" hyperjet ;; esac
done
