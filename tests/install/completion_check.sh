#!/usr/bin/env bash
# seekbench-cli's bash and zsh completion scripts complete verbs, sub-verbs, options and
# option values for sample command lines.
#   completion_check.sh BASH_SCRIPT ZSH_SCRIPT
set -uo pipefail
bash_script=$1 zsh_script=$2
failures=0
expect() { # what, got, wanted
  if [ "$2" = "$3" ]; then echo "ok: $1"; else echo "FAIL: $1: got '$2', wanted '$3'"; failures=$((failures + 1)); fi
}

# bash: fill COMP_WORDS as bash does for the line, call the function, read COMPREPLY.
bash_complete() {
  bash --norc --noprofile -c '
    source "$0" || exit 9
    COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMPREPLY=()
    _seekbench_cli
    printf "%s\n" "${COMPREPLY[@]}" | sort | tr "\n" " " | sed "s/ $//"' "$bash_script" "$@"
}
# zsh: the same, with compadd and _files replaced by stubs that print what they were given.
zsh_complete() {
  local cursor=$#
  zsh -f -c '
    compadd() { [[ $1 == -- ]] && shift; print -l -- "$@"; }
    _files() { print -- "<files$*>"; }
    script=$1; shift; words=("$@"); CURRENT=$#
    source "$script" | sort | tr "\n" " " | sed "s/ $//"' -- "$zsh_script" "$@"
}

work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
mkdir -p "$work/configs"; touch "$work/configs/tiny.yaml"

expect "bash: verbs from a prefix" "$(bash_complete seekbench-cli pro)" "project"
expect "bash: sub-verbs of project" "$(bash_complete seekbench-cli project '')" \
  "export import-segments info init recover runs show validate"
expect "bash: options of train" "$(bash_complete seekbench-cli train --con)" "--config"
expect "bash: options of a sub-verb" "$(bash_complete seekbench-cli project runs --sta)" "--status"
expect "bash: a FILE value completes files" "$(bash_complete seekbench-cli train --config "$work/configs/ti")" \
  "$work/configs/tiny.yaml"
expect "bash: a DIR value completes folders" "$(bash_complete seekbench-cli train --project "$work/con")" \
  "$work/configs"
expect "bash: a value with choices" "$(bash_complete seekbench-cli project export --format '')" "csv json"
expect "bash: a flag before the sub-verb" "$(bash_complete seekbench-cli project --help runs --js)" "--json"
expect "bash: after an option's value, options again" \
  "$(bash_complete seekbench-cli train --config x.yaml --pro)" "--project"
expect "bash: completion's shell argument" "$(bash_complete seekbench-cli completion '')" "bash zsh"

contains() { # what, list, word
  case " $2 " in *" $3 "*) echo "ok: $1" ;; *) echo "FAIL: $1: '$3' not in '$2'"; failures=$((failures + 1)) ;; esac
}
contains "zsh: the verbs" "$(zsh_complete seekbench-cli pro)" "project"
contains "zsh: the verbs" "$(zsh_complete seekbench-cli pro)" "train"
expect "zsh: sub-verbs of project" "$(zsh_complete seekbench-cli project '')" \
  "export import-segments info init recover runs show validate"
contains "zsh: options of train" "$(zsh_complete seekbench-cli train --)" "--config"
expect "zsh: a FILE value completes files" "$(zsh_complete seekbench-cli train --config x)" "<files>"
expect "zsh: a DIR value completes folders" "$(zsh_complete seekbench-cli train --project x)" "<files-/>"
expect "zsh: a value with choices" "$(zsh_complete seekbench-cli project export --format '')" "csv json"

if [ "$failures" -gt 0 ]; then
  echo "$failures completion check(s) failed"
  exit 1
fi
echo "all completion checks passed"
