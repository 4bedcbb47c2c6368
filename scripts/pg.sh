#!/usr/bin/env bash
# Finds or starts PostgreSQL for the HQ/sync tests and the sync benchmark, creates the role and
# database they use, and prints their URL on stdout (nothing else goes to stdout):
#   postgresql+psycopg://salesdesk:salesdesk@127.0.0.1:5432/salesdesk_test
#
# 1. SALESDESK_TEST_PG_URL already set and answering: print it and stop.
# 2. Debian's PostgreSQL (any installed major, 15 on Debian 12): install it with apt-get if
#    missing, start the cluster (`pg_ctlcluster --skip-systemctl-redirect`), ~2 s.
# 3. Create a password role over TCP with CREATEDB (tests make a throwaway database each) and
#    the default database. Safe to run again: every step checks first.
# Needs root (or passwordless sudo) for steps 2 and 3, as CI has.
set -euo pipefail

ROLE=${SALESDESK_PG_ROLE:-salesdesk}
PASSWORD=${SALESDESK_PG_PASSWORD:-salesdesk}
DATABASE=${SALESDESK_PG_DATABASE:-salesdesk_test}
PORT=${SALESDESK_PG_PORT:-5432}
URL="postgresql+psycopg://${ROLE}:${PASSWORD}@127.0.0.1:${PORT}/${DATABASE}"

log() { printf 'pg.sh: %s\n' "$*" >&2; }

if [[ -n ${SALESDESK_TEST_PG_URL:-} ]]; then
    plain=${SALESDESK_TEST_PG_URL/postgresql+psycopg:/postgresql:}
    if command -v psql >/dev/null && psql "$plain" -Atc 'select 1' >/dev/null 2>&1; then
        printf '%s\n' "$SALESDESK_TEST_PG_URL"
        exit 0
    fi
    log "SALESDESK_TEST_PG_URL is set but does not answer; setting up a local cluster"
fi

sudo=()
[[ $(id -u) -ne 0 ]] && sudo=(sudo -n)

if ! command -v pg_lsclusters >/dev/null || [[ -z $(pg_lsclusters -h 2>/dev/null) ]]; then
    log "installing postgresql with apt-get"
    "${sudo[@]}" apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
        postgresql >&2
fi

# The newest cluster Debian knows about, e.g. "15 main 5432 down ...".
read -r version cluster cluster_port status _ < <(pg_lsclusters -h | sort -k1,1n | tail -n 1)
if [[ $cluster_port != "$PORT" ]]; then
    PORT=$cluster_port
    URL="postgresql+psycopg://${ROLE}:${PASSWORD}@127.0.0.1:${PORT}/${DATABASE}"
fi
if [[ $status != online* ]]; then
    log "starting PostgreSQL $version/$cluster"
    "${sudo[@]}" pg_ctlcluster --skip-systemctl-redirect "$version" "$cluster" start >&2
fi

as_postgres() {
    if [[ $(id -un) == postgres ]]; then
        "$@"
    elif [[ $(id -u) -eq 0 ]]; then
        runuser -u postgres -- "$@"
    else
        sudo -n -u postgres "$@"
    fi
}
psql_admin() { as_postgres psql -p "$PORT" -v ON_ERROR_STOP=1 -Atq "$@"; }

for _ in $(seq 1 50); do
    psql_admin -c 'select 1' >/dev/null 2>&1 && break
    sleep 0.1
done

if [[ $(psql_admin -c "select 1 from pg_roles where rolname = '${ROLE}'") != 1 ]]; then
    log "creating role ${ROLE}"
    psql_admin -c "create role ${ROLE} login createdb password '${PASSWORD}'" >&2
fi
if [[ $(psql_admin -c "select 1 from pg_database where datname = '${DATABASE}'") != 1 ]]; then
    log "creating database ${DATABASE}"
    psql_admin -c "create database ${DATABASE} owner ${ROLE}" >&2
fi
printf '%s\n' "$URL"
