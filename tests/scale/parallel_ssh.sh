#!/usr/bin/env bash
# The README's GNU parallel recipe across hosts, run for real: an sshd on a
# loopback port with throwaway keys stands for the hosts, the README's two
# lines (hosts replaced by 127.0.0.1) process a copy of the samples, and the
# joined records must equal a local run byte for byte.
#   parallel_ssh.sh ZSMETRICS README.md SAMPLES_DIR
# Exit 77 (skipped) with the reason where sshd, rsync or parallel cannot run.
set -u
bin=$(readlink -f "$1") readme=$2 samples=$3
skip() { echo "skip: $*"; exit 77; }
for c in parallel rsync ssh ssh-keygen; do
  command -v "$c" >/dev/null || skip "$c is not installed"
done
sshd=$(command -v sshd || echo /usr/sbin/sshd)
[ -x "$sshd" ] || skip "sshd is not installed (Debian: openssh-server)"
parallel --version 2>/dev/null | grep -q 'GNU parallel' || skip "parallel is not GNU parallel"

# The recipe: the lines of the README's block that use --transferfile, and the join.
recipe=$(grep -E -e '--transferfile' "$readme")
join=$(grep -E "sed 's/\\\$/.jsonl/'" "$readme")
[ -n "$recipe" ] && [ -n "$join" ] || { echo "FAIL the README has no parallel-over-ssh recipe"; exit 1; }
recipe=${recipe//8\/host1,8\/host2/2\/127.0.0.1}

tmp=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
ssh-keygen -q -t ed25519 -N '' -f "$tmp/hostkey" || skip "ssh-keygen failed"
ssh-keygen -q -t ed25519 -N '' -f "$tmp/userkey" || skip "ssh-keygen failed"
cp "$tmp/userkey.pub" "$tmp/authorized_keys"
chmod 600 "$tmp/authorized_keys" "$tmp/hostkey" "$tmp/userkey"
[ "$(id -u)" -eq 0 ] && mkdir -p /run/sshd
port=$((20000 + RANDOM % 20000))
cat >"$tmp/sshd_config" <<CONF
Port $port
ListenAddress 127.0.0.1
HostKey $tmp/hostkey
PidFile $tmp/sshd.pid
AuthorizedKeysFile $tmp/authorized_keys
StrictModes no
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
PermitRootLogin prohibit-password
SetEnv PATH=$(dirname "$bin"):/usr/local/bin:/usr/bin:/bin
CONF
"$sshd" -f "$tmp/sshd_config" -D -e 2>"$tmp/sshd.log" &
pid=$!
export PARALLEL_SSH="ssh -p $port -i $tmp/userkey -o StrictHostKeyChecking=no \
-o UserKnownHostsFile=/dev/null -o BatchMode=yes -o LogLevel=ERROR"
up=0
for _ in $(seq 50); do
  $PARALLEL_SSH 127.0.0.1 true 2>/dev/null && { up=1; break; }
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.2
done
[ $up -eq 1 ] || skip "sshd did not accept the throwaway key on 127.0.0.1:$port: $(tail -n 3 "$tmp/sshd.log" | tr '\n' ' ')"

# The work: six samples under reports/ (one in a subfolder, one GBK, one with no
# figures), relative paths as the recipe uses.  Each file is one ssh job.
mkdir -p "$tmp/w/reports/part"
for f in qinglan-county-2023-annual shiqiao-district-2024h1-gbk tingxi-county-meeting-notice-no-metrics \
         hk-office-traditional-2023 lanxi-fair-signing-news-2024; do
  cp "$samples/$f.txt" "$tmp/w/reports/"
done
cp "$samples/chengxi-county-2023-pdf-copy.txt" "$tmp/w/reports/part/"
cd "$tmp/w" || exit 1
ln -s "$bin" "$tmp/zsmetrics"
PATH="$tmp:$PATH" bash -c "$recipe" >"$tmp/parallel.log" 2>&1
status=$?
PATH="$tmp:$PATH" bash -c "$join"
find reports -name '*.txt' | sort | xargs "$bin" -q -j1 >local.jsonl
files=$(find reports -name '*.txt' | wc -l)
fail=0
[ "$(wc -l <out.jsonl)" -eq "$files" ] || { echo "FAIL $(wc -l <out.jsonl) records over ssh for $files files (parallel status $status)"; cat "$tmp/parallel.log"; fail=1; }
cmp -s out.jsonl local.jsonl || { echo "FAIL the records over ssh differ from a local run"; diff <(cut -c1-200 out.jsonl) <(cut -c1-200 local.jsonl) | head; fail=1; }
left=$(find "$HOME/.parallel/tmp" -mindepth 1 -maxdepth 1 2>/dev/null | wc -l)
echo "$files files over ssh (parallel status $status), records equal to a local run: $([ $fail -eq 0 ] && echo yes || echo no)"
[ $fail -eq 0 ] && echo "1 passed, 0 failed" || echo "0 passed, 1 failed"
exit $fail
