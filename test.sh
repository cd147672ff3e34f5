#!/usr/bin/env bash
# Runs the whole test suite. The storage, grain and cluster tests start their own throwaway
# PostgreSQL server (initdb and pg_ctl into a temporary directory), so this script only makes sure
# the server binaries are installed: as root it installs Debian's `postgresql` package when they are
# missing (and Chromium and a CJK font for the console tests). Set TICKETCLUSTER_TEST_POSTGRES to a connection string to use an existing server instead.
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

# The console tests drive Debian's Chromium with Playwright, which never downloads a browser of its own.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
if [ ! -x /usr/bin/chromium ]; then
  install_debian_package chromium /usr/bin/chromium
fi
# The Chinese UI's test checks that CJK text is drawn with real glyphs: Debian's Noto CJK fonts.
if ! fc-list 2>/dev/null | grep -q 'Noto Sans CJK'; then
  install_debian_package fonts-noto-cjk 'the Noto Sans CJK font'
fi

# Build once, then run the test projects in two lanes side by side: the silo tests in one, the cluster and
# console tests (which spend most of their time waiting on killed processes, probes and a browser) in the
# other, the small projects after them. One after the other they took over 12 minutes. Each lane's output is
# kept in a file and shown when the lane ends, so the two do not interleave.
dotnet build TicketCluster.sln -c Release

logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT

# run_lane NAME PROJECT...: runs each project's tests (built above) with the script's arguments.
run_lane() {
  local name=$1 status=0
  shift
  for project in "$@"; do
    dotnet test "tests/$project/$project.csproj" -c Release --no-build "${test_args[@]}" >>"$logs/$name.log" 2>&1 || status=1
  done
  return "$status"
}

test_args=("$@")
lane_one=(TicketCluster.Silo.Tests TicketCluster.Domain.Tests TicketCluster.Storage.Tests TicketCluster.Grains.Tests)
lane_two=(TicketCluster.Cluster.Tests TicketCluster.Console.Tests)
# Every other test project goes to the second lane, so a new one is never left out.
for dir in tests/*.Tests; do
  name=$(basename "$dir")
  case " ${lane_one[*]} ${lane_two[*]} " in
    *" $name "*) ;;
    *) lane_two+=("$name") ;;
  esac
done
run_lane one "${lane_one[@]}" &
one=$!
run_lane two "${lane_two[@]}" &
two=$!
status=0
wait "$one" || status=1
cat "$logs/one.log"
wait "$two" || status=1
cat "$logs/two.log"

# One summary line over all test assemblies, in the plain "N passed, N failed" form.
awk '/(Passed|Failed)! +- +Failed:/ {
       for (i = 1; i <= NF; i++) {
         gsub(",", "", $(i + 1))
         if ($i == "Failed:") f += $(i + 1)
         if ($i == "Passed:") p += $(i + 1)
         if ($i == "Skipped:") s += $(i + 1)
       }
     }
     END { printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$logs/one.log" "$logs/two.log"
exit "$status"
