# bench/common.sh - what bench/run.sh and bench/ratio.sh both do first, sourced
# by them (needs ROOT, ZSM and a say() function).

# Installs with apt-get the packages of the commands missing: bench_need
# COMMAND:PACKAGE ... (a COMMAND given as a path is checked as a file).
bench_need() {
  local need=() c cmd
  for c in "$@"; do
    cmd=${c%%:*}
    if [ "${cmd#/}" != "$cmd" ]; then
      [ -x "$cmd" ] || need+=("${c#*:}")
    else
      command -v "$cmd" >/dev/null || need+=("${c#*:}")
    fi
  done
  if [ ${#need[@]} -gt 0 ]; then
    say "installing ${need[*]}"
    local SUDO=
    [ "$(id -u)" -eq 0 ] || SUDO=sudo
    $SUDO apt-get update -qq && $SUDO apt-get install -y -qq "${need[@]}" >&2
  fi
}

# Builds $ZSM if it is missing, then copies it into a new private folder
# $WORK (removed on exit) as $WORK/zsmetrics: a rebuild during the run by
# someone else must not change what is measured.  bench_binary NAME
bench_binary() {
  if [ ! -x "$ZSM" ]; then
    say "building $ZSM"
    cmake -S "$ROOT" -B "$ROOT/build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >&2
    cmake --build "$ROOT/build" -j2 >&2
  fi
  WORK=$(mktemp -d "${TMPDIR:-/tmp}/zsm-$1.XXXXXX")
  trap 'rm -rf "$WORK"' EXIT
  cp -p "$ZSM" "$WORK/zsmetrics"
}
