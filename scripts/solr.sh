#!/usr/bin/env bash
# Apache Solr 9 from Maven Central, run from its jars with Solr's own
# JettySolrRunner as an HTTP server on 127.0.0.1:8983 (heap at most 1 GiB).
# Cores "ckan" (portal), "ckan_test" (tests), "ckan_harvest_source" and
# "ckan_harvest_target" (the harvesting tests' two instances) share the "ckan" configset
# written by scripts/solr_configset.py: CKAN's schema.xml from the installed ckan
# package with ckanext-spatial's fields, Spanish analysis and the spelling
# field, solr/synonyms.yaml, solr/solrconfig.xml. Core "ckan_baseline" (the
# search bench's) has the same configset with CKAN's own English analysis.
#   solr.sh up | down | configure
#   solr.sh configset DIR   (writes the configset for another Solr: see README)
#   solr.sh cloud-up | cloud-down
# cloud-up runs SolrCloud from the same jars (solr/LocalSolr.java: an embedded
# ZooKeeper and two Solr nodes on 127.0.0.1:8984 and :8985), uploads the same
# configset through Solr's Configsets API and creates the collection
# "ckan_test_cloud" (2 shards x 2 replicas) for test-cloud.ini. It starts from
# scratch each time: the collection is a test fixture, rebuilt by the tests.
source "$(dirname "$0")/common.sh"

dir=$STATE/solr
lib=$dir/lib
home=$dir/home
pidfile=$dir/solr.pid
cores=(ckan ckan_test ckan_harvest_source ckan_harvest_target ckan_baseline)
base=http://127.0.0.1:$SOLR_PORT/solr

fetch() {
  local stamp=$lib/.pom.sha256 sum
  sum=$(sha256sum "$ROOT/solr/pom.xml" | cut -d' ' -f1)
  [ "$(cat "$stamp" 2>/dev/null)" = "$sum" ] && return
  command -v mvn >/dev/null || die "Maven is not installed: run scripts/system-deps.sh"
  log "fetching Solr 9 jars from Maven Central"
  rm -rf "$lib"
  mvn -q -B -f "$ROOT/solr/pom.xml" dependency:copy-dependencies \
    -DoutputDirectory="$lib" -DincludeScope=runtime
  echo "$sum" > "$stamp"
}

# install_file SRC DEST: copy when different; prints "changed" if it copied.
install_file() {
  cmp -s "$1" "$2" && return
  mkdir -p "$(dirname "$2")"
  cp "$1" "$2"
  echo changed
}

