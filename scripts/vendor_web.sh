#!/usr/bin/env bash
# Vendor the web app's third-party files from the npm registry into claimscope/web/static/vendor/,
# with their licences, so the app loads nothing from another host at run time.
#   leaflet 1.9.4 (BSD-2-Clause): the map
#   world-atlas 2.0.2 (ISC; data: Natural Earth, public domain): the 1:110m countries basemap
#   topojson-client 3.1.0 (ISC): turns the basemap's TopoJSON into GeoJSON in the browser
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=claimscope/web/static/vendor
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$OUT"
for pkg in leaflet@1.9.4 world-atlas@2.0.2 topojson-client@3.1.0; do
  (cd "$TMP" && npm pack --silent "$pkg" >/dev/null)
done
for tgz in "$TMP"/*.tgz; do mkdir -p "$TMP/x" && tar -xzf "$tgz" -C "$TMP/x" && name=$(basename "$tgz" .tgz) && mv "$TMP/x/package" "$TMP/$name"; done
cp "$TMP"/leaflet-1.9.4/dist/leaflet.js "$TMP"/leaflet-1.9.4/dist/leaflet.css "$OUT/"
cp "$TMP"/leaflet-1.9.4/LICENSE "$OUT/LICENSE.leaflet"
cp "$TMP"/world-atlas-2.0.2/countries-110m.json "$OUT/"
cp "$TMP"/world-atlas-2.0.2/LICENSE "$OUT/LICENSE.world-atlas"
cp "$TMP"/topojson-client-3.1.0/dist/topojson-client.min.js "$OUT/"
cp "$TMP"/topojson-client-3.1.0/LICENSE "$OUT/LICENSE.topojson-client"
ls -la "$OUT"
