// newsgraph web page: timeline, actor network, map and article view over the HTTP API. No libraries, no CDN.
"use strict";

const PLOVER = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
  "REJECT", "THREATEN", "SANCTION", "PROTEST", "MOBILIZE", "COERCE", "ASSAULT"];
const SVG = "http://www.w3.org/2000/svg";

async function api(path, params = {}) {
  const query = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== "" && v != null));
  const response = await fetch(`${path}?${query}`);
  const body = await response.json();
  if (!response.ok) throw new Error(body.error || response.statusText);
  return body;
}

function el(tag, attrs = {}, text = "") {
  const node = tag.includes(":") || ["svg", "g", "rect", "circle", "line", "text", "path", "title", "defs", "marker"].includes(tag)
    ? document.createElementNS(SVG, tag) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text) node.textContent = text;
  return node;
}

function filters() {
  return Object.fromEntries(new FormData(document.getElementById("filters")).entries());
}

function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }

// ---- timeline ---------------------------------------------------------------------------------------------

async function showTimeline() {
  const rows = await api("/api/events", { ...filters(), limit: 5000 });
  drawTimeline(rows.filter((r) => r.date_start));
  const body = clear(document.querySelector("#event-table tbody"));
  for (const r of rows.slice(0, 500)) {
    const tr = el("tr");
    const date = r.date_start === r.date_end ? r.date_start : `${r.date_start || ""}…${r.date_end || ""}`;
    for (const value of [date, `${r.type}${r.mode ? " / " + r.mode : ""}`]) tr.append(el("td", {}, value || ""));
    const modality = el("td");
    modality.append(el("span", { class: `badge m-${r.modality}` }, r.modality));
    tr.append(modality);
    for (const value of [r.source, r.target, r.place_name]) tr.append(el("td", {}, value || ""));
    const evidence = el("td");
    const link = el("a", { href: "#articles" }, r.evidence_text);
    link.addEventListener("click", () => openArticle(r.article_id, r.event_id));
    evidence.append(link);
    tr.append(evidence);
    body.append(tr);
  }
}

function drawTimeline(rows) {
  const svg = clear(document.getElementById("timeline-chart"));
  if (!rows.length) { svg.append(el("text", { x: 20, y: 30 }, "no dated events")); return; }
  const days = rows.map((r) => Date.parse(r.date_start));
  const lo = Math.min(...days), hi = Math.max(...days) + 86400000;
  const width = svg.clientWidth || 900, height = 180, pad = 30;
  const x = (t) => pad + ((t - lo) / Math.max(hi - lo, 86400000)) * (width - 2 * pad);
  const stacks = new Map();
  for (const r of rows) {
    const day = r.date_start;
    const level = stacks.get(day) || 0;
    stacks.set(day, level + 1);
    const bar = el("rect", { x: x(Date.parse(day)), y: height - pad - (level + 1) * 8, width: 6, height: 7,
      class: `m-${r.modality}` });
    bar.append(el("title", {}, `${day} ${r.type} (${r.modality}): ${r.source || "?"} → ${r.target || "?"}`));
    svg.append(bar);
  }
  svg.append(el("text", { x: pad, y: height - 8 }, new Date(lo).toISOString().slice(0, 10)));
  svg.append(el("text", { x: width - pad - 80, y: height - 8 }, new Date(hi - 86400000).toISOString().slice(0, 10)));
}

// ---- network ----------------------------------------------------------------------------------------------

