#!/usr/bin/env bash
# Compile-time figures for BENCHMARKS.md: every shipped spec through the
# generator (generated/) against the same two endpoints written by hand with
# serde derives (hand/). Both build without TLS, in debug, in copies under
# target/compile-bench; the two crates take turns, so that drift on a shared
# machine touches both alike. Prints every time, the medians and the ratios.
#
#   bash benches/compile/run.sh            # 1 clean build, 5 of the rest
#   CLEAN_RUNS=2 RUNS=7 bash benches/compile/run.sh
#   CLEAN_RUNS=0 bash benches/compile/run.sh   # no clean-build figure
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
clean_runs=${CLEAN_RUNS:-1}
runs=${RUNS:-5}
work=$root/target/compile-bench
export CARGO_TERM_COLOR=never

rm -rf "$work"
mkdir -p "$work"
cp -r "$root/benches/compile/generated" "$root/benches/compile/hand" "$work/"
mkdir -p "$work/generated/spec"
cp "$root"/spec/*.yaml "$work/generated/spec/"
for crate in generated hand; do
    # The workspace's versions of every shared dependency.
    cp "$root/Cargo.lock" "$work/$crate/"
done

now() { date +%s.%N; }
# build CRATE: seconds for `cargo build` of that crate.
build() {
    local start end
    start=$(now)
    cargo build -q --manifest-path "$work/$1/Cargo.toml" --target-dir "$work/target-$1"
    end=$(now)
    awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f\n", b - a }'
}
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR) print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
declare -A times
record() { times[$1]+="$2 "; printf '  %-28s %6.2f s\n' "$1" "$2"; }

echo "clean build, dependencies included ($clean_runs each)"
for ((i = 1; i <= clean_runs; i++)); do
    for crate in generated hand; do
        rm -rf "$work/target-$crate"
        record "clean $crate" "$(build "$crate")"
    done
done

if ((clean_runs == 0)); then
    # Dependencies built once, untimed.
    for crate in generated hand; do build "$crate" >/dev/null; done
fi

echo "the crate alone, dependencies built ($runs each)"
for ((i = 1; i <= runs; i++)); do
    for crate in generated hand; do
        cargo clean -q -p "compile-$crate" --manifest-path "$work/$crate/Cargo.toml" \
            --target-dir "$work/target-$crate"
        record "crate $crate" "$(build "$crate")"
    done
done

# One line each: the doc of `access_token` in password-token.yaml, and the
# doc comment of the same field in the hand-written code.
echo "rebuild after a one-line edit ($runs each)"
for ((i = 1; i <= runs; i++)); do
    sed -i "s|^      doc: Bearer token for the Kontur.Extern API.*|      doc: Bearer token for the Kontur.Extern API (edit $i).|" \
        "$work/generated/spec/password-token.yaml"
    record "edit generated (YAML)" "$(build generated)"
    sed -i "s|^    /// Bearer token for the Kontur.Extern API.*|    /// Bearer token for the Kontur.Extern API (edit $i).|" \
        "$work/hand/src/lib.rs"
    record "edit hand (Rust)" "$(build hand)"
done
grep -q "(edit $runs)" "$work/generated/spec/password-token.yaml"
grep -q "(edit $runs)" "$work/hand/src/lib.rs"

# values PREFIX: every time recorded under a key that starts with PREFIX.
values() {
    local key
    for key in "${!times[@]}"; do
        if [[ $key == "$1"* ]]; then
            echo "${times[$key]}" | tr ' ' '\n' | grep .
        fi
    done
}

echo "medians"
for what in "clean" "crate" "edit"; do
    g=$(values "$what generated" | median)
    h=$(values "$what hand" | median)
    if [[ -z $g || -z $h ]]; then
        continue
    fi
    awk -v w="$what" -v g="$g" -v h="$h" 'BEGIN { printf "  %-6s generated %6.2f s, hand-written %6.2f s, ratio %.2f\n", w, g, h, g / h }'
done
