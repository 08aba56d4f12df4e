#!/usr/bin/env bash
# Build times of kontur-extern-api for BENCHMARKS.md: the whole crate (every
# group) against one group (`--no-default-features --features drafts,rustls`),
# each as a clean build with its dependencies (a target directory of its own
# under target/api-bench) and as the crate alone with its dependencies
# built (`cargo clean -p kontur-extern-api` between runs), debug profile.
#
#   bash benches/compile/api.sh          # 1 clean build each, 3 of the crate alone
#   RUNS=5 bash benches/compile/api.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
runs=${RUNS:-3}
work=$root/target/api-bench
export CARGO_TERM_COLOR=never
unset CARGO_TARGET_DIR
cd "$root"

now() { date +%s.%N; }
declare -A args=(
    [all]=""
    [drafts]="--no-default-features --features drafts,rustls"
)
for variant in all drafts; do
    rm -rf "$work/$variant"
    start=$(now)
    # shellcheck disable=SC2086
    cargo build --quiet -p kontur-extern-api ${args[$variant]} --target-dir "$work/$variant"
    echo "$variant clean build, dependencies included: $(echo "$(now) - $start" | bc) s"
done
for run in $(seq "$runs"); do
    for variant in all drafts; do
        cargo clean --quiet -p kontur-extern-api --target-dir "$work/$variant"
        start=$(now)
        # shellcheck disable=SC2086
        cargo build --quiet -p kontur-extern-api ${args[$variant]} --target-dir "$work/$variant"
        echo "$variant the crate alone (run $run): $(echo "$(now) - $start" | bc) s"
    done
done