async function showNetwork() {
  const { nodes, edges } = await api("/api/network", filters());
  const svg = clear(document.getElementById("network-chart"));
  const width = svg.clientWidth || 900, height = 560;
  // Actors that act on others; actors with events but no counterpart only clutter a network.
  const linked = new Set(edges.flatMap((e) => [e.source, e.target]));
  const top = nodes.filter((n) => linked.has(n.id)).slice(0, 80);
  if (!top.length) { svg.append(el("text", { x: 20, y: 30 }, "no events with both a source and a target")); return; }
  const index = new Map(top.map((n, i) => [n.id, i]));
  const radius = Math.min(width, height) * 0.4;
  const pos = top.map((_, i) => {
    const angle = (2 * Math.PI * i) / top.length;
    return { x: width / 2 + radius * Math.cos(angle), y: height / 2 + radius * Math.sin(angle), dx: 0, dy: 0 };
  });
  const links = edges.filter((e) => index.has(e.source) && index.has(e.target));
  for (let step = 0; step < 300; step++) layoutStep(pos, links, index, width, height, step);
  const defs = el("defs");
  const marker = el("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 16, refY: 5, markerWidth: 6,
    markerHeight: 6, orient: "auto-start-reverse" });
  marker.append(el("path", { d: "M 0 0 L 10 5 L 0 10 z", fill: "#9aa7b8" }));
  defs.append(marker);
  svg.append(defs);
  for (const e of links) {
    const a = pos[index.get(e.source)], b = pos[index.get(e.target)];
    const line = el("line", { x1: a.x, y1: a.y, x2: b.x, y2: b.y, stroke: "#9aa7b8",
      "stroke-width": Math.min(1 + e.count, 6), "marker-end": "url(#arrow)" });
    line.append(el("title", {}, `${e.source} → ${e.target}: ${e.type} ×${e.count}`));
    svg.append(line);
  }
  top.forEach((n, i) => {
    const g = el("g");
    g.append(el("circle", { cx: pos[i].x, cy: pos[i].y, r: 4 + Math.sqrt(n.events) * 2, fill: "#2b6cb0" }));
    g.append(el("text", { x: pos[i].x + 8, y: pos[i].y + 4 }, `${n.id}${n.country ? " (" + n.country + ")" : ""}`));
    svg.append(g);
  });
}

function layoutStep(pos, links, index, width, height, step) {
  // Fruchterman-Reingold: repulsion k²/d between all nodes, attraction d²/k along edges, cooling step size.
  const k = Math.sqrt((width * height) / pos.length) * 0.35;
  const heat = Math.max(2, 40 * (1 - step / 300));
  for (const p of pos) { p.dx = 0; p.dy = 0; }
  for (let i = 0; i < pos.length; i++) {
    for (let j = i + 1; j < pos.length; j++) {
      const dx = pos[i].x - pos[j].x, dy = pos[i].y - pos[j].y, d = Math.max(Math.hypot(dx, dy), 1);
      if (d > 2 * k) continue;  // only neighbours push: distant components stay on the canvas
      const f = (k * k) / d;
      pos[i].dx += (dx / d) * f; pos[i].dy += (dy / d) * f;
      pos[j].dx -= (dx / d) * f; pos[j].dy -= (dy / d) * f;
    }
  }
  for (const e of links) {
    const a = pos[index.get(e.source)], b = pos[index.get(e.target)];
    const dx = b.x - a.x, dy = b.y - a.y, d = Math.max(Math.hypot(dx, dy), 1), f = (d * d) / k;
    a.dx += (dx / d) * f; a.dy += (dy / d) * f; b.dx -= (dx / d) * f; b.dy -= (dy / d) * f;
  }
  for (const p of pos) {
    // gravity keeps separate components on the canvas
    p.dx += (width / 2 - p.x) * 0.05; p.dy += (height / 2 - p.y) * 0.05;
    const d = Math.max(Math.hypot(p.dx, p.dy), 1), move = Math.min(d, heat);
    p.x = Math.min(width - 120, Math.max(20, p.x + (p.dx / d) * move));
    p.y = Math.min(height - 20, Math.max(20, p.y + (p.dy / d) * move));
  }
}

// ---- map --------------------------------------------------------------------------------------------------

async function showMap() {
  const rows = (await api("/api/events", { ...filters(), limit: 5000 })).filter((r) => r.lat != null);
  const svg = clear(document.getElementById("map-chart"));
  const width = svg.clientWidth || 900, height = 560;
  // Fit the view to the places found (10° margin), one degree the same size both ways.
  const lons = rows.map((r) => r.lon), lats = rows.map((r) => r.lat);
  const west = Math.max(-180, Math.min(...lons, 180) - 10), east = Math.min(180, Math.max(...lons, -180) + 10);
  const south = Math.max(-90, Math.min(...lats, 90) - 10), north = Math.min(90, Math.max(...lats, -90) + 10);
  const scale = Math.min(width / Math.max(east - west, 1), height / Math.max(north - south, 1));
  const x = (lon) => (lon - west) * scale, y = (lat) => (north - lat) * scale;
  for (let lon = Math.ceil(west / 10) * 10; lon <= east; lon += 10) {
    svg.append(el("line", { x1: x(lon), y1: 0, x2: x(lon), y2: height, stroke: "#eef" }));
    svg.append(el("text", { x: x(lon) + 2, y: height - 4, class: "axis" }, `${lon}°`));
  }
  for (let lat = Math.ceil(south / 10) * 10; lat <= north; lat += 10) {
    svg.append(el("line", { x1: 0, y1: y(lat), x2: width, y2: y(lat), stroke: "#eef" }));
    svg.append(el("text", { x: 2, y: y(lat) - 2, class: "axis" }, `${lat}°`));
  }
  const places = new Map();
  for (const r of rows) {
    const key = `${r.place_name}|${r.lat}|${r.lon}`;
    if (!places.has(key)) places.set(key, { ...r, n: 0 });
    places.get(key).n += 1;
  }
  for (const p of places.values()) {
    const dot = el("circle", { cx: x(p.lon), cy: y(p.lat), r: 3 + Math.sqrt(p.n) * 2, fill: "#c53030", opacity: 0.7 });
    dot.append(el("title", {}, `${p.place_name} (${p.place_country || "?"}): ${p.n} events`));
    svg.append(dot);
    svg.append(el("text", { x: x(p.lon) + 6, y: y(p.lat) - 4 }, p.place_name));
  }
}

