#!/bin/bash
# Times the staff pages of a running server (docs/workflow.md, "Scale"): logs in as USER and
# prints the median of 5 requests per page, in milliseconds. Measured by hand, never asserted.
#   scripts/measure-pages.sh http://127.0.0.1:8080 verifikator PASSWORD
set -euo pipefail
base=$1 user=$2 pass=$3
jar=$(mktemp)
trap 'rm -f "$jar"' EXIT
csrf=$(curl -s -c "$jar" "$base/staff/login" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1)
curl -s -b "$jar" -c "$jar" -o /dev/null -d "csrf=$csrf&username=$user&password=$pass" "$base/staff/login"
case_id=$(curl -s -b "$jar" "$base/staff/cases?status=examination" | sed -n 's/.*href="\/staff\/cases\/\([0-9]*\)".*/\1/p' | head -1)
for path in "/staff/cases" "/staff/cases?overdue=1" "/staff/cases?status=examination" "/staff/cases?page=500" \
            "/staff/cases/$case_id" "/api/v1/cases/$case_id/workflow" "/api/v1/cases?limit=50" "/staff/stats"; do
  times=()
  for i in 1 2 3 4 5; do
    times+=("$(curl -s -b "$jar" -o /dev/null -w '%{http_code} %{time_total}' "$base$path")")
  done
  printf '%s\n' "${times[@]}" | sort -k2 -n | sed -n 3p | awk -v p="$path" '{printf "%-40s %s %7.1f ms\n", p, $1, $2 * 1000}'
done
