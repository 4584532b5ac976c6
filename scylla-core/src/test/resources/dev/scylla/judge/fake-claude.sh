#!/bin/sh
# A stand-in for the `claude` CLI in tests: it replays recorded output and misbehaves on request.
#
#   FAKE_CLAUDE_MODES   comma-separated, one mode per call (the last one repeats):
#                       ok, fail, hang, ratelimit, ratelimit-stderr, malformed, empty, error-event
#   FAKE_CLAUDE_STATE   file that counts the calls (needed when the mode changes between calls)
#   FAKE_CLAUDE_STDOUT  file printed on stdout in mode ok; FAKE_CLAUDE_STDOUT_<n> wins for call n
#   FAKE_CLAUDE_LOG     directory: call_<n>.args (one argument per line), call_<n>.stdin,
#                       call_<n>.cwd, call_<n>.env (CLAUDECODE's value), hang.pid
if [ "$1" = "--version" ]; then
  echo "2.1.12 (Claude Code)"
  exit 0
fi
n=1
if [ -n "$FAKE_CLAUDE_STATE" ]; then
  if [ -f "$FAKE_CLAUDE_STATE" ]; then
    read prev < "$FAKE_CLAUDE_STATE"
    n=$((prev + 1))
  fi
  echo "$n" > "$FAKE_CLAUDE_STATE"
fi
if [ -n "$FAKE_CLAUDE_LOG" ]; then
  mkdir -p "$FAKE_CLAUDE_LOG"
  : > "$FAKE_CLAUDE_LOG/call_$n.args"
  for a in "$@"; do
    printf '%s\n' "$a" >> "$FAKE_CLAUDE_LOG/call_$n.args"
  done
  pwd > "$FAKE_CLAUDE_LOG/call_$n.cwd"
  printf '%s\n' "${CLAUDECODE-unset}" > "$FAKE_CLAUDE_LOG/call_$n.env"
  cat > "$FAKE_CLAUDE_LOG/call_$n.stdin"
else
  cat > /dev/null
fi
mode=ok
i=0
old_ifs=$IFS
IFS=,
for m in ${FAKE_CLAUDE_MODES:-ok}; do
  i=$((i + 1))
  mode=$m
  if [ "$i" -eq "$n" ]; then
    break
  fi
done
IFS=$old_ifs
case "$mode" in
  ok)
    out="$FAKE_CLAUDE_STDOUT"
    eval "per=\${FAKE_CLAUDE_STDOUT_$n:-}"
    if [ -n "$per" ]; then
      out="$per"
    fi
    cat "$out"
    exit 0
    ;;
  fail)
    echo "Error: the model backend crashed" >&2
    exit 1
    ;;
  hang)
    sleep 600 &
    if [ -n "$FAKE_CLAUDE_LOG" ]; then
      echo $! > "$FAKE_CLAUDE_LOG/hang.pid"
    fi
    wait
    exit 0
    ;;
  ratelimit)
    printf '%s\n' '{"type":"result","subtype":"success","is_error":true,"result":"You'"'"'ve hit your limit \u00b7 resets 4pm (America/Los_Angeles)"}'
    exit 1
    ;;
  ratelimit-stderr)
    echo "API Error: 429 Too Many Requests (rate limit). Retry-After: 120" >&2
    exit 1
    ;;
  error-event)
    printf '%s\n' '{"type":"result","subtype":"error_during_execution","is_error":true,"result":"Invalid model name"}'
    exit 0
    ;;
  malformed)
    echo 'I looked at the work and it is fine. {"score": 0.9, "passed": tru'
    exit 0
    ;;
  empty)
    exit 0
    ;;
  *)
    echo "fake-claude: unknown mode $mode" >&2
    exit 2
    ;;
esac
