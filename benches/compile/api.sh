#!/usr/bin/env bash
# Build times of kontur-extern-api for BENCHMARKS.md, against the same API
# written in the style of code by hand with serde derives over reqwest
# (benches/compile/hand-api, written by benches/compile/hand-gen from the
# same specs). Debug profile, with the defaults of a user's `cargo build`
# (incremental on); neither side with TLS (the API crate without its
# default `rustls`, the hand-written crate without reqwest's TLS).
#
# Both crates build from copies under $WORK (default target/api-bench): the
# repository's files as git lists them (so that the spec edits touch no
# file of the tree) and the hand-written crate regenerated from them (a
# note is printed when the committed crate differs). Each variant, the whole
# API (every group) and one group alone for each group in API_GROUPS
# (default drafts), has its own target directory; the variants take turns
# in every round, so that drift on a shared machine touches them alike.
#
#   bash benches/compile/api.sh                  # 1 clean build each, 3 of the rest
#   CLEAN_RUNS=2 RUNS=5 API_GROUPS="drafts accounts" bash benches/compile/api.sh
#   CLEAN_RUNS=0 bash benches/compile/api.sh     # dependencies built once, untimed
#
# Measured: a clean build with the dependencies; the crate alone with its
# dependencies built (`cargo clean -p` of the crate, for the API its
# client and its generated parts, api/parts/); a rebuild after a
# one-line edit, of a `doc:` line of spec/extern/get-draft.yaml for the API
# crate, whose code is written ahead of time (src/generated/ and the parts
# in api/parts/; this edit lands in api/parts/drafts): the code
# written again (`UPDATE_GENERATED=1 cargo test --release -p
# kontur-extern-codegen --test api_generated`, its test binary built
# beforehand, untimed) and then the build; of the doc comment of the same
# endpoint's method for the hand-written crate. Then the same for a field
# of a type that most groups use (`doc:` of `Link.href` in
# spec/extern/types.yaml, the field's doc comment by hand). Prints every time, then
# medians and ratios.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
clean_runs=${CLEAN_RUNS:-1}
runs=${RUNS:-3}
groups=${API_GROUPS:-drafts}
work=${WORK:-$root/target/api-bench}
export CARGO_TERM_COLOR=never
unset CARGO_TARGET_DIR CARGO_INCREMENTAL CARGO_BUILD_INCREMENTAL

echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); commit: $(git -C "$root" rev-parse --short HEAD)" \
    "$(git -C "$root" diff --quiet HEAD -- . && echo clean || echo '(with uncommitted changes)')"
echo "machine: $(nproc) cores, $(uname -m), $(rustc --version)"
echo "load before: $(uptime)"

rm -rf "$work/src" "$work/hand"
mkdir -p "$work/src"
# The tree as git lists it, working-tree contents (symlinks kept).
git -C "$root" ls-files -z | tar -C "$root" --null -T - -cf - | tar -C "$work/src" -xf -
# The hand-written crate, written again from the copied specs.
cp "$root/Cargo.lock" "$work/src/benches/compile/hand-gen/"
cargo build --quiet --release --manifest-path "$work/src/benches/compile/hand-gen/Cargo.toml" \
    --target-dir "$work/target-hand-gen"
mkdir -p "$work/hand"
"$work/target-hand-gen/release/compile-hand-gen" "$work/src/spec" "$work/hand"
cp "$root/Cargo.lock" "$work/hand/"
if ! diff -rq "$root/benches/compile/hand-api/src" "$work/hand/src" >/dev/null; then
    echo "note: benches/compile/hand-api differs from what hand-gen writes now; measured: what it writes"
fi

gen_manifest=$work/src/Cargo.toml
hand_manifest=$work/hand/Cargo.toml
every_group=$(sed -n 's/^default = \[\(.*\)\]/\1/p' "$work/src/api/Cargo.toml" |
    tr -d '" ' | tr ',' '\n' | grep -vx 'rustls' | paste -sd, -)

