# Sourced by the *-same-bytes.sh proofs: run NAME ARGS... runs the CLI command ARGS on both builds ($old, $new) and
# compares stdout, stderr, exit code and the file written to @OUT@ (an argument replaced by a path per side). Needs
# $old, $new and $work set; counts comparisons in $n and sets $fail=1 on the first difference of a comparison.
run() {
  local name=$1; shift
  for side in old new; do
    local exe=$old; [ $side = new ] && exe=$new
    local args=("$@")
    for i in "${!args[@]}"; do args[$i]=${args[$i]//@OUT@/$work/$side.out}; done
    rm -f "$work/$side.out"
    "$exe" "${args[@]}" >"$work/$side.stdout" 2>"$work/$side.stderr" </dev/null; echo $? >"$work/$side.rc"
  done
  n=$((n + 1))
  for k in stdout stderr rc out; do
    if [ -e "$work/old.$k" ] || [ -e "$work/new.$k" ]; then
      if ! cmp -s "$work/old.$k" "$work/new.$k"; then echo "DIFFERENT ($k): $name"; fail=1; return; fi
    fi
  done
  echo "same bytes: $name ($(wc -c <"$work/new.stdout") bytes out, $(wc -c <"$work/new.stderr") bytes err, exit $(cat "$work/new.rc"))"
}
