#!/usr/bin/env bash
# The headless demo (run by run-demo.sh when there is no display): shows what Ferry does today
# without a GUI, against the ferry-emulator that run-demo.sh started with the demo org.
# Usage: demo-headless.sh FERRY_CLI WORKSPACE EMULATOR_URL
set -euo pipefail
cli=$1
workspace=$2
url=$3
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
org="$root/resources/demo/org.json"

step() { printf '\n== %s\n' "$*"; }

step "ferry-cli $("$cli" --version | sed 's/^ferry-cli //'): the demo workspace"
"$cli" workspace info "$workspace"

step "Discover the demo source (Chinook, SQLite): tables, keys, row counts and the load order"
"$cli" discover "sqlite://$root/resources/demo/chinook.sqlite"

# The first application user of the demo org (a demo secret, not a real one).
read -r tenant client secret < <(python3 -c '
import json, sys
u = json.load(open(sys.argv[1]))["x-ferry-emulator"]["appUsers"][0]
print(u["tenant"], u["clientId"], u["clientSecret"])' "$org")

step "Sign in to ferry-emulator as application user $client (OAuth 2.0 client credentials)"
token=$(curl -sS --fail-with-body -X POST "${url}${tenant}/oauth2/v2.0/token" \
    --data-urlencode grant_type=client_credentials --data-urlencode "client_id=$client" \
    --data-urlencode "client_secret=$secret" --data-urlencode "scope=${url}.default" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
echo "token received (${#token} characters)"

api() {
    curl -sS --fail-with-body -H "Authorization: Bearer $token" -H "Accept: application/json" \
        -H "OData-MaxVersion: 4.0" -H "OData-Version: 4.0" "$@"
}

step "WhoAmI"
api "${url}api/data/v9.2/WhoAmI"
echo

step "Tables of the demo org (EntityDefinitions)"
api "${url}api/data/v9.2/EntityDefinitions?\$select=LogicalName,EntitySetName,PrimaryIdAttribute" |
    python3 -c "$(cat <<'PY'
import json, sys
for e in json.load(sys.stdin)["value"]:
    print("  %-24s set %-26s id %s" % (e["LogicalName"], e["EntitySetName"], e["PrimaryIdAttribute"]))
PY
)"

step "Upsert three Chinook artists by alternate key in one UpsertMultiple request"
python3 - "$root/resources/demo/chinook.sqlite" >"$(dirname "$workspace")/artists.json" <<'PY'
import json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
targets = [{"@odata.type": "Microsoft.Dynamics.CRM.ferry_artist",
            "@odata.id": f"ferry_artists(ferry_artistnumber={aid})", "ferry_name": name}
           for aid, name in db.execute("SELECT ArtistId, Name FROM Artist ORDER BY ArtistId LIMIT 3")]
print(json.dumps({"Targets": targets}))
PY
api -X POST -H "Content-Type: application/json; charset=utf-8" \
    --data-binary @"$(dirname "$workspace")/artists.json" \
    "${url}api/data/v9.2/ferry_artists/Microsoft.Dynamics.CRM.UpsertMultiple" -o /dev/null -w 'HTTP %{http_code}\n'
api "${url}api/data/v9.2/ferry_artists?\$select=ferry_artistnumber,ferry_name&\$orderby=ferry_artistnumber" |
    python3 -c "$(cat <<'PY'
import json, sys
for r in json.load(sys.stdin)["value"]:
    print("  artist %s: %s" % (r["ferry_artistnumber"], r["ferry_name"]))
PY
)"

step "Emulator statistics"
curl -sS "${url}_emulator/stats"
echo
printf '\nThe migration engine, mapping and dry runs arrive with the next issues; this demo grows with them.\n'