# variant -> cargo arguments, and its manifest
declare -A args=(
    [gen-all]="-p kontur-extern-api --no-default-features --features $every_group"
    [hand-all]=""
)
variants=(gen-all hand-all)
for group in $groups; do
    args[gen-$group]="-p kontur-extern-api --no-default-features --features $group"
    args[hand-$group]="--no-default-features --features $group"
    variants+=("gen-$group" "hand-$group")
done
# The API's crates: the client and its generated parts (api/parts/).
api_packages="-p kontur-extern-api $(sed -n 's/^name = "\(kontur-extern-api-[a-z-]*\)"/-p \1/p' \
    "$work"/src/api/parts/*/Cargo.toml | paste -sd' ' -)"
# packages VARIANT: `cargo clean` arguments for the crates measured alone.
packages() { if [[ $1 == gen-* ]]; then echo "$api_packages"; else echo "-p compile-hand-api"; fi; }
manifest() { if [[ $1 == gen-* ]]; then echo "$gen_manifest"; else echo "$hand_manifest"; fi; }

now() { date +%s.%N; }
# build VARIANT: seconds for `cargo build` of it.
build() {
    local start end
    start=$(now)
    # shellcheck disable=SC2086
    cargo build --quiet ${args[$1]} --manifest-path "$(manifest "$1")" --target-dir "$work/target-$1"
    end=$(now)
    awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f\n", b - a }'
}
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR) print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
declare -A times
record() { times[$1]+="$2 "; printf '  %-26s %7.2f s\n' "$1" "$2"; }

echo "clean build, dependencies included ($clean_runs each)"
for ((i = 1; i <= clean_runs; i++)); do
    for variant in "${variants[@]}"; do
        rm -rf "$work/target-$variant"
        record "clean $variant" "$(build "$variant")"
    done
done
for variant in "${variants[@]}"; do
    # Dependencies built, untimed, where no clean build did it.
    build "$variant" >/dev/null
done

echo "the crate alone, dependencies built ($runs each)"
for ((i = 1; i <= runs; i++)); do
    for variant in "${variants[@]}"; do
        # shellcheck disable=SC2046
        cargo clean --quiet $(packages "$variant") --manifest-path "$(manifest "$variant")" \
            --target-dir "$work/target-$variant"
        record "crate $variant" "$(build "$variant")"
    done
done

# One line each, in the whole API's variants: a `doc:` line of the spec of
# `drafts.get`, and the first doc line of its method in the hand-written code.
spec_line='      doc: The account the draft belongs to.'
hand_line='        /// Get a draft, or learn that there is none with this id.'
spec_file=$work/src/spec/extern/get-draft.yaml
hand_file=$work/hand/src/drafts.rs
grep -qxF "$spec_line" "$spec_file"
grep -qxF "$hand_line" "$hand_file"
types_spec=$work/src/spec/extern/types.yaml
hand_types=$work/hand/src/extern_types.rs
grep -qxF '        doc: Absolute URL of the linked resource.' "$types_spec"
grep -qxF '    /// Absolute URL of the linked resource.' "$hand_types"
types_generated=$work/src/api/parts/types/src/generated.rs
# The drafts' crate's code, where the edit lands (the others stay as they were).
generated=$work/src/api/parts/drafts/src/generated.rs
# regenerate: seconds to write the API crate's code again from the specs.
regenerate() {
    local start end
    start=$(now)
    UPDATE_GENERATED=1 cargo test --quiet --release -p kontur-extern-codegen --test api_generated \
        --manifest-path "$gen_manifest" --target-dir "$work/target-regen" >/dev/null
    end=$(now)
    awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f\n", b - a }'
}
cargo test --quiet --release --no-run -p kontur-extern-codegen --test api_generated \
    --manifest-path "$gen_manifest" --target-dir "$work/target-regen" 2>/dev/null
