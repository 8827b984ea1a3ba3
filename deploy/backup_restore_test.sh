#!/usr/bin/env bash
# Prove a backup restores: dump a database with pg_dump -Fc, restore the dump into a
# scratch database, compare the exact row count of every table, drop the scratch copy.
#
#   deploy/backup_restore_test.sh [DATABASE]          (default: itaplan)
#
# Connection through the usual libpq variables (PGHOST, PGPORT, PGUSER, PGPASSWORD);
# defaults here: 127.0.0.1:5432 as postgres. The user must be allowed to create
# databases. Exits 1 when a count differs. Keep the dump with KEEP_DUMP=path.
set -euo pipefail

export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
source_db="${1:-itaplan}"
scratch_db="${source_db}_restore_check_$$"
dump="$(mktemp --suffix=.dump)"

cleanup() {
    dropdb --if-exists "$scratch_db" 2>/dev/null || true
    if [ -n "${KEEP_DUMP:-}" ]; then mv "$dump" "$KEEP_DUMP"; else rm -f "$dump"; fi
}
trap cleanup EXIT

# Exact counts of every ordinary table of the public schema, one "table count" a line.
count_rows() {
    psql -X -At -F ' ' -d "$1" <<'SQL'
SELECT c.relname,
       (xpath('/row/n/text()',
              query_to_xml(format('SELECT count(*) AS n FROM %I.%I', n.nspname, c.relname),
                           false, true, '')))[1]::text::bigint
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = 'public' AND c.relkind = 'r'
ORDER BY c.relname COLLATE "C";
SQL
}

milliseconds() { date +%s%3N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f s", (b - a) / 1000 }'; }

echo "source database: $source_db on $PGHOST:$PGPORT ($(psql -X -At -d "$source_db" -c 'SHOW server_version'))"
start=$(milliseconds)
pg_dump --format=custom --no-owner --file="$dump" "$source_db"
dumped=$(milliseconds)
echo "pg_dump -Fc: $(du -h "$dump" | cut -f1) in $(elapsed "$start" "$dumped")"

createdb "$scratch_db"
pg_restore --no-owner --exit-on-error --jobs=2 --dbname="$scratch_db" "$dump"
restored=$(milliseconds)
echo "pg_restore --jobs=2 into $scratch_db: $(elapsed "$dumped" "$restored")"

before="$(count_rows "$source_db")"
after="$(count_rows "$scratch_db")"
tables=$(echo "$before" | wc -l)
rows=$(echo "$before" | awk '{s += $2} END {print s}')

printf '%-40s %12s %12s\n' "table" "source" "restored"
LC_ALL=C join -a1 -a2 -e MISSING -o 0,1.2,2.2 <(echo "$before") <(echo "$after") \
    | awk '$2 != 0 || $3 != 0' \
    | while read -r table a b; do
        mark=""; [ "$a" = "$b" ] || mark="  <-- differs"
        printf '%-40s %12s %12s%s\n' "$table" "$a" "$b" "$mark"
    done

if [ "$before" = "$after" ]; then
    echo "OK: $tables tables, $rows rows, every count identical after restore"
else
    echo "FAILED: row counts differ after restore" >&2
    exit 1
fi
