// sitrep's web map: events as markers, a timeline slider, who holds what, and each event's coding
// beside its source text with the supporting sentences marked. Plain JavaScript over the JSON API.
"use strict";

// ACLED's six event types: a colour and a shape each, so the icons differ without colour too.
const EVENT_TYPES = {
  "Battles": { color: "#c0392b", shape: "diamond" },
  "Explosions/Remote violence": { color: "#d35400", shape: "burst" },
  "Violence against civilians": { color: "#7d3c98", shape: "triangle" },
  "Protests": { color: "#2471a3", shape: "circle" },
  "Riots": { color: "#7e5109", shape: "square" },
  "Strategic developments": { color: "#1e8449", shape: "hexagon" },
};
const OTHER_TYPE = { color: "#5d6d7e", shape: "circle" };
const SHAPES = {
  diamond: '<path d="M12 1.5 22.5 12 12 22.5 1.5 12Z"/>',
  burst: '<path d="M12 1l2.6 6.2L21 5l-2.9 6.1L23 14l-6.6.9.6 6.6-5-4.3-5 4.3.6-6.6L1 14l4.9-2.9L3 5l6.4 2.2Z"/>',
  triangle: '<path d="M12 2 23 21.5H1Z"/>',
  circle: '<circle cx="12" cy="12" r="9.5"/>',
  square: '<rect x="3" y="3" width="18" height="18" rx="2"/>',
  hexagon: '<path d="M7 2.5h10l5 9.5-5 9.5H7l-5-9.5Z"/>',
};
// Holders of places on the control layer, in the order they are first seen.
const HOLDER_COLORS = ["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#17becf"];
const UNKNOWN_HOLDER = "#7b8794";
const TIME_PRECISION = { 1: "the day is known", 2: "within a week", 3: "within a month" };
const GEO_PRECISION = { 1: "in the place named", 2: "near it (outskirts, a distance from it)", 3: "the region only" };
const PLACE_LABELS_UP_TO = 60; // more labels than this would bury the map

const state = {
  events: [], // every fused event, oldest first
  days: [], // every day from the first event to the last, as YYYY-MM-DD
  selected: null,
  map: null,
  eventLayer: null,
  controlLayer: null,
  markers: new Map(), // event_id -> Leaflet marker
  labelLayer: null,
  controlFeatures: [], // the control layer's settlements as of the slider's day
  fan: new Map(), // place -> radius in pixels of the ring its events' markers are spread on
  holderColors: new Map(),
  controlRequest: 0,
};

const $ = (id) => document.getElementById(id);

/** An element with attributes and children (strings become text nodes, never HTML). */
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value !== null && value !== undefined && value !== false) node.setAttribute(name, value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

async function getJSON(url) {
  const response = await fetch(url);
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.detail || `${url}: ${response.status} ${response.statusText}`);
  return body;
}

function showError(error) {
  const box = $("error");
  box.textContent = String(error.message || error);
  box.hidden = false;
}

