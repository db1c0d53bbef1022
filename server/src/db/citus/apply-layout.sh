#!/usr/bin/env bash
# The Citus profile of docker-compose.yml runs this once the app has migrated and loaded data:
# it registers the workers with the coordinator, then distributes the tables (distribute.sql).
# Idempotent: running it again after a load re-distributes only what the load recreated.
set -euo pipefail
export PGHOST="${PGHOST:-citus-coordinator}" PGUSER="${PGUSER:-sangkien}" PGDATABASE="${PGDATABASE:-sangkien}"

psql -v ON_ERROR_STOP=1 -qc "SELECT citus_set_coordinator_host('${PGHOST}', 5432)"
for worker in ${CITUS_WORKERS:-citus-worker-1 citus-worker-2}; do
  psql -v ON_ERROR_STOP=1 -qc "SELECT citus_add_node('${worker}', 5432) WHERE NOT EXISTS (SELECT 1 FROM pg_dist_node WHERE nodename = '${worker}')"
done
psql -v ON_ERROR_STOP=1 -f "$(dirname "$0")/distribute.sql"
echo "Citus layout applied: $(psql -tAc "SELECT count(*) FROM pg_dist_node WHERE noderole = 'primary' AND groupid > 0") workers"
