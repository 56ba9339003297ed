// The explore map: a Natural Earth basemap (vendored, no tiles from another host) and the filtered events.
// Popups are built from DOM nodes with textContent: nothing from an article is parsed as HTML.
document.addEventListener("DOMContentLoaded", async () => {
  const el = document.getElementById("map");
  if (!el || typeof L === "undefined") return;
  const map = L.map(el, { worldCopyJump: true, attributionControl: true }).setView([35, 38], 6);
  map.attributionControl.addAttribution("Natural Earth");
  const world = await (await fetch("/static/vendor/countries-110m.json")).json();
  L.geoJSON(topojson.feature(world, world.objects.countries), {
    style: { color: "#90a4ae", weight: 1, fillColor: "#eceff1", fillOpacity: 1 },
  }).addTo(map);
  const data = await (await fetch(el.dataset.geojson)).json();
  const layer = L.featureGroup().addTo(map);
  const areaKm = { admin2: 25, region: 30, admin1: 45, country: 150 };
  for (const f of data.features) {
    if (!f.geometry) continue;
    const [lon, lat] = f.geometry.coordinates;
    const p = f.properties;
    const deaths = Number(p.fatalities) || 0;
    const popup = document.createElement("div");
    for (const [k, v] of [["date", p.event_date], ["type", p.sub_event_type], ["place", p.location],
                          ["precision", p.precision], ["fatalities", deaths], ["claimed by", p.claimed_by],
                          ["stance", p.stance]]) {
      if (v === null || v === undefined || v === "") continue;
      const line = document.createElement("div");
      line.textContent = `${k}: ${v}`;
      popup.append(line);
    }
    const link = document.createElement("a");
    link.href = `/articles/${encodeURIComponent(String(p.article_ids).split(";")[0])}`;
    link.textContent = "article";
    popup.append(link);
    const km = areaKm[p.precision];
    const marker = km
      ? L.circle([lat, lon], { radius: km * 1000, color: "#c62828", weight: 1, fillOpacity: 0.08 })
      : L.circleMarker([lat, lon], { radius: 4 + Math.sqrt(deaths), color: "#c62828", weight: 1, fillOpacity: 0.5 });
    marker.bindPopup(popup).addTo(layer);
  }
  if (layer.getLayers().length) map.fitBounds(layer.getBounds(), { maxZoom: 9 });
});
