#!/usr/bin/env bash
# loginhelp benchmarks, in one run: builds the release binary and a Rust
# hello-world with the same profile (benches/tools), then measures
#   - start-up: a full scripted walk to an outcome, `list`, and the hello-world,
#     in interleaved rounds (hello, walk, list, hello, walk, list, ...) so that
#     a busy neighbour slows all three alike; the samples of every round are
#     pooled and their medians compared
#   - `validate` of generated trees of 1k, 10k and 100k nodes (and loading the
#     same trees through --services-dir, which parses them once)
#   - peak memory (max RSS) of the scripted walk, and the binary's size
# and compares them with the targets of the issue. Not run by `cargo test`.
#
#   bash benches/run.sh            # from anywhere in the repository
#
# Needs hyperfine and GNU time (Debian/Ubuntu: apt-get install hyperfine time).
# Timings on a shared or busy machine vary; medians of many runs are compared.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

missing=()
command -v hyperfine >/dev/null 2>&1 || missing+=("hyperfine")
[ -x /usr/bin/time ] && /usr/bin/time -v true >/dev/null 2>&1 || missing+=("time (GNU time, /usr/bin/time)")
command -v cargo >/dev/null 2>&1 || missing+=("cargo (https://rustup.rs)")
if [ ${#missing[@]} -gt 0 ]; then
  echo "benches/run.sh: missing: ${missing[*]}" >&2
  echo "install them with: sudo apt-get update && sudo apt-get install -y hyperfine time" >&2
  echo "(or: cargo install hyperfine)" >&2
  exit 2
fi

target=${CARGO_TARGET_DIR:-$root/target}
echo "== building (release profile, target dir $target)"
cargo build --release --quiet
cargo build --release --quiet --manifest-path benches/tools/Cargo.toml --target-dir "$target"
bin=$target/release/loginhelp
hello=$target/release/bench-hello
gen=$target/release/gen-tree

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for n in 1000 10000 100000; do
  mkdir -p "$work/dir-$n"
  "$gen" "$n" > "$work/dir-$n/generated.toml"
done

# The same isolated environment the tests use.
while IFS= read -r name; do unset "$name"; done < <(env | sed -n 's/^\(LOGINHELP_[A-Za-z0-9_]*\)=.*/\1/p')
export NO_COLOR=1 LANG=C
unset LC_ALL LC_MESSAGES

# A scripted walk that reaches an outcome (found with `loginhelp answers
# amazon` and `loginhelp amazon --no-input --format json`): the takeover
# answer leads through the protective steps to the escalation.
walk="$bin amazon -a symptom=hacked --format json --lang en"
if ! $walk | grep -q '"status": "escalated"'; then
  echo "benches/run.sh: the scripted walk no longer reaches an outcome: $walk" >&2
  exit 1
fi

# median and mean (seconds) of result N (from 0) of a hyperfine JSON export
stat_of() { # file index field
  awk -v want="$2" -v field="\"$3\":" '
    $1 == field { if (n++ == want) { v = $2; sub(/,$/, "", v); print v; exit } }
  ' "$1"
}
ms() { awk -v s="$1" 'BEGIN { printf "%.2f ms", s * 1000 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
verdict() { awk -v ok="$1" 'BEGIN { print (ok ? "met" : "MISSED") }'; }

# Every sample (seconds) of result N (from 0) of a hyperfine JSON export.
times_of() { # file index
  awk -v want="$2" '
    /"command":/ { n++ }
    /"times": \[/ { inside = (n - 1 == want); next }
    inside && /\]/ { inside = 0 }
    inside { v = $1; sub(/,$/, "", v); print v }
  ' "$1"
}
median_of() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

rounds=${LOGINHELP_BENCH_ROUNDS:-15}
echo
echo "== start-up: hello-world, scripted walk, list ($rounds interleaved rounds of 40 runs each)"
for round in $(seq 1 "$rounds"); do
  hyperfine -N --style none --warmup 5 --runs 40 --export-json "$work/start-$round.json" \
    -n hello-world "$hello" \
    -n "scripted walk" "$walk" \
    -n list "$bin list" >/dev/null
done
for i in 0 1 2; do
  for round in $(seq 1 "$rounds"); do times_of "$work/start-$round.json" "$i"; done > "$work/start-samples-$i"
done

echo
echo "== validate generated trees (and load them with --services-dir)"
hyperfine -N --style basic --warmup 1 --runs 5 --export-json "$work/validate.json" \
  -n validate-1k "$bin validate $work/dir-1000/generated.toml" \
  -n validate-10k "$bin validate $work/dir-10000/generated.toml" \
  -n validate-100k "$bin validate $work/dir-100000/generated.toml" \
  -n load-1k "$bin generated --services-dir $work/dir-1000 -a q-0=yes -a fix-0=yes" \
  -n load-10k "$bin generated --services-dir $work/dir-10000 -a q-0=yes -a fix-0=yes" \
  -n load-100k "$bin generated --services-dir $work/dir-100000 -a q-0=yes -a fix-0=yes"

rss_kib() { /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F': ' '/Maximum resident set size/ { print $2 }'; }
walk_rss=$(rss_kib $walk)
hello_rss=$(rss_kib "$hello")
validate_rss=$(rss_kib "$bin" validate "$work/dir-100000/generated.toml")
load_rss=$(rss_kib "$bin" generated --services-dir "$work/dir-100000" -a q-0=yes -a fix-0=yes)
size=$(stat -c %s "$bin")

hello_med=$(median_of < "$work/start-samples-0")
walk_med=$(median_of < "$work/start-samples-1")
list_med=$(median_of < "$work/start-samples-2")
samples=$(wc -l < "$work/start-samples-0")
v1k=$(stat_of "$work/validate.json" 0 median)
v10k=$(stat_of "$work/validate.json" 1 median)
v100k=$(stat_of "$work/validate.json" 2 median)
l1k=$(stat_of "$work/validate.json" 3 median)
l10k=$(stat_of "$work/validate.json" 4 median)
l100k=$(stat_of "$work/validate.json" 5 median)
walk_ratio=$(ratio "$walk_med" "$hello_med")

echo
echo "== summary (medians; $(nproc) CPUs; $(uname -sr))"
printf '%-44s %s\n' \
  "hello-world" "$(ms "$hello_med")  ($samples samples each, pooled over $rounds rounds)" \
  "scripted walk (amazon, to the escalation)" "$(ms "$walk_med")  = ${walk_ratio}x hello-world" \
  "list" "$(ms "$list_med")  = $(ratio "$list_med" "$hello_med")x hello-world" \
  "validate 1k / 10k / 100k nodes" "$(ms "$v1k") / $(ms "$v10k") / $(ms "$v100k")  (100k/10k = $(ratio "$v100k" "$v10k")x)" \
  "load via --services-dir 1k / 10k / 100k" "$(ms "$l1k") / $(ms "$l10k") / $(ms "$l100k")  (100k/10k = $(ratio "$l100k" "$l10k")x)" \
  "peak memory: scripted walk" "$((walk_rss)) KiB (hello-world $((hello_rss)) KiB)" \
  "peak memory: validate / load 100k nodes" "$((validate_rss)) KiB / $((load_rss)) KiB" \
  "release binary" "$size bytes ($(awk -v s="$size" 'BEGIN { printf "%.1f MiB", s / 1048576 }'))"
echo
echo "== targets"
printf '%-44s %s\n' \
  "scripted walk within 1.5x hello-world" "$(verdict "$(awk -v r="$walk_ratio" 'BEGIN { print (r <= 1.5) }')") (${walk_ratio}x)" \
  "validate 100k nodes under 1 s" "$(verdict "$(awk -v t="$v100k" 'BEGIN { print (t < 1) }')") ($(ms "$v100k"))" \
  "validate grows linearly (100k/10k near 10)" "$(verdict "$(awk -v a="$v100k" -v b="$v10k" 'BEGIN { print (a / b <= 13) }')") ($(ratio "$v100k" "$v10k")x)" \
  "scripted walk peak memory under 10 MiB" "$(verdict "$((walk_rss < 10240))") ($((walk_rss)) KiB)"
