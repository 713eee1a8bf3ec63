#!/usr/bin/env bash
# LandRenew's commands. Each installs what it needs from Debian's packages first.
#   bash src/sh/landrenew.sh demo   install PostgreSQL 15 + PostGIS 3 + GDAL if missing, start the map on :8080
#   bash src/sh/landrenew.sh test   install those, Chromium + ChromeDriver and a CJK font if missing, run every test
#   bash src/sh/landrenew.sh bench  install the server packages and wrk if missing, run the benchmark (server vs raw SQL)
#   bash src/sh/landrenew.sh replica [folder]          a streaming replica of the private server (pg_basebackup), started
#   bash src/sh/landrenew.sh backup [file] [folder]    pg_dump (custom format) of the private server's database
#   bash src/sh/landrenew.sh restore <file> [folder]   that dump into a fresh private server (.landrenew/postgis-restored)
#   (docs/operations.md: "Read replica", "Backups")
set -euo pipefail
cd "$(dirname "$0")/../.."

# GDAL (ogr2ogr, ogrinfo) reads and writes GeoPackage and Shapefile for imports and exports.
server_packages=(postgresql-15 postgresql-15-postgis-3 gdal-bin)
# A CJK font so that screenshots of the page show Chinese, not boxes.
browser_packages=(chromium chromium-driver fonts-wqy-microhei)

install_missing() {
  local missing=()
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Installing missing Debian packages: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

case "${1:-}" in
  demo)
    install_missing "${server_packages[@]}"
    shift
    exec mvn -q -B spring-boot:run ${1:+-Dspring-boot.run.arguments="$*"}
    ;;
  test)
    install_missing "${server_packages[@]}" "${browser_packages[@]}"
    exec mvn -B verify
    ;;
  bench)
    # wrk times the server from a process of its own (pgbench, for the raw SQL, comes with postgresql-15);
    # MapServer 8 under FastCGI behind lighttpd is the peer of the province cases
    install_missing "${server_packages[@]}" wrk cgi-mapserver lighttpd
    shift
    exec mvn -q -B test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=com.landrenew.bench.Bench \
      ${1:+-Dexec.args="$*"}
    ;;
  replica)
    install_missing "${server_packages[@]}"
    shift
    exec mvn -q -B compile exec:java -Dexec.mainClass=com.landrenew.database.LocalReplica ${1:+-Dexec.args="$*"}
    ;;
  backup|restore)
    install_missing "${server_packages[@]}"
    exec mvn -q -B compile exec:java -Dexec.mainClass=com.landrenew.database.LocalBackup -Dexec.args="$*"
    ;;
  *)
    echo "usage: bash src/sh/landrenew.sh demo|test|bench|replica|backup|restore" >&2
    exit 2
    ;;
esac