// Days as YYYY-MM-DD strings compare in calendar order; arithmetic goes through UTC midnight.
function addDays(day, n) {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

function dayRange(first, last) {
  const days = [];
  for (let day = first; day <= last; day = addDays(day, 1)) days.push(day);
  return days;
}

function plural(n, word) {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function typeStyle(type) {
  return EVENT_TYPES[type] || OTHER_TYPE;
}

/** The event type's icon as inline SVG (built from the constants above only). */
function iconSvg(type, size) {
  const style = typeStyle(type);
  return `<svg viewBox="0 0 24 24" width="${size}" height="${size}" aria-hidden="true" focusable="false">` +
    `<g fill="${style.color}" stroke="#fff" stroke-width="1.6" stroke-linejoin="round">${SHAPES[style.shape]}</g></svg>`;
}

function iconNode(type, size) {
  const holder = document.createElement("span");
  holder.innerHTML = iconSvg(type, size);
  return holder.firstChild;
}

function holderColor(holder) {
  if (!holder) return UNKNOWN_HOLDER;
  if (!state.holderColors.has(holder)) {
    state.holderColors.set(holder, HOLDER_COLORS[state.holderColors.size % HOLDER_COLORS.length]);
  }
  return state.holderColors.get(holder);
}

function eventTitle(event) {
  return `${event.sub_event_type || event.event_type || "Event"} — ${event.location || "place unknown"}`;
}

// ---- the timeline -------------------------------------------------------------------------------

function currentDay() {
  return state.days[Number($("day").value)] || null;
}

function isVisible(event, day, windowDays) {
  if (!event.event_date) return windowDays === "all"; // undated events have no place on a timeline
  if (!day || event.event_date > day) return false;
  return windowDays === "all" || event.event_date > addDays(day, -Number(windowDays));
}

function applyTimeline() {
  const day = currentDay();
  const windowDays = $("window").value;
  $("day-label").textContent = day || "—";
  $("day").setAttribute("aria-valuetext", day || "no dated events");
  const visible = state.events.filter((event) => isVisible(event, day, windowDays));
  const shown = new Set(visible.map((event) => event.event_id));
  for (const [id, marker] of state.markers) {
    if (shown.has(id)) state.eventLayer.addLayer(marker);
    else state.eventLayer.removeLayer(marker);
  }
  renderList(visible);
  const span = windowDays === "all" ? "on or before" : windowDays === "1" ? "on" : `in the ${windowDays} days up to`;
  $("visible-count").textContent = day
    ? `${visible.length} of ${state.events.length} events shown: those ${span} ${day}.`
    : `${visible.length} of ${state.events.length} events shown.`;
  document.body.dataset.visible = String(visible.length);
  renderLabels();
  scheduleControl(day);
}

function renderList(visible) {
  const items = visible.map((event) => {
    const button = el(
      "button",
      { type: "button", class: "event-item", "data-event-id": event.event_id,
        "aria-current": event.event_id === state.selected ? "true" : null },
      iconNode(event.event_type, 18),
      el("span", { class: "what" }, eventTitle(event)),
      el("span", { class: "when" }, `${event.event_date || "undated"} · ${event.actor1 || "actor unknown"}`),
    );
    button.addEventListener("click", () => select(event.event_id));
    return el("li", {}, button);
  });
  $("event-list").replaceChildren(...items);
  if (!items.length) {
    const why = state.events.length ? "No events in this window." : "No events stored yet: sitrep ingest adds them.";
    $("event-list").append(el("li", { class: "hint" }, why));
  }
}

// ---- the map ------------------------------------------------------------------------------------

function buildMap(features) {
  // No base tiles: sitrep works offline, so the map is a plain ground with a graticule.
  const map = L.map("map", { zoomSnap: 0.25, worldCopyJump: false });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Map drawn with Leaflet; no base map (offline)");
  state.map = map;
  state.eventLayer = L.featureGroup().addTo(map);
  state.controlLayer = L.featureGroup().addTo(map);
  // Place names sit under the markers, above the control circles.
  map.createPane("labels").style.zIndex = 450;
  state.labelLayer = L.layerGroup().addTo(map);
  addGraticule(map);
  // Events at the same place are spread on a small ring around it, so each can be seen and clicked.
  const places = new Map();
  for (const feature of features) {
    const key = placeKey(feature.geometry.coordinates[1], feature.geometry.coordinates[0]);
    places.set(key, [...(places.get(key) || []), feature]);
  }
  for (const [key, group] of places) {
    const radius = group.length > 1 ? Math.min(6 + 3 * group.length, 24) : 0;
    state.fan.set(key, radius);
    group.forEach((feature, i) => addMarker(feature, radius, (2 * Math.PI * i) / group.length - Math.PI / 2));
  }
  const points = features.map((f) => [f.geometry.coordinates[1], f.geometry.coordinates[0]]);
  if (points.length > 1) map.fitBounds(L.latLngBounds(points).pad(0.25), { maxZoom: 11 });
  else if (points.length === 1) map.setView(points[0], 10);
  else map.setView([20, 10], 2);
  L.control.layers(null, { "Events": state.eventLayer, "Who holds what (control)": state.controlLayer },
    { collapsed: false, position: "bottomleft" }).addTo(map);
  L.control.scale({ imperial: false }).addTo(map);
  addLegend(map);
}

function addMarker(feature, radius, angle) {
  const event = feature.properties;
  const [lon, lat] = feature.geometry.coordinates;
  const marker = L.marker([lat, lon], {
    icon: L.divIcon({
      className: "event-marker",
      html: iconSvg(event.event_type, 24),
      iconSize: [24, 24],
      iconAnchor: [12 - radius * Math.cos(angle), 12 - radius * Math.sin(angle)],
    }),
    title: `${event.event_date || "undated"}: ${eventTitle(event)}`,
    alt: eventTitle(event),
    riseOnHover: true,
    keyboard: true,
  });
  marker.options.place = event.location;
  marker.on("click", () => select(event.event_id, { fromMap: true }));
  marker.on("add", () => {
    const icon = marker.getElement();
    icon.dataset.eventId = event.event_id;
    icon.setAttribute("aria-label", `${event.event_date || "undated"}: ${eventTitle(event)}`);
    icon.classList.toggle("selected", event.event_id === state.selected);
  });
  state.markers.set(event.event_id, marker);
  marker.addTo(state.eventLayer);
}

function placeKey(lat, lon) {
  return `${lat.toFixed(5)},${lon.toFixed(5)}`;
}

/** One name per place shown (an event's or a controlled settlement's), right of its markers. */
function renderLabels() {
  if (!state.labelLayer) return;
  state.labelLayer.clearLayers();
  const places = new Map();
  for (const marker of state.eventLayer.getLayers()) {
    const { lat, lng } = marker.getLatLng();
    places.set(placeKey(lat, lng), { latlng: [lat, lng], name: marker.options.place });
  }
  for (const feature of state.controlFeatures) {
    const [lon, lat] = feature.geometry.coordinates;
    const key = placeKey(lat, lon);
    if (!places.has(key)) places.set(key, { latlng: [lat, lon], name: feature.properties.place });
  }
  if (places.size > PLACE_LABELS_UP_TO) return;
  for (const [key, { latlng, name }] of places) {
    if (!name) continue;
    const right = Math.max(state.fan.get(key) || 0, 12) + 8;
    state.labelLayer.addLayer(L.marker(latlng, {
      pane: "labels", interactive: false, keyboard: false,
      icon: L.divIcon({ className: "place-label", html: el("span", {}, name), iconSize: null, iconAnchor: [-right, 9] }),
    }));
  }
}

function addLegend(map) {
  const legend = L.control({ position: "bottomright" });
  legend.onAdd = () => {
    const box = el("div", { class: "legend" });
    box.append(el("h2", {}, "Event type"));
    const types = [...new Set(state.events.map((e) => e.event_type || "other"))].sort();
    box.append(el("ul", {}, types.map((type) => el("li", {}, iconNode(type, 14), type))));
    box.append(el("h2", {}, "Held by (as of the day)"));
    box.append(el("ul", { id: "holder-legend" }));
    L.DomEvent.disableClickPropagation(box);
    return box;
  };
  legend.addTo(map);
}

/** Lines of latitude and longitude at a step that suits the zoom, with their degrees at the edges. */
function addGraticule(map) {
  const grid = L.layerGroup().addTo(map);
  const steps = [20, 10, 5, 2, 1, 0.5, 0.25, 0.1, 0.05, 0.02, 0.01];
  const draw = () => {
    grid.clearLayers();
    const bounds = map.getBounds();
    const span = Math.max(bounds.getEast() - bounds.getWest(), bounds.getNorth() - bounds.getSouth());
    const step = steps.find((s) => span / s >= 4) || steps[steps.length - 1];
    const line = { color: "#b8c4ce", weight: 1, interactive: false };
    const label = (text, latlng, anchor) =>
      L.marker(latlng, { interactive: false, keyboard: false, pane: "labels",
        icon: L.divIcon({ className: "grid-label", html: text, iconSize: null, iconAnchor: anchor }) });
    const digits = step < 1 ? String(step).split(".")[1].length : 0;
    for (let lon = Math.ceil(bounds.getWest() / step) * step; lon <= bounds.getEast(); lon += step) {
      grid.addLayer(L.polyline([[-85, lon], [85, lon]], line));
      grid.addLayer(label(`${Math.abs(lon).toFixed(digits)}°${lon < 0 ? "W" : "E"}`, [bounds.getNorth(), lon], [-3, -3]));
    }
    for (let lat = Math.ceil(bounds.getSouth() / step) * step; lat <= bounds.getNorth(); lat += step) {
      grid.addLayer(L.polyline([[lat, -180], [lat, 180]], line));
      grid.addLayer(label(`${Math.abs(lat).toFixed(digits)}°${lat < 0 ? "S" : "N"}`, [lat, bounds.getWest()], [-3, 14]));
    }
  };
  map.on("moveend", draw);
  map.whenReady(draw);
}

// ---- control: who holds which place as of the slider's day -------------------------------------

let controlTimer = null;
function scheduleControl(day) {
  if (!state.map || !day) return;
  clearTimeout(controlTimer);
  controlTimer = setTimeout(() => loadControl(day), 120);
}

async function loadControl(day) {
  const request = ++state.controlRequest;
  let collection;
  try {
    collection = await getJSON(`api/control.geojson?as_of=${encodeURIComponent(day)}`);
  } catch (error) {
    showError(error);
    return;
  }
  if (request !== state.controlRequest) return; // the slider has moved on
  state.controlLayer.clearLayers();
  const holders = new Map();
  for (const feature of collection.features) {
    const span = feature.properties;
    const [lon, lat] = feature.geometry.coordinates;
    const color = holderColor(span.holder);
    holders.set(span.holder || "unknown", color);
    const circle = L.circleMarker([lat, lon], {
      radius: 17, color, weight: 2.5, fillColor: color, fillOpacity: 0.22,
      dashArray: span.contested ? "5 4" : null, className: "control-circle",
    });
    const text = `${span.place || span.geonameid}: ${span.holder || "holder unknown"}` +
      `${span.contested ? " (contested)" : ""} since ${span.since}, confidence ${span.confidence}`;
    circle.bindPopup(text);
    circle.bindTooltip(text);
    state.controlLayer.addLayer(circle);
  }
  state.controlLayer.bringToBack();
  state.controlFeatures = collection.features;
  renderLabels();
  const legend = $("holder-legend");
  if (legend) {
    legend.replaceChildren(...[...holders].map(([holder, color]) =>
      el("li", {}, el("span", { class: "swatch", style: `border-color:${color};background:${color}33` }), holder)));
    if (!holders.size) legend.append(el("li", {}, "no settlement with evidence yet"));
  }
  document.body.dataset.controlDay = day;
}

// ---- the event detail: its coding, and the report text with the evidence marked ---------------

async function select(eventId, { fromMap = false } = {}) {
  state.selected = eventId;
  for (const [id, marker] of state.markers) marker.getElement()?.classList.toggle("selected", id === eventId);
  for (const button of document.querySelectorAll(".event-item")) {
    button.setAttribute("aria-current", button.dataset.eventId === eventId ? "true" : "false");
  }
  const marker = state.markers.get(eventId);
  if (marker && !fromMap && state.map) state.map.panTo(marker.getLatLng());
  const detail = $("detail");
  detail.setAttribute("aria-busy", "true");
  try {
    const event = await getJSON(`api/events/${encodeURIComponent(eventId)}`);
    const ids = [...new Set(event.evidence.map((e) => e.document_id))];
    const documents = await Promise.all(ids.map((id) => getJSON(`api/documents/${encodeURIComponent(id)}`)));
    if (state.selected !== eventId) return; // another event was picked meanwhile
    renderDetail(event, documents);
  } catch (error) {
    showError(error);
  } finally {
    detail.removeAttribute("aria-busy");
  }
}

function field(name, ...value) {
  const shown = value.flat().filter((v) => v !== null && v !== undefined && v !== "");
  return [el("dt", {}, name), el("dd", {}, shown.length ? shown : "unknown")];
}

function withAssociates(actor, associates) {
  if (!actor) return null;
  return associates ? `${actor} (with ${associates})` : actor;
}

function renderDetail(event, documents) {
  const claims = Object.entries(event.claims || {}).map(([kind, q]) =>
    el("li", {}, `${kind.replaceAll("_", " ")}: ${q.qualifier ? q.qualifier + " " : ""}${q.value}` +
      `${q.who ? " " + q.who : ""}`));
  const losses = (event.losses || []).map((loss) =>
    el("li", {}, `${loss.side || "side unknown"}: ${loss.count ?? "some"} ${loss.item}` +
      `${loss.claimed_by ? ` (claimed by ${loss.claimed_by})` : ""}`));
  const sources = (event.sources || []).map((source) => {
    const name = source.source || "unnamed outlet";
    const link = source.url && /^https?:\/\//.test(source.url) ? el("a", { href: source.url, rel: "noreferrer" }, name) : name;
    return el("li", {}, link, source.published ? `, ${source.published}` : "");
  });
  const place = [event.location, event.admin2, event.admin1, event.country].filter(Boolean).join(", ");
  const coords = event.latitude != null ? ` (${event.latitude}, ${event.longitude})` : "";
  const status = event.claimed_by ? `${event.status}, claimed by ${event.claimed_by}` : event.status;
  const list = el("dl", { class: "fields" },
    field("Type", el("span", { class: "type-chip" }, iconNode(event.event_type, 14), event.event_type)),
    field("Sub-type", event.sub_event_type),
    field("Date", event.event_date &&
      `${event.event_date} (${TIME_PRECISION[event.time_precision] || "precision unknown"})`),
    field("Actor 1", withAssociates(event.actor1, event.assoc_actor_1)),
    field("Actor 2", withAssociates(event.actor2, event.assoc_actor_2)),
    field("Interaction", event.interaction),
    field("Place", place && place + coords),
    field("Geo precision", event.geo_precision && `${event.geo_precision}: ${GEO_PRECISION[event.geo_precision] || ""}`),
    field("Fatalities", event.fatalities),
    field("Status", status),
    field("Claims", claims.length ? el("ul", {}, claims) : "none"),
    field("Losses", losses.length ? el("ul", {}, losses) : "none"),
    field("Sources", sources.length ? el("ul", {}, sources) : event.source),
    field("Tags", event.tags || "none"),
    field("Event id", event.event_id),
  );
  const texts = documents.map((doc) => renderDocument(doc, event.evidence.filter((e) => e.document_id === doc.id)));
  $("detail").replaceChildren(
    el("h2", { id: "detail-title" }, eventTitle(event)),
    list,
    el("h3", {}, "Supporting sentences in the report"),
    ...texts,
  );
  // The coding stays in view at the top; each report's text scrolls to its first marked sentence.
  $("detail").scrollTop = 0;
  for (const text of $("detail").querySelectorAll(".doc-text")) {
    const mark = text.querySelector("mark");
    if (mark) text.scrollTop = Math.max(mark.offsetTop - 24, 0);
  }
}

/** The report's text with each evidence span (character offsets) wrapped in <mark>. */
function renderDocument(doc, evidence) {
  const spans = evidence.map((e) => [e.start, e.end]).sort((a, b) => a[0] - b[0]);
  const merged = [];
  for (const [start, end] of spans) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  const text = el("p", { class: "doc-text" });
  let at = 0;
  for (const [start, end] of merged) {
    text.append(doc.text.slice(at, start), el("mark", {}, doc.text.slice(start, end)));
    at = end;
  }
  text.append(doc.text.slice(at));
  const about = [doc.title, doc.source, doc.published].filter(Boolean).join(" · ") || `report ${doc.id}`;
  return el("article", { class: "document" }, el("header", {}, about), text);
}

// ---- start --------------------------------------------------------------------------------------

async function start() {
  const leaflet = typeof L !== "undefined";
  $("leaflet-missing").hidden = leaflet;
  try {
    const [stats, events, collection] = await Promise.all([
      getJSON("api/stats"), getJSON("api/events"), getJSON("api/events.geojson"),
    ]);
    state.events = events;
    const dated = events.map((e) => e.event_date).filter(Boolean);
    state.days = dated.length ? dayRange(dated[0], dated.at(-1)) : []; // events come oldest first
    const range = stats.first_event_date ? `, ${stats.first_event_date} to ${stats.last_event_date}` : "";
    $("summary").textContent = `${plural(events.length, "event")} from ${plural(stats.documents, "report")}${range}`;
    if (leaflet) buildMap(collection.features);
    const slider = $("day");
    slider.max = String(Math.max(state.days.length - 1, 0));
    slider.value = slider.max;
    slider.disabled = state.days.length === 0;
    slider.addEventListener("input", applyTimeline);
    $("window").addEventListener("change", applyTimeline);
    applyTimeline();
  } catch (error) {
    $("summary").textContent = "Could not load the events.";
    showError(error);
  }
  document.body.dataset.ready = "true";
}

start();
