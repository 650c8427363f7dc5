#!/usr/bin/env bash
# Times a 36-month plan of each built-in preset on this machine twice: with the build the "plan under
# 20 µs" target was first measured on (353d444: 13.4–18.7 µs on that machine), and with the working tree.
# The ratio between the two machines is the reference build's time here over its time there; divide this
# tree's times by it to compare them with the target. Rounds alternate, so both see the same machine.
# Usage: scripts/reference-speed.sh [rounds] [plans-per-round]
set -euo pipefail
reference=353d444
rounds=${1:-3}
plans=${2:-3000}
root=$(git rev-parse --show-toplevel)
work=$(mktemp -d)
trap 'git -C "$root" worktree remove --force "$work/reference" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

git -C "$root" worktree add --detach "$work/reference" "$reference" >/dev/null 2>&1
mkdir -p "$work/reference/examples"
cp "$root/examples/plan_speed.rs" "$work/reference/examples/"
# The reference build predates this file's lint attributes; its crate is checked less strictly.
(cd "$work/reference" && CARGO_TARGET_DIR="$work/target-reference" \
    cargo build --quiet --release --example plan_speed 2>/dev/null)
(cd "$root" && cargo build --quiet --release --example plan_speed)

for _ in $(seq "$rounds"); do
    echo "reference $reference: $("$work/target-reference/release/examples/plan_speed" "$plans")"
    echo "this tree:         $("$root/target/release/examples/plan_speed" "$plans")"
done