// ---- articles ---------------------------------------------------------------------------------------------

async function showArticles(search = "") {
  const rows = await api("/api/articles", { search, limit: 100 });
  const list = clear(document.getElementById("article-list"));
  for (const r of rows) {
    const item = el("li", {}, `${r.published ? r.published.slice(0, 10) + " " : ""}${r.title || r.id}` +
      ` (${r.n_events} events, ${r.n_quotes} quotes)`);
    item.addEventListener("click", () => openArticle(r.id));
    list.append(item);
  }
}

async function openArticle(id, eventId = null) {
  location.hash = "articles";
  const a = await api(`/api/articles/${encodeURIComponent(id)}`);
  const view = clear(document.getElementById("article-view"));
  view.append(el("h2", {}, a.article.title || a.article.id));
  view.append(el("p", { class: "note" }, [a.article.published, (a.article.authors || []).join(", "),
    a.article.outlet].filter(Boolean).join(" · ")));
  const marks = [];
  for (const v of a.events) {
    if (!eventId || v.id === eventId) {
      marks.push({ span: v.evidence.span, cls: "evidence", title: `${v.id} ${v.type} (${v.modality})` });
    }
  }
  for (const q of a.quotes) marks.push({ span: q.span, cls: "quote", title: `${q.id} ${q.kind} quote` });
  view.append(highlighted(a.article.text, marks));
}

function highlighted(text, marks) {
  // Non-overlapping marks, earliest first; evidence wins over quotes where they overlap.
  const chosen = [];
  for (const m of marks.sort((p, q) => p.span[0] - q.span[0] || (p.cls === "evidence" ? -1 : 1))) {
    if (!chosen.length || m.span[0] >= chosen[chosen.length - 1].span[1]) chosen.push(m);
  }
  const box = el("div");
  let at = 0;
  for (const m of chosen) {
    box.append(document.createTextNode(text.slice(at, m.span[0])));
    box.append(el("mark", { class: m.cls, title: m.title }, text.slice(m.span[0], m.span[1])));
    at = m.span[1];
  }
  box.append(document.createTextNode(text.slice(at)));
  box.style.whiteSpace = "pre-wrap";
  return box;
}

// ---- wiring -----------------------------------------------------------------------------------------------

const VIEWS = { timeline: showTimeline, network: showNetwork, map: showMap, articles: () => showArticles() };

async function route() {
  const view = (location.hash || "#timeline").slice(1);
  for (const section of document.querySelectorAll(".view")) section.hidden = section.id !== view;
  for (const link of document.querySelectorAll("nav a")) link.classList.toggle("active", link.dataset.view === view);
  try {
    await (VIEWS[view] || showTimeline)();
  } catch (error) {
    document.getElementById(view).prepend(el("p", { class: "note" }, `error: ${error.message}`));
  }
}

async function init() {
  const select = document.querySelector("select[name=type]");
  for (const t of PLOVER) select.append(el("option", {}, t));
  const counts = await api("/api/counts");
  document.getElementById("counts").textContent =
    `${counts.articles} articles · ${counts.events} events · ${counts.quotes} quotes`;
  document.getElementById("filters").addEventListener("submit", (e) => { e.preventDefault(); route(); });
  document.getElementById("search").addEventListener("submit", (e) => {
    e.preventDefault();
    showArticles(new FormData(e.target).get("search"));
  });
  window.addEventListener("hashchange", route);
  route();
}

init();