# install_conf SRC_DIR DEST_DIR: install the configset's files that differ.
install_conf() {
  local f
  for f in "$1"/*; do install_file "$f" "$2/$(basename "$f")"; done
}

configure() {
  [ -x "$PY" ] || die "the virtualenv is missing: run scripts/venv.sh"
  local sets=$home/configsets tmp changed="" core
  tmp=$(mktemp -d)
  "$PY" "$ROOT/scripts/solr_configset.py" "$tmp/ckan"
  "$PY" "$ROOT/scripts/solr_configset.py" --analysis=ckan "$tmp/ckan_baseline"
  changed+=$(install_file "$ROOT/solr/solr.xml" "$home/solr.xml")
  changed+=$(install_conf "$tmp/ckan" "$sets/ckan/conf")
  changed+=$(install_conf "$tmp/ckan_baseline" "$sets/ckan_baseline/conf")
  rm -rf "$tmp"
  for core in "${cores[@]}"; do
    [ -f "$home/$core/core.properties" ] && continue
    mkdir -p "$home/$core"
    printf 'name=%s\nconfigSet=%s\n' "$core" "$(configset_of "$core")" > "$home/$core/core.properties"
    changed+=new
  done
  if [ -n "$changed" ] && is_running "$pidfile"; then
    log "Solr configuration changed: restarting Solr"
    down
  fi
  if [ -n "$changed" ]; then
    # indexed with the former analysis: CKAN's datasets are indexed again by
    # scripts/ckan.sh (ckan search-index rebuild), the tests' by the tests
    touch "$dir/reindex-needed"
  fi
}

# the bench's baseline core keeps CKAN's own analysis (bench/search_relevance.py)
configset_of() { [ "$1" = ckan_baseline ] && echo ckan_baseline || echo ckan; }

cores_ready() {
  local core
  for core in "${cores[@]}"; do http_ok "$base/$core/admin/ping" || return 1; done
}

up() {
  fetch
  configure
  if cores_ready; then log "Solr already answers on 127.0.0.1:$SOLR_PORT"; return; fi
  is_running "$pidfile" && die "Solr (pid $(cat "$pidfile")) runs but its cores do not answer: see $dir/logs/solr.log"
  mkdir -p "$dir/logs"
  log "starting Solr 9 on 127.0.0.1:$SOLR_PORT"
  # JettySolrRunner.main() serves the Solr home in its working directory at
  # /solr on port 8983, bound to 127.0.0.1.
  (
    cd "$home"
    nohup java -Xms256m -Xmx1g \
      -Dsolr.log.dir="$dir/logs" \
      -Dlog4j2.configurationFile="$ROOT/solr/log4j2.xml" \
      -Dsolr.solr.home="$home" \
      -cp "$lib/*" org.apache.solr.embedded.JettySolrRunner \
      > "$dir/logs/stdout.log" 2>&1 &
    echo $! > "$pidfile"
  )
  local deadline=$((SECONDS + 120))
  until cores_ready; do
    if ! is_running "$pidfile" || grep -qs "Could not start Solr\|SolrCoreInitializationException" "$dir/logs/solr.log"; then
      down
      die "Solr failed to start: see $dir/logs/solr.log and $dir/logs/stdout.log"
    fi
    [ "$SECONDS" -lt "$deadline" ] || { down; die "Solr did not come up within 120s"; }
    sleep 0.5
  done
}

down() { stop_pidfile "$pidfile" Solr; }

cloud_dir=$STATE/solrcloud
cloud_pidfile=$cloud_dir/solrcloud.pid
CLOUD_PORTS=(8984 8985)
cloud_base=http://127.0.0.1:${CLOUD_PORTS[0]}/solr
collection=ckan_test_cloud

cloud_ready() { http_ok "$cloud_base/$collection/admin/ping"; }

live_nodes() {
  curl -fs --max-time 5 "$cloud_base/admin/collections?action=CLUSTERSTATUS&wt=json" |
    "$PY" -c 'import json,sys; print(len(json.load(sys.stdin)["cluster"]["live_nodes"]))'
}

cloud_up() {
  fetch
  configure
  if cloud_ready; then log "SolrCloud already answers on 127.0.0.1:${CLOUD_PORTS[0]}"; return; fi
  cloud_down
  rm -rf "$cloud_dir"
  mkdir -p "$cloud_dir/logs"
  log "starting SolrCloud: ZooKeeper and two Solr nodes on 127.0.0.1:${CLOUD_PORTS[0]} and :${CLOUD_PORTS[1]}"
  nohup java -Xms256m -Xmx1g \
    -Dsolr.log.dir="$cloud_dir/logs" \
    -Dlog4j2.configurationFile="$ROOT/solr/log4j2.xml" \
    -cp "$lib/*" "$ROOT/solr/LocalSolr.java" cloud "${CLOUD_PORTS[@]}" "$cloud_dir/cluster" \
    > "$cloud_dir/logs/stdout.log" 2>&1 &
  echo $! > "$cloud_pidfile"
  local deadline=$((SECONDS + 180))
  until [ "$(live_nodes 2>/dev/null)" = 2 ]; do
    is_running "$cloud_pidfile" || die "SolrCloud failed to start: see $cloud_dir/logs/stdout.log"
    [ "$SECONDS" -lt "$deadline" ] || { cloud_down; die "SolrCloud did not come up within 180s"; }
    sleep 0.5
  done
  # the configset, zipped, through the Configsets API (as on any SolrCloud)
  local zip=$cloud_dir/ckan-configset.zip
  "$PY" - "$home/configsets/ckan/conf" "$zip" <<'PY'
import pathlib, sys, zipfile
conf, out = pathlib.Path(sys.argv[1]), sys.argv[2]
with zipfile.ZipFile(out, "w") as z:
    for f in sorted(conf.iterdir()):
        z.write(f, f.name)
PY
  curl -fs --max-time 60 -X POST -H "Content-Type: application/octet-stream" --data-binary "@$zip" \
    "$cloud_base/admin/configs?action=UPLOAD&name=ckan&wt=json" > /dev/null ||
    die "uploading the configset to SolrCloud failed: see $cloud_dir/logs/solr.log"
  curl -fs --max-time 120 "$cloud_base/admin/collections?action=CREATE&name=$collection&numShards=2&replicationFactor=2&collection.configName=ckan&wt=json" > /dev/null ||
    die "creating the collection $collection failed: see $cloud_dir/logs/solr.log"
  wait_until 60 "the collection $collection" cloud_ready
  log "SolrCloud collection $collection: 2 shards x 2 replicas on 2 nodes"
}

cloud_down() { stop_pidfile "$cloud_pidfile" SolrCloud; }

case "${1:-up}" in
  up) up ;;
  down) down ;;
  configure) configure ;;
  configset) [ -n "${2:-}" ] || die "usage: $0 configset DIR"; "$PY" "$ROOT/scripts/solr_configset.py" "$2" ;;
  cloud-up) cloud_up ;;
  cloud-down) cloud_down ;;
  *) die "usage: $0 up|down|configure|cloud-up|cloud-down" ;;
esac
