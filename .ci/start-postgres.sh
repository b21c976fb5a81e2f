#!/usr/bin/env bash
# Starts Debian's Postgres on 127.0.0.1:5432 with a superuser kho/kho, installing it if absent.
set -euo pipefail
if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq postgresql >/dev/null
fi
version=$(ls /usr/lib/postgresql | sort -n | tail -1)
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -q "^$version main$"; then
  pg_createcluster "$version" main >/dev/null
fi
pg_ctlcluster "$version" main start 2>/dev/null || true
for _ in $(seq 1 30); do
  pg_isready -h 127.0.0.1 -p 5432 -q && break
  sleep 1
done
pg_isready -h 127.0.0.1 -p 5432
su postgres -c "psql -q -c \"do \\\$\\\$ begin if not exists (select from pg_roles where rolname = 'kho') then create role kho login superuser password 'kho'; end if; end \\\$\\\$;\""
echo "Postgres $version is up on 127.0.0.1:5432"
