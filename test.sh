#!/usr/bin/env bash
# Runs the whole test suite. The storage, grain and cluster tests start their own throwaway
# PostgreSQL server (initdb and pg_ctl into a temporary directory), so this script only makes sure
# the server binaries are installed: as root it installs Debian's `postgresql` package when they are
# missing (and Chromium's headless shell and a CJK font for the console tests). Set TICKETCLUSTER_TEST_POSTGRES to a connection string to use an existing server instead.
set -euo pipefail
cd "$(dirname "$0")"

have_pg_ctl() {
  command -v pg_ctl >/dev/null 2>&1 || compgen -G '/usr/lib/postgresql/*/bin/pg_ctl' >/dev/null
}

# install_debian_package PACKAGE WHAT: as root, installs Debian's PACKAGE; otherwise says how and stops.
install_debian_package() {
  if [ "$(id -u)" -eq 0 ]; then
    echo "test.sh: installing $1 ($2 not found)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$1" >/dev/null
  else
    echo "test.sh: $2 not found; install Debian's $1 package (sudo apt-get install $1)" >&2
    exit 1
  fi
}

if [ -z "${TICKETCLUSTER_TEST_POSTGRES:-}" ] && ! have_pg_ctl; then
  install_debian_package postgresql pg_ctl
fi

# The console tests drive Debian's Chromium with Playwright, which never downloads a browser of its own: its
# headless shell (package chromium-headless-shell, built from the same chromium source; a third of the full
# browser's CPU in these tests), or the browser TICKETCLUSTER_TEST_CHROMIUM names.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
if [ -z "${TICKETCLUSTER_TEST_CHROMIUM:-}" ] && [ ! -x /usr/bin/chromium-headless-shell ]; then
  install_debian_package chromium-headless-shell /usr/bin/chromium-headless-shell
fi
# The Chinese UI's test checks that CJK text is drawn with real glyphs: Debian's Noto CJK fonts. (grep reads
# the whole list: with -q it would stop at the first match, and fc-list's broken pipe would fail the test
# under pipefail, so the font was installed again on every run.)
if ! fc-list 2>/dev/null | grep 'Noto Sans CJK' >/dev/null; then
  install_debian_package fonts-noto-cjk 'the Noto Sans CJK font'
fi

# Test processes and the nodes they start compile much of their code once and run briefly, and the runtime's
# write-xor-execute protection of compiled code (a second mapping of each page, remapped on every write) is a
# seventh of that work: the silo tests took 162-164 CPU-seconds without it against 190-194 with it (two runs
# each, one after the other). The build is not changed by it (169 and 173 CPU-seconds), and the product keeps
# the runtime's default; only what this script starts runs without it.
export DOTNET_EnableWriteXorExecute=0

log=$(mktemp)
cluster_log=$(mktemp)
trap 'rm -f "$log" "$cluster_log"' EXIT
status=0
if [ "$#" -gt 0 ]; then
  # Arguments (a filter, a logger) go to one dotnet test over the solution.
  dotnet test TicketCluster.sln -c Release "$@" 2>&1 | tee "$log" || status=$?
else
  # The whole suite in two lanes after one build, each running its test projects one after another. The
  # first: the cluster tests (nodes as processes, waiting on deadlines and failure detection much of the
  # time), the console tests (Chromium) and the Orleans providers' tests, which even the lanes' lengths; its
  # lines carry a "[cluster lane]" prefix. The second: every other test project under tests/, a new one
  # included without a change here (README.md, "Run the tests", gives the times).
  dotnet build TicketCluster.sln -c Release 2>&1 | tee "$log" || status=$?
  if [ "$status" -eq 0 ]; then
    first_lane=(tests/TicketCluster.Cluster.Tests tests/TicketCluster.Console.Tests tests/TicketCluster.OrleansStorage.Tests)
    second_lane=()
    for project in tests/*.Tests; do
      [[ " ${first_lane[*]} " == *" $project "* ]] || second_lane+=("$project")
    done
    # run_lane PROJECT...: dotnet test of each in turn; fails when any of them failed.
    run_lane() {
      local failed=0
      for project in "$@"; do
        dotnet test "$project" -c Release --no-build || failed=1
      done
      return "$failed"
    }
    { run_lane "${first_lane[@]}" 2>&1 | sed -u 's/^/[cluster lane] /' | tee "$cluster_log"; } &
    cluster=$!
    run_lane "${second_lane[@]}" 2>&1 | tee -a "$log" || status=$?
    wait "$cluster" || status=$?
    cat "$cluster_log" >> "$log"
  fi
fi

# One summary line over all test assemblies, in the plain "N passed, N failed" form.
awk '/(Passed|Failed)! +- +Failed:/ {
       for (i = 1; i <= NF; i++) {
         gsub(",", "", $(i + 1))
         if ($i == "Failed:") f += $(i + 1)
         if ($i == "Passed:") p += $(i + 1)
         if ($i == "Skipped:") s += $(i + 1)
       }
     }
     END { printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$status"