echo "rebuild after a one-line edit ($runs each)"
for ((i = 1; i <= runs; i++)); do
    sed -i "s|^      doc: The account the draft belongs to.*|      doc: The account the draft belongs to (edit $i).|" "$spec_file"
    grep -qF "(edit $i)" "$spec_file"
    written=$(regenerate)
    record "regenerate (YAML)" "$written"
    # The code was written again: the edit is in it.
    grep -qF "(edit $i)" "$generated"
    built=$(build gen-all)
    record "edit gen-all (build)" "$built"
    record "edit gen-all (YAML)" "$(awk -v a="$written" -v b="$built" 'BEGIN { printf "%.2f", a + b }')"
    sed -i "s|^        /// Get a draft, or learn that there is none with this id.*|        /// Get a draft, or learn that there is none with this id (edit $i).|" "$hand_file"
    grep -qF "(edit $i)" "$hand_file"
    record "edit hand-all (Rust)" "$(build hand-all)"
    # The same for a field of a type that most groups use (`Link.href`),
    # whose code is in the types' crate that every group's crate names.
    sed -i "s|^        doc: Absolute URL of the linked resource.*|        doc: Absolute URL of the linked resource (edit $i).|" "$types_spec"
    grep -qF "(edit $i)" "$types_spec"
    written=$(regenerate)
    grep -qF "(edit $i)" "$types_generated"
    built=$(build gen-all)
    record "type edit gen-all (YAML)" "$(awk -v a="$written" -v b="$built" 'BEGIN { printf "%.2f", a + b }')"
    sed -i "s|^    /// Absolute URL of the linked resource.*|    /// Absolute URL of the linked resource (edit $i).|" "$hand_types"
    grep -qF "(edit $i)" "$hand_types"
    record "type edit hand-all (Rust)" "$(build hand-all)"
done

echo "load after: $(uptime)"
echo "generated code: $(cat "$work"/src/api/src/generated/*.rs "$work"/src/api/parts/*/src/generated.rs | wc -l) lines" \
    "(the client and its parts, every group); hand-written: $(cat "$work"/hand/src/*.rs | wc -l) lines"

# values PREFIX: every time recorded under the key PREFIX.
values() { echo "${times[$1]:-}" | tr ' ' '\n' | grep . || true; }
echo "medians"
for what in clean crate; do
    for variant in "${variants[@]}"; do
        m=$(values "$what $variant" | median)
        [[ -n $m ]] && printf '  %-6s %-14s %7.2f s\n' "$what" "$variant" "$m"
    done
done
ratio() {
    local a b
    a=$(values "$1" | median)
    b=$(values "$2" | median)
    [[ -n $a && -n $b ]] && awk -v n="$3" -v a="$a" -v b="$b" 'BEGIN { printf "  %-52s %.2f\n", n, a / b }'
    return 0
}
echo "ratios (of medians)"
for what in clean crate; do
    ratio "$what gen-all" "$what hand-all" "$what: generated / hand-written, every group"
    for group in $groups; do
        ratio "$what gen-$group" "$what hand-$group" "$what: generated / hand-written, $group"
        ratio "$what gen-$group" "$what gen-all" "$what: generated, $group / every group"
        ratio "$what hand-$group" "$what hand-all" "$what: hand-written, $group / every group"
    done
done
for what in "regenerate (YAML)" "edit gen-all (build)" "edit gen-all (YAML)" "edit hand-all (Rust)"; do
    printf '  %-26s %7.2f s\n' "$what" "$(values "$what" | median)"
done
ratio "edit gen-all (YAML)" "edit hand-all (Rust)" "rebuild after a one-line edit (written again and built): generated / hand-written"
ratio "edit gen-all (build)" "edit hand-all (Rust)" "the build alone after it: generated / hand-written"
for what in "type edit gen-all (YAML)" "type edit hand-all (Rust)"; do
    printf '  %-26s %7.2f s\n' "$what" "$(values "$what" | median)"
done
ratio "type edit gen-all (YAML)" "type edit hand-all (Rust)" "the same for a shared type's field: generated / hand-written"
