/* plangraph's network page.
 *
 * Everything below is built from the JSON in #plangraph-data with DOM calls and textContent:
 * no string from the data is ever parsed as HTML, so a label that spells out an image tag with
 * an onerror handler stays text. The filters select exactly what plangraph.view.select.select() selects in Python.
 */
(function (main) {
  "use strict";
  // The canvas measures and draws labels with whatever font is ready when the network is made:
  // wait (briefly) for the embedded CJK font, so that boxes are sized for its glyphs.
  const body = document.body;
  const sample = document.getElementById("network").getAttribute("aria-label") || "中文";
  const started = () => { body.dataset.font = body.dataset.font || "none"; main(); };
  if (!document.fonts || !document.fonts.load) { started(); return; }
  const waited = new Promise((resolve) => setTimeout(resolve, 3000));
  Promise.race([document.fonts.load('16px "plangraph CJK"', sample + "中文"), waited]).then(
    (faces) => { body.dataset.font = faces && faces.length ? "loaded" : "none"; started(); },
    () => { body.dataset.font = "failed"; started(); });
})(function () {
  "use strict";

  const DATA = JSON.parse(document.getElementById("plangraph-data").textContent);
  const SVG = "http://www.w3.org/2000/svg";
  const FONT = '"plangraph CJK", "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", ' +
    '"Hiragino Sans GB", "WenQuanYi Micro Hei", sans-serif';
  const TYPES = new Map(DATA.types.map((t) => [t.key, t]));
  const QUALIFIER = {
    Exact: "精确 exact", About: "左右 about", AtLeast: "不少于 at least",
    AtMost: "不超过 at most", Range: "区间 range",
  };
  const STATUS = {
    Met: "完成 met", Exceeded: "超额完成 exceeded", NotMet: "未完成 not met",
    Reported: "已报告 reported",
  };
  const RELATION = {
    keyword: "关键词 keyword", measure: "举措 measure", task: "民生实事 task",
    target: "目标 target", locatedIn: "地区 located in", industry: "产业 industry",
    reports: "报告 reports on", within: "隶属 within",
  };
  const DIM = { background: "#eceef1", border: "#d5d9de" };
  const EDGE = "#9aa3ad";
  const $ = (id) => document.getElementById(id);

  // -- the views: the matrix of many documents (DOM, matrix.js), the full network, the keyword
  // overview (large graphs) and a part of the full network opened from the matrix ------------

  function model(name, part) {
    const nodes = part.nodes;
    const out = nodes.map(() => []);
    const inc = nodes.map(() => []);
    part.edges.forEach((e, k) => { out[e[0]].push(k); inc[e[1]].push(k); });
    const hubs = new Set();
    nodes.forEach((n, i) => { if (n.hub) hubs.add(i); });
    return {
      name, nodes, edges: part.edges, out, inc, hubs,
      byId: new Map(nodes.map((n, i) => [n.id, i])),
      visible: new Set(nodes.keys()), dimmed: new Array(nodes.length).fill(false),
      edgeHidden: new Array(part.edges.length).fill(false),
      edgeDimmed: new Array(part.edges.length).fill(false),
      labelled: new Array(nodes.length).fill(false), fontSize: new Array(nodes.length).fill(0),
      shift: new Array(nodes.length).fill(0), drawnShift: new Array(nodes.length).fill(0),
      data: null, settledOnce: false,
    };
  }

  // a view of some nodes of another, at the positions given (a Map: index → [x, y])
  function subModel(name, base, keep, positions, hub) {
    const order = Array.from(keep).sort((a, b) => a - b);
    const at = new Map(order.map((i, k) => [i, k]));
    const edges = [];
    for (const e of base.edges) {
      if (at.has(e[0]) && at.has(e[1])) edges.push([at.get(e[0]), at.get(e[1])].concat(e.slice(2)));
    }
    const nodes = order.map((i) => {
      const p = positions.get(i);
      const n = Object.assign({}, base.nodes[i], p ? { x: p[0], y: p[1] } : {});
      // in one document's part, only that document's own region is its hub
      if (hub !== undefined) n.hub = n.id === hub;
      return n;
    });
    for (const n of nodes) n.drawnDegree = 0;
    for (const e of edges) { nodes[e[0]].drawnDegree += 1; nodes[e[1]].drawnDegree += 1; }
    return model(name, { nodes, edges });
  }

  // where a document's nodes sit when its network (key: its id) or a theme of it (key:
  // "id|row") is laid out alone (made in Python)
  function documentLayout(key) {
    const flat = (DATA.layouts || {})[key];
    if (!flat) return null;
    const positions = new Map();
    for (let k = 0; k < flat.length; k += 3) positions.set(flat[k], [flat[k + 1], flat[k + 2]]);
    return positions;
  }

  // nodes from several documents: the first one in the middle, the others on rings around it
  function ringLayout(keep, first) {
    const positions = new Map([[first, [0, 0]]]);
    let k = 0;
    for (const i of keep) {
      if (i === first) continue;
      const ring = Math.floor(Math.sqrt(k / 6)) + 1;
      const onRing = 6 * (2 * ring - 1);
      const angle = (2 * Math.PI * (k - 6 * (ring - 1) * (ring - 1))) / onRing;
      positions.set(i, [ring * 120 * Math.cos(angle), ring * 120 * Math.sin(angle)]);
      k += 1;
    }
    return positions;
  }

  const views = { full: model("full", DATA.full), empty: model("empty", { nodes: [], edges: [] }) };
  if (DATA.overview) views.overview = model("overview", DATA.overview);
  let mode = DATA.view === "matrix" && DATA.matrix ? "matrix" : "network";
  let m = mode === "matrix" ? views.empty : views[DATA.view] || views.full;
  let partTitle = "";

  const state = {
    document: "", keyword: "", region: "", industry: "",
    types: new Set(DATA.types.map((t) => t.key)), showHubs: false,
  };
  let selected = null;
  let settled = false;

  // -- what a filter selects (the same rules as plangraph.view.select.select) -------------------

  function reach(v, start, forward) {
    const seen = new Set(start);
    const queue = Array.from(seen);
    for (let q = 0; q < queue.length; q++) {
      for (const k of (forward ? v.out : v.inc)[queue[q]]) {
        const e = v.edges[k];
        const next = forward ? e[1] : e[0];
        if (e[2] !== "within" && !seen.has(next)) { seen.add(next); queue.push(next); }
      }
    }
    return seen;
  }

  function inside(v, regions) {
    const seen = new Set(regions);
    const queue = Array.from(seen);
    for (let q = 0; q < queue.length; q++) {
      for (const k of v.inc[queue[q]]) {
        const e = v.edges[k];
        if (e[2] === "within" && !seen.has(e[0])) { seen.add(e[0]); queue.push(e[0]); }
      }
    }
    return seen;
  }

  function linkedPart(v, targets, relation) {
    const facts = [];
    for (const t of targets) {
      for (const k of v.inc[t]) if (v.edges[k][2] === relation) facts.push(v.edges[k][0]);
    }
    const part = reach(v, facts, false);
    for (const t of targets) part.add(t);
    return part;
  }

  function documentPart(v, doc) {
    const part = new Set();
    v.nodes.forEach((n, i) => {
      if ((n.documents || []).includes(doc)) {
        part.add(i);
        for (const k of v.out[i]) {
          const j = v.edges[k][1];
          const type = v.nodes[j].type;
          if (type === "Region" || type === "Industry") part.add(j);
        }
      }
    });
    return part;
  }

  function selection(v) {
    let keep = null;
    const and = (part) => {
      keep = keep === null ? part : new Set(Array.from(keep).filter((i) => part.has(i)));
    };
    const one = (id) => (v.byId.has(id) ? [v.byId.get(id)] : []);
    const named = (type, label) =>
      v.nodes.map((n, i) => (n.type === type && n.label === label ? i : -1)).filter((i) => i >= 0);
    if (state.document) and(documentPart(v, state.document));
    if (state.keyword) and(reach(v, named("Keyword", state.keyword), true));
    if (state.region) and(linkedPart(v, inside(v, one(state.region)), "locatedIn"));
    if (state.industry) and(linkedPart(v, one(state.industry), "industry"));
    const shown = new Set();
    v.nodes.forEach((n, i) => {
      if ((keep === null || keep.has(i)) && state.types.has(n.type)) shown.add(i);
    });
    return shown;
  }

  function hubsShown(v) {
    // a hub's links show when asked for, when it is selected, or when the region filter is it
    const shown = new Set();
    const region = state.region && v.byId.has(state.region) ? v.byId.get(state.region) : null;
    for (const h of v.hubs) {
      if (state.showHubs || h === selected || h === region) shown.add(h);
    }
    return shown;
  }

  // -- how nodes and edges look ------------------------------------------------------------

  // the whole label, never cut: a label that has no room is not drawn (see placeLabels)
  function fullLabel(n, v) {
    return v.name === "overview" && n.type === "Keyword" ? n.label + " · " + n.members : n.label;
  }

  function nodeStyle(v, i, dim) {
    const n = v.nodes[i];
    const t = TYPES.get(n.type);
    const fill = dim ? DIM.background : t.color;
    const style = { id: n.id };
    if (t.shape === "box") {
      style.color = {
        background: fill, border: dim ? DIM.border : "#8c1a1b",
        highlight: { background: fill, border: "#111" }, hover: { background: fill, border: "#111" },
      };
      style.font = {
        face: FONT, size: v.fontSize[i] || n.font || 24, color: dim ? "#b5bac1" : "#ffffff",
        strokeWidth: 0,
      };
    } else {
      style.color = {
        background: fill, border: dim ? DIM.border : t.color,
        highlight: { background: fill, border: "#111" }, hover: { background: fill, border: "#111" },
      };
      style.font = {
        face: FONT, size: v.fontSize[i] || 12, color: dim ? "#b5bac1" : "#24292f",
        vadjust: v.shift[i] || 0,
        strokeWidth: 3, strokeColor: "#ffffff",
      };
    }
    return style;
  }

  // a node's size follows its links in the view drawn (a part counts its own)
  function nodeSize(n) {
    return Math.min(34, 7 + 2.4 * Math.sqrt(n.drawnDegree === undefined ? n.degree : n.drawnDegree));
  }

  function visNode(v, i) {
    const n = v.nodes[i];
    const t = TYPES.get(n.type);
    const node = nodeStyle(v, i, false);
    // keywords are labelled from the start; the others once the view has settled
    node.label = t.shape === "box" ? fullLabel(n, v) : "";
    v.labelled[i] = t.shape === "box";
    node.shape = t.shape;
    node.x = n.x;
    node.y = n.y;
    node.size = nodeSize(n);
    if (t.shape === "box") {
      node.margin = { top: 8, bottom: 8, left: 12, right: 12 };
      node.borderWidth = 1.5;
      node.shapeProperties = { borderRadius: 5 };
    } else {
      node.borderWidth = 1;
    }
    return node;
  }

  function isHubEdge(v, k) {
    const e = v.edges[k];
    return v.hubs.has(e[0]) || v.hubs.has(e[1]);
  }

  function edgeStyle(v, k, dim) {
    return {
      id: k,
      color: { color: dim ? "#e3e6ea" : EDGE, opacity: dim ? 0.5 : 0.7,
               highlight: "#30363d", hover: "#30363d" },
    };
  }

  function visEdge(v, k, hubs) {
    const e = v.edges[k];
    const edge = edgeStyle(v, k, false);
    edge.from = v.nodes[e[0]].id;
    edge.to = v.nodes[e[1]].id;
    edge.arrows = { to: { enabled: true, scaleFactor: 0.35 } };
    // springs at rest where Python put the ends: the physics eases crowding, keeps the layout
    const a = v.nodes[e[0]];
    const b = v.nodes[e[1]];
    edge.length = Math.max(30, Math.hypot(a.x - b.x, a.y - b.y));
    edge.width = e.length > 3 ? Math.min(6, 1 + Math.log2(e[3])) : 1;
    const hidden = isHubEdge(v, k) && !(hubs.has(e[0]) || hubs.has(e[1]));
    edge.hidden = hidden;
    edge.physics = !hidden;
    v.edgeHidden[k] = hidden;
    return edge;
  }

  function datasets(v) {
    if (!v.data) {
      const hubs = hubsShown(v);
      v.data = {
        nodes: new vis.DataSet(v.nodes.map((_, i) => visNode(v, i))),
        edges: new vis.DataSet(v.edges.map((_, k) => visEdge(v, k, hubs))),
      };
    }
    return v.data;
  }

  // -- physics: settle once, then stay still until asked to resume ---------------------------

  const PHYSICS = {
    enabled: true,
    solver: "barnesHut",
    barnesHut: {
      // gentle: the layout is made in Python; these only ease overlaps and long links
      gravitationalConstant: -1500, centralGravity: 0, springLength: 90,
      springConstant: 0.01, damping: 0.6, avoidOverlap: 0.5,
    },
    maxVelocity: 40,
    minVelocity: 1.5,
    timestep: 0.4,
    // one step costs about 10 µs a node here; the layout comes ready from Python, so the
    // first settling only polishes it, in well under a second whatever the size
    adaptiveTimestep: false,
    stabilization: { enabled: true, fit: true, updateInterval: 10, iterations: 150 },
  };

  function polishSteps(v) {
    return Math.max(10, Math.min(60, Math.round(20000 / Math.max(1, v.nodes.length))));
  }
  PHYSICS.stabilization.iterations = polishSteps(m);

  const options = {
    autoResize: true,
    layout: { improvedLayout: false, randomSeed: 7 },
    physics: PHYSICS,
    interaction: {
      hover: true, tooltipDelay: 3600000, hideEdgesOnDrag: DATA.count > 1500,
      multiselect: false, navigationButtons: false, keyboard: false,
    },
    nodes: { scaling: { label: { drawThreshold: 6, maxVisible: 44 } } },
    edges: { smooth: false, selectionWidth: 1.5, hoverWidth: 0.5 },
  };

  const container = $("network");
  const network = new vis.Network(container, datasets(m), options);

  function settle() {
    if (settled) return;
    settled = true;
    m.settledOnce = true;
    network.setOptions({ physics: { enabled: false } });
    const ms = Math.round(performance.now());
    if (!document.body.dataset.settledMs) document.body.dataset.settledMs = String(ms);
    placeLabels();
    document.body.dataset.settled = "true";
    physicsButton(false);
    report();
    window.dispatchEvent(new CustomEvent("plangraph:settled", { detail: { ms } }));
  }

  function resume() {
    settled = false;
    document.body.dataset.settled = "false";
    physicsButton(true);
    network.setOptions({ physics: { enabled: true } });
    network.startSimulation();
  }

  network.on("stabilizationIterationsDone", settle);
  network.on("stabilized", settle);

  function physicsButton(running) {
    const button = $("physics");
    button.disabled = false;
    button.textContent = running ? "暂停布局 Pause physics" : "继续布局 Resume physics";
    button.dataset.running = running ? "true" : "false";
  }

  $("physics").addEventListener("click", () => {
    if ($("physics").dataset.running === "true") settle(); else resume();
  });

  // -- small DOM helpers (textContent only) --------------------------------------------------

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function points(list) { return list.map((p) => p[0].toFixed(1) + "," + p[1].toFixed(1)).join(" "); }

  function polygon(corners, radius, rotate, inner) {
    const list = [];
    const steps = inner ? corners * 2 : corners;
    for (let k = 0; k < steps; k++) {
      const r = inner && k % 2 ? inner : radius;
      const a = rotate + (k * 2 * Math.PI) / steps;
      list.push([10 + r * Math.cos(a), 10 + r * Math.sin(a)]);
    }
    return points(list);
  }

  function icon(type, size) {
    const t = TYPES.get(type);
    const svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("width", String(size || 14));
    svg.setAttribute("height", String(size || 14));
    svg.setAttribute("viewBox", "0 0 20 20");
    svg.setAttribute("aria-hidden", "true");
    let shape;
    const up = -Math.PI / 2;
    if (t.shape === "dot") {
      shape = document.createElementNS(SVG, "circle");
      shape.setAttribute("cx", "10"); shape.setAttribute("cy", "10"); shape.setAttribute("r", "7.5");
    } else if (t.shape === "box" || t.shape === "square") {
      shape = document.createElementNS(SVG, "rect");
      const box = t.shape === "box";
      shape.setAttribute("x", box ? "1" : "3"); shape.setAttribute("y", box ? "5" : "3");
      shape.setAttribute("width", box ? "18" : "14"); shape.setAttribute("height", box ? "10" : "14");
      shape.setAttribute("rx", box ? "3" : "0");
    } else {
      shape = document.createElementNS(SVG, "polygon");
      const corners = {
        triangle: polygon(3, 9, up), triangleDown: polygon(3, 9, -up), diamond: polygon(4, 9.5, up),
        hexagon: polygon(6, 9, 0), star: polygon(5, 9.5, up, 4),
      };
      shape.setAttribute("points", corners[t.shape] || polygon(8, 8, 0));
    }
    shape.setAttribute("fill", t.color);
    svg.appendChild(shape);
    return svg;
  }

  function typeName(type) {
    const t = TYPES.get(type);
    return t.zh + " " + t.en;
  }

  function number(x) {
    return typeof x === "number" ? x.toLocaleString("zh-CN", { maximumFractionDigits: 4 }) : "";
  }

  function documentName(id) {
    const doc = DATA.documents[id];
    if (!doc) return id;
    return doc.title + (doc.year ? "（" + doc.year + "）" : "");
  }

  // -- tooltips and the details panel --------------------------------------------------------

  function facts(v, i) {
    const n = v.nodes[i];
    const rows = [];
    if (n.type === "Target" || n.type === "Outcome") {
      if (n.indicator) rows.push(["指标 Indicator", n.indicator]);
      let amount = "value" in n ? number(n.value)
        : "min" in n && "max" in n ? number(n.min) + "–" + number(n.max)
          : "min" in n ? "≥ " + number(n.min) : "max" in n ? "≤ " + number(n.max) : "";
      const unit = n.unit === "NUM" && n.classifier ? n.classifier : n.unit_label || n.unit || "";
      if (amount) rows.push(["数值 Value", (amount + " " + unit).trim() + (n.growth ? "（增长 growth）" : "")]);
      if (n.unit) rows.push(["单位 Unit", (n.unit_label ? n.unit_label + " · " : "") + n.unit]);
      if (n.qualifier) rows.push(["限定 Qualifier", QUALIFIER[n.qualifier] || n.qualifier]);
      if (n.year) rows.push(["年份 Year", n.year]);
      if (n.status) rows.push(["状态 Status", STATUS[n.status] || n.status]);
    }
    if (n.type === "Region") {
      rows.push(["代码 Adcode", n.adcode || "—"]);
      rows.push(["上级 Parent", n.parent || "—"]);
    }
    if (v.name === "overview" && n.type === "Keyword") {
      const counts = Object.keys(n.counts || {}).map((k) => TYPES.get(k).zh + " " + n.counts[k]);
      rows.push(["成员 Members", n.members + (counts.length ? "：" + counts.join("、") : "")]);
    }
    if ((n.documents || []).length) rows.push(["文件 Document", n.documents.map(documentName).join("；")]);
    if ((n.aliases || []).length) rows.push(["又名 Also", n.aliases.join("；")]);
    rows.push(["连线 Links", String(n.degree)]);
    if (n.hub) {
      rows.push(["说明 Note", "本文件所属地区：几乎所有事实都连向它，这些连线默认隐藏。" +
        " The document's own region; its links are hidden unless shown."]);
    }
    return rows;
  }

  function card(v, i, full) {
    const n = v.nodes[i];
    const box = el("div", "card");
    const kind = el("div", "kind");
    kind.appendChild(icon(n.type, 14));
    kind.appendChild(el("span", null, typeName(n.type)));
    box.appendChild(kind);
    box.appendChild(el("h2", null, n.label));
    const dl = el("dl");
    for (const [term, value] of facts(v, i)) {
      dl.appendChild(el("dt", null, term));
      dl.appendChild(el("dd", null, value));
    }
    box.appendChild(dl);
    const evidence = n.evidence || [];
    if (evidence.length) {
      box.appendChild(el("h3", null, "原文证据 Evidence（" + evidence.length + "）"));
      for (const ev of evidence.slice(0, full ? evidence.length : 3)) {
        const quote = el("blockquote", null, "“" + ev.quote + "”");
        quote.appendChild(el("cite", null,
          documentName(ev.document) + " · 字符 chars " + ev.start + "–" + ev.end));
        box.appendChild(quote);
      }
      if (!full && evidence.length > 3) box.appendChild(el("p", "hint", "…"));
    }
    if (full) box.appendChild(links(v, i));
    return box;
  }

  function links(v, i) {
    const wrap = el("div");
    const items = [];
    for (const k of v.out[i]) items.push([v.edges[k][1], v.edges[k][2], "→"]);
    for (const k of v.inc[i]) items.push([v.edges[k][0], v.edges[k][2], "←"]);
    wrap.appendChild(el("h3", null, "关联 Links（" + items.length + "）"));
    const list = el("ul", "links");
    items.sort((a, b) => v.nodes[a[0]].type.localeCompare(v.nodes[b[0]].type) ||
      v.nodes[a[0]].label.localeCompare(v.nodes[b[0]].label, "zh"));
    for (const [j, relation, arrow] of items.slice(0, 200)) {
      const li = el("li");
      const button = el("button");
      button.type = "button";
      button.appendChild(icon(v.nodes[j].type, 12));
      button.appendChild(el("span", null, v.nodes[j].label));
      button.appendChild(el("span", "rel", arrow + " " + (RELATION[relation] || relation)));
      button.addEventListener("click", () => goTo(v, j));
      li.appendChild(button);
      list.appendChild(li);
    }
    if (items.length > 200) list.appendChild(el("li", "hint", "… " + (items.length - 200)));
    wrap.appendChild(list);
    return wrap;
  }

  const tooltip = $("tooltip");
  let pointer = { x: 0, y: 0 };
  container.addEventListener("mousemove", (event) => {
    pointer = { x: event.clientX, y: event.clientY };
    if (!tooltip.hidden) place();
  });

  function place() {
    const width = tooltip.offsetWidth;
    const height = tooltip.offsetHeight;
    const x = pointer.x + 16 + width > window.innerWidth ? pointer.x - width - 16 : pointer.x + 16;
    const y = Math.min(pointer.y + 16, window.innerHeight - height - 8);
    tooltip.style.left = Math.max(4, x) + "px";
    tooltip.style.top = Math.max(4, y) + "px";
  }

  function showTooltip(content) {
    tooltip.replaceChildren(content);
    tooltip.hidden = false;
    place();
  }

  function hideTooltip() { tooltip.hidden = true; }

  network.on("hoverNode", (p) => {
    if (m.byId.has(p.node)) showTooltip(card(m, m.byId.get(p.node), false));
  });
  network.on("hoverEdge", (p) => {
    const e = m.edges[p.edge];
    if (!e) return;
    const box = el("div", "card");
    box.appendChild(el("div", "kind", RELATION[e[2]] || e[2]));
    box.appendChild(el("h2", null, m.nodes[e[0]].label + " → " + m.nodes[e[1]].label));
    if (e.length > 3) box.appendChild(el("p", "hint", e[3] + " 条事实 facts"));
    showTooltip(box);
  });
  for (const name of ["blurNode", "blurEdge", "dragStart", "zoom"]) network.on(name, hideTooltip);

  // -- labels: drawn at a legible size on screen, or not drawn; the most telling first -------

  // on-screen pixels: keywords, projects and regions keep at least this size at any zoom;
  // the others show once the zoom brings their label to READABLE pixels
  const LABEL_PX = { Keyword: 15, Project: 13, Region: 13 };
  const READABLE = 11;
  const RANK = ["Keyword", "Region", "Project", "Industry", "LivelihoodTask", "Target",
    "Outcome", "Measure"];
  const measurer = document.createElement("canvas").getContext("2d");
  const widths = new Map();

  function textWidth(text, px) {
    const key = px.toFixed(1) + "|" + text;
    let w = widths.get(key);
    if (w === undefined) {
      measurer.font = px + "px " + FONT;
      w = measurer.measureText(text).width;
      if (widths.size > 20000) widths.clear();
      widths.set(key, w);
    }
    return w;
  }

  // Greedy placement: by rank (then links), each label at its size takes a box on screen; one
  // that would overlap a box already taken is left out, whole, for this zoom (the tooltip and
  // the details panel still give it).
  function placeLabels() {
    const v = m;
    if (mode === "matrix" || !v.data || !v.nodes.length) return;
    const scale = network.getScale();
    const box = container.getBoundingClientRect();
    const shown = Array.from(v.visible);
    const at = network.getPositions(shown.map((i) => v.nodes[i].id));
    shown.sort((a, b) => RANK.indexOf(v.nodes[a].type) - RANK.indexOf(v.nodes[b].type) ||
      v.nodes[b].degree - v.nodes[a].degree || a - b);
    const grid = new Map();
    const CELL = 80;
    const taken = [];
    const hits = (r) => {
      for (let gx = Math.floor(r[0] / CELL); gx <= Math.floor(r[2] / CELL); gx++) {
        for (let gy = Math.floor(r[1] / CELL); gy <= Math.floor(r[3] / CELL); gy++) {
          for (const k of grid.get(gx + "," + gy) || []) {
            const o = taken[k];
            if (r[0] < o[2] && o[0] < r[2] && r[1] < o[3] && o[1] < r[3]) return true;
          }
        }
      }
      return false;
    };
    const take = (r) => {
      taken.push(r);
      for (let gx = Math.floor(r[0] / CELL); gx <= Math.floor(r[2] / CELL); gx++) {
        for (let gy = Math.floor(r[1] / CELL); gy <= Math.floor(r[3] / CELL); gy++) {
          const key = gx + "," + gy;
          if (!grid.has(key)) grid.set(key, []);
          grid.get(key).push(taken.length - 1);
        }
      }
    };
    const updates = [];
    const placed = [];
    for (const i of shown) {
      const n = v.nodes[i];
      const keyword = n.type === "Keyword";
      const base = keyword ? n.font || 24 : 12;
      const least = LABEL_PX[n.type];
      // keywords between 15 and 24 pixels: legible zoomed out, not a banner zoomed in
      let size = least ? Math.max(base, least / scale) : base;
      if (keyword) size = Math.min(size, Math.max(least, 24) / scale);
      const px = size * scale;
      const text = fullLabel(n, v);
      let show = px >= READABLE - 0.01;
      const p = at[n.id] && network.canvasToDOM(at[n.id]);
      if (show && p) {
        const w = textWidth(text, px);
        const h = px * 1.3;
        let r;
        let shift = 0;
        if (keyword) {
          r = [p.x - w / 2 - 12 * scale, p.y - h / 2 - 8 * scale, p.x + w / 2 + 12 * scale,
            p.y + h / 2 + 8 * scale];
        } else {
          // below the node, where vis-network puts it, or else above it (font.vadjust)
          const radius = nodeSize(n) * scale;
          const below = [p.x - w / 2 - 2, p.y + radius + 3, p.x + w / 2 + 2, p.y + radius + 5 + h];
          const above = [below[0], p.y - radius - 5 - h, below[2], p.y - radius - 3];
          r = hits(below) && !hits(above) ? above : below;
          if (r === above) shift = -(2 * radius + h + 6) / scale;
        }
        const onScreen = r[2] > 0 && r[0] < box.width && r[3] > 0 && r[1] < box.height;
        if (keyword) take(r);
        else if (onScreen && !hits(r)) take(r);
        else show = false;
        if (show) v.shift[i] = shift;
        if (show && onScreen) placed.push({ id: n.id, type: n.type, px, box: r, text });
      } else if (!keyword) {
        show = false;
      }
      const fontSize = keyword || show ? size : 12;
      if (show !== v.labelled[i] || fontSize !== v.fontSize[i] || v.shift[i] !== v.drawnShift[i]) {
        v.drawnShift[i] = v.shift[i];
        v.labelled[i] = show;
        v.fontSize[i] = fontSize;
        const update = nodeStyle(v, i, v.dimmed[i]);
        update.label = show || keyword ? text : "";
        updates.push(update);
      }
    }
    if (updates.length) v.data.nodes.update(updates);
    v.placed = placed;
    document.body.dataset.labels = String(placed.length);
  }

  let labelTimer = null;
  function placeLabelsSoon() {
    clearTimeout(labelTimer);
    labelTimer = setTimeout(placeLabels, 60);
  }
  for (const name of ["zoom", "dragEnd", "animationFinished", "resize"]) network.on(name, placeLabelsSoon);
  // and after any other move of the view (a script's moveTo, a focus): seen once drawn
  let placedAt = "";
  network.on("afterDrawing", () => {
    if (!settled || mode === "matrix") return;
    const at = network.getViewPosition();
    const where = network.getScale().toFixed(4) + "," + at.x.toFixed(1) + "," + at.y.toFixed(1);
    if (where !== placedAt) { placedAt = where; placeLabelsSoon(); }
  });

  // -- selection: details and the neighbourhood highlight ------------------------------------

  function neighbourhood(v, i) {
    const near = new Set([i]);
    for (const k of v.out[i]) near.add(v.edges[k][1]);
    for (const k of v.inc[i]) near.add(v.edges[k][0]);
    return near;
  }

  function restyle() {
    const v = m;
    const near = selected === null ? null : neighbourhood(v, selected);
    const nodeUpdates = [];
    v.nodes.forEach((_, i) => {
      const dim = near !== null && !near.has(i);
      if (dim !== v.dimmed[i]) { v.dimmed[i] = dim; nodeUpdates.push(nodeStyle(v, i, dim)); }
    });
    const hubs = hubsShown(v);
    const edgeUpdates = [];
    v.edges.forEach((e, k) => {
      const hidden = !v.visible.has(e[0]) || !v.visible.has(e[1]) ||
        (isHubEdge(v, k) && !(hubs.has(e[0]) || hubs.has(e[1])));
      const dim = near !== null && e[0] !== selected && e[1] !== selected;
      if (hidden !== v.edgeHidden[k]) {
        v.edgeHidden[k] = hidden;
        edgeUpdates.push({ id: k, hidden, physics: !hidden });
      }
      if (dim !== v.edgeDimmed[k]) { v.edgeDimmed[k] = dim; edgeUpdates.push(edgeStyle(v, k, dim)); }
    });
    if (nodeUpdates.length) v.data.nodes.update(nodeUpdates);
    if (edgeUpdates.length) v.data.edges.update(edgeUpdates);
  }

  function select(i) {
    selected = i;
    restyle();
    const body = $("details-body");
    body.replaceChildren(card(m, i, true));
    $("details").hidden = false;
    $("details").scrollTop = 0;
    document.body.dataset.selected = m.nodes[i].id;
  }

  function clearSelection() {
    selected = null;
    network.unselectAll();
    restyle();
    $("details").hidden = true;
    delete document.body.dataset.selected;
  }

  function goTo(v, i) {
    if (!v.visible.has(i)) { resetFilters(); }
    network.selectNodes([v.nodes[i].id]);
    select(i);
    moving();
    const scale = Math.max(network.getScale(), 1.1);
    network.focus(v.nodes[i].id, { scale, animation: { duration: 350 } });
  }

  // marks the view as on its way (tests and scripts wait for it to arrive)
  function moving() { document.body.dataset.moving = "true"; }
  network.on("animationFinished", () => { delete document.body.dataset.moving; });

  network.on("click", (p) => {
    hideTooltip();
    if (p.nodes.length) select(m.byId.get(p.nodes[0]));
    else if (!p.edges.length) clearSelection();
  });
  network.on("doubleClick", (p) => {
    if (m.name === "overview" && p.nodes.length) {
      const n = m.nodes[m.byId.get(p.nodes[0])];
      if (n.type === "Keyword") { state.keyword = n.label; switchView("full"); }
    }
  });
  $("details-close").addEventListener("click", clearSelection);
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") { hideTooltip(); clearSelection(); }
  });

  // -- filters --------------------------------------------------------------------------------

  function applyFilters(fit) {
    const v = m;
    const shown = selection(v);
    const updates = [];
    v.nodes.forEach((n, i) => {
      const visible = shown.has(i);
      if (visible !== v.visible.has(i)) updates.push({ id: n.id, hidden: !visible, physics: visible });
    });
    v.visible = shown;
    if (updates.length) v.data.nodes.update(updates);
    if (selected !== null && !shown.has(selected)) clearSelection(); else restyle();
    report();
    placeLabelsSoon();
    if (fit && shown.size) {
      moving();
      network.fit({ nodes: Array.from(shown, (i) => v.nodes[i].id), animation: { duration: 350 } });
    }
  }

  function option(select, value, text) {
    const item = el("option", null, text);
    item.value = value;
    select.appendChild(item);
    return item;
  }

  function byLabel(v) {
    return (a, b) => v.nodes[a].label.localeCompare(v.nodes[b].label, "zh");
  }

  function fillSelects() {
    const v = m;
    const of = (type) => v.nodes.map((n, i) => (n.type === type ? i : -1)).filter((i) => i >= 0);
    const docs = Object.keys(DATA.documents);

    const docSelect = $("filter-document");
    docSelect.replaceChildren();
    option(docSelect, "", "全部 All (" + docs.length + ")");
    for (const id of docs) option(docSelect, id, documentName(id));
    docSelect.value = state.document;
    $("document-row").hidden = docs.length < 2;

    // by label: the same theme in several documents is one choice, as in Python's select()
    const kwSelect = $("filter-keyword");
    kwSelect.replaceChildren();
    const themes = new Map();
    for (const i of of("Keyword")) {
      const n = v.nodes[i];
      themes.set(n.label, (themes.get(n.label) || 0) + (n.keywords ? n.keywords.length : 1));
    }
    option(kwSelect, "", "全部 All (" + themes.size + ")");
    for (const [label, count] of themes) option(kwSelect, label, label + (count > 1 ? " ×" + count : ""));
    kwSelect.value = state.keyword;

    const regionSelect = $("filter-region");
    regionSelect.replaceChildren();
    const regions = of("Region").sort((a, b) =>
      (v.nodes[a].adcode || "999999" + v.nodes[a].label).localeCompare(
        v.nodes[b].adcode || "999999" + v.nodes[b].label));
    option(regionSelect, "", "全部 All (" + regions.length + ")");
    for (const i of regions) {
      option(regionSelect, v.nodes[i].id,
        v.nodes[i].label + (v.nodes[i].adcode ? " " + v.nodes[i].adcode : ""));
    }
    regionSelect.value = state.region;

    const industrySelect = $("filter-industry");
    industrySelect.replaceChildren();
    const industries = of("Industry").sort(byLabel(v));
    option(industrySelect, "", "全部 All (" + industries.length + ")");
    for (const i of industries) option(industrySelect, v.nodes[i].id, v.nodes[i].label);
    industrySelect.value = state.industry;

    const legend = $("legend");
    legend.replaceChildren(el("legend", null, "类型 Types"));
    const counts = new Map();
    for (const n of v.nodes) counts.set(n.type, (counts.get(n.type) || 0) + 1);
    for (const t of DATA.types) {
      if (!counts.get(t.key)) continue;
      const label = el("label");
      const box = el("input");
      box.type = "checkbox";
      box.checked = state.types.has(t.key);
      box.dataset.type = t.key;
      box.addEventListener("change", () => {
        if (box.checked) state.types.add(t.key); else state.types.delete(t.key);
        applyFilters(false);
      });
      label.appendChild(box);
      label.appendChild(icon(t.key, 16));
      label.appendChild(el("span", null, typeName(t.key)));
      label.appendChild(el("span", "count", counts.get(t.key)));
      legend.appendChild(label);
    }

    const hubs = Array.from(v.hubs);
    $("hub-row").hidden = hubs.length === 0;
    const links = hubs.reduce((sum, h) => sum + v.out[h].length + v.inc[h].length, 0);
    $("hub-text").textContent = "显示到本省的连线 Show links to the document's own region: " +
      hubs.map((h) => v.nodes[h].label).join("、") + "（" + links + "）";
    $("show-hubs").checked = state.showHubs;

    const list = $("search-list");
    list.replaceChildren();
    for (const label of new Set(v.nodes.map((n) => n.label))) option(list, label, "");
  }

  for (const [key, id] of [["document", "filter-document"], ["keyword", "filter-keyword"],
    ["region", "filter-region"], ["industry", "filter-industry"]]) {
    $(id).addEventListener("change", () => { state[key] = $(id).value; applyFilters(true); });
  }
  $("show-hubs").addEventListener("change", () => {
    state.showHubs = $("show-hubs").checked;
    restyle();
  });

  function resetFilters() {
    Object.assign(state, { document: "", keyword: "", region: "", industry: "" });
    state.types = new Set(DATA.types.map((t) => t.key));
    for (const id of ["filter-document", "filter-keyword", "filter-region", "filter-industry"]) {
      $(id).value = "";
    }
    for (const box of $("legend").querySelectorAll("input")) box.checked = true;
    applyFilters(false);
  }

  $("reset").addEventListener("click", () => { clearSelection(); resetFilters(); network.fit(); });
  $("fit").addEventListener("click", () => { moving(); network.fit({ animation: { duration: 350 } }); });

  // -- search: any label, other name, code or evidence quote ---------------------------------

  let matches = [];
  let matchAt = -1;
  let lastQuery = "";

  function score(n, q) {
    const label = n.label.toLowerCase();
    if (label === q) return 0;
    if (label.startsWith(q)) return 1;
    if (label.includes(q)) return 2;
    const names = (n.aliases || []).concat([n.indicator || "", n.adcode || ""]);
    if (names.some((s) => String(s).toLowerCase().includes(q))) return 3;
    if ((n.evidence || []).some((e) => e.quote.toLowerCase().includes(q))) return 4;
    return -1;
  }

  function find(v, q) {
    const found = [];
    v.nodes.forEach((n, i) => { const s = score(n, q); if (s >= 0) found.push([s, i]); });
    found.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    return found.map((f) => f[1]);
  }

  function search(next) {
    const q = $("search").value.trim().toLowerCase();
    const status = $("search-status");
    if (!q) { status.textContent = ""; matches = []; return; }
    if (q !== lastQuery || !next) {
      lastQuery = q;
      matches = mode === "matrix" ? [] : find(m, q);
      if (!matches.length && (mode === "matrix" || m.name !== "full")) {
        const inFull = find(views.full, q);
        if (inFull.length && DATA.matrix) {
          // many documents: open the part around the best match, not the whole network
          const found = around(inFull[0]);
          openPart(found.indices, views.full.nodes[inFull[0]].label, found.upwards, found.doc);
          matches = find(m, q);
        } else if (inFull.length) {
          switchView("full");
          matches = find(m, q);
        }
      }
      matchAt = -1;
    }
    if (!matches.length) { status.textContent = "没有找到 No match"; return; }
    matchAt = (matchAt + 1) % matches.length;
    const i = matches[matchAt];
    status.textContent = (matchAt + 1) + " / " + matches.length + "：" + m.nodes[i].label;
    goTo(m, i);
  }

  $("search").addEventListener("keydown", (event) => {
    if (event.key === "Enter") { event.preventDefault(); search(true); }
  });
  $("search").addEventListener("change", () => search(false));
  $("search-next").addEventListener("click", () => search(true));

  // -- views ----------------------------------------------------------------------------------

  function switchView(name, force) {
    if (name === "matrix") { showMatrix(); return; }
    if (!views[name]) return;
    const wasMatrix = mode === "matrix";
    hideMatrix();
    if (name === m.name && !force) { if (wasMatrix) { viewButton(); report(); } return; }
    network.storePositions();
    hideTooltip();
    selected = null;
    $("details").hidden = true;
    m = views[name];
    const fresh = !m.settledOnce;
    if (fresh) {
      settled = false;
      physicsButton(true);
      network.setOptions({
        physics: { enabled: true, stabilization: { iterations: polishSteps(m) } },
      });
    }
    network.setData(datasets(m));
    fillSelects();
    applyFilters(!fresh);
    viewButton();
  }

  // the part of the full network under some nodes: what they reach downwards and, for facts
  // without a keyword of their own in the part, what stands above them
  function partOf(indices, upwards) {
    const v = views.full;
    const keep = reach(v, indices, true);
    if (upwards) for (const i of reach(v, indices, false)) keep.add(i);
    return keep;
  }

  function openPart(indices, title, upwards, doc, key) {
    if (!indices.length) return;
    let keep = partOf(indices, upwards);
    let positions = doc ? documentLayout(key || doc) || documentLayout(doc) : null;
    if (positions) keep = new Set(Array.from(keep).filter((i) => positions.has(i)));
    else positions = ringLayout(keep, indices[0]);
    const hub = doc ? (DATA.documents[doc] || {}).region || null : undefined;
    views.part = subModel("part", views.full, keep, positions, hub);
    partTitle = title;
    Object.assign(state, { document: "", keyword: "", region: "", industry: "" });
    switchView("part", true);
  }

  function around(i) {
    // a fact: its keyword's cluster in its document; a region or industry: it and what links
    // to it, from every document
    const v = views.full;
    const doc = (v.nodes[i].documents || [])[0];
    const above = Array.from(reach(v, [i], false)).filter((j) => v.nodes[j].type === "Keyword" &&
      (v.nodes[j].documents || [])[0] === doc);
    if (doc && above.length) return { indices: above, upwards: false, doc };
    return { indices: [i].concat(Array.from(neighbourhood(v, i)).filter((j) => j !== i)),
      upwards: false, doc: null };
  }

  // -- the matrix -----------------------------------------------------------------------------

  const matrixHost = $("matrix");
  let matrixDrawn = false;

  function cellTip(kind, cell) {
    const doc = DATA.matrix.documents[cell[1]];
    const box = el("div", "card");
    box.appendChild(el("div", "kind", documentName(doc.id)));
    if (kind === "theme") {
      const theme = DATA.matrix.themes[cell[0]];
      box.appendChild(el("h2", null, theme.zh + " · " + theme.en));
      box.appendChild(el("p", "hint", cell[2] + " 条事实 facts（举措、项目、目标… measures, projects, targets…）"));
      const list = el("ul", "plain");
      for (const id of cell[3]) {
        const i = views.full.byId.get(id);
        if (i !== undefined) list.appendChild(el("li", null, views.full.nodes[i].label));
      }
      box.appendChild(list);
    } else {
      const concept = DATA.matrix.concepts[cell[0]];
      box.appendChild(el("h2", null, concept.zh + " · " + concept.en));
      const list = el("ul", "plain");
      for (const id of cell[3].slice(0, 8)) {
        const i = views.full.byId.get(id);
        if (i === undefined) continue;
        const n = views.full.nodes[i];
        list.appendChild(el("li", null, n.label + (n.year ? "（" + n.year + "）" : "")));
      }
      if (cell[3].length > 8) list.appendChild(el("li", "hint", "… " + (cell[3].length - 8)));
      box.appendChild(list);
    }
    box.appendChild(el("p", "hint", "点击打开这部分网络 Click to open this part of the network"));
    return box;
  }

  function rowTip(kind, row) {
    const box = el("div", "card");
    box.appendChild(el("h2", null, row.zh));
    box.appendChild(el("p", null, row.en));
    if (kind === "theme") {
      box.appendChild(el("p", "hint", row.keywords + " 个关键词 keywords" +
        (row.words.length ? "；共有的词 shared words：" + row.words.join("、") : "")));
    } else {
      box.appendChild(el("p", "hint", "指标概念 indicator concept " + row.key));
    }
    return box;
  }

  function drawMatrix() {
    plangraphMatrix.draw(matrixHost, DATA.matrix, {
      font: FONT,
      width: matrixHost.clientWidth,
      onCell: (kind, cell) => showTooltip(cellTip(kind, cell)),
      onRow: (kind, row) => showTooltip(rowTip(kind, row)),
      onLeave: hideTooltip,
      onOpen: (kind, cell) => {
        hideTooltip();
        const doc = DATA.matrix.documents[cell[1]];
        const row = kind === "theme" ? DATA.matrix.themes[cell[0]] : DATA.matrix.concepts[cell[0]];
        const indices = cell[3].map((id) => views.full.byId.get(id)).filter((i) => i !== undefined);
        openPart(indices, documentName(doc.id) + " · " + row.zh, kind !== "theme", doc.id,
          kind === "theme" ? doc.id + "|" + cell[0] : null);
      },
      onColumn: (doc) => {
        const indices = [];
        views.full.nodes.forEach((n, i) => {
          if (n.type === "Keyword" && (n.documents || [])[0] === doc.id) indices.push(i);
        });
        openPart(indices, documentName(doc.id), false, doc.id);
      },
    });
    matrixDrawn = true;
  }

  function showMatrix() {
    if (!DATA.matrix) return;
    mode = "matrix";
    hideTooltip();
    matrixHost.hidden = false;
    if (!matrixDrawn) drawMatrix();
    document.body.dataset.mode = "matrix";
    viewButton();
    report();
  }

  function hideMatrix() {
    mode = "network";
    matrixHost.hidden = true;
    document.body.dataset.mode = "network";
  }

  matrixHost.addEventListener("mousemove", (event) => {
    pointer = { x: event.clientX, y: event.clientY };
    if (!tooltip.hidden) place();
  });

  function viewButton() {
    const buttons = { matrix: $("view-matrix"), overview: $("view-overview"), full: $("view-full") };
    buttons.matrix.hidden = !DATA.matrix;
    buttons.overview.hidden = !views.overview;
    buttons.full.hidden = !DATA.matrix && !views.overview;
    buttons.full.textContent = "全部节点 Full network (" + DATA.count + ")";
    const current = mode === "matrix" ? "matrix" : m.name;
    for (const [name, button] of Object.entries(buttons)) {
      button.setAttribute("aria-pressed", String(name === current));
    }
  }
  for (const name of ["matrix", "overview", "full"]) {
    $("view-" + name).addEventListener("click", () => switchView(name));
  }

  // -- keeping what one sees: PNG, SVG, CSV (download.js makes the files) ----------------------

  const SAVE = window.plangraphDownload;

  function corners(shape, x, y, r) {
    const up = -Math.PI / 2;
    const star = (k) => (k % 2 ? r * 0.42 : r);
    const spec = {
      triangle: [3, up], triangleDown: [3, -up], diamond: [4, up], hexagon: [6, 0], star: [10, up],
    }[shape] || [8, 0];
    const list = [];
    for (let k = 0; k < spec[0]; k++) {
      const a = spec[1] + (k * 2 * Math.PI) / spec[0];
      const radius = shape === "star" ? star(k) : r;
      list.push((x + radius * Math.cos(a)).toFixed(1) + "," + (y + radius * Math.sin(a)).toFixed(1));
    }
    return list.join(" ");
  }

  // the network as it is on screen now: the links, nodes and labels within the view
  function networkSvg() {
    const v = m;
    const width = container.clientWidth;
    const height = container.clientHeight;
    const scale = network.getScale();
    const svg = SAVE.el("svg", { viewBox: "0 0 " + width + " " + height });
    svg.style.fontFamily = FONT;
    const shown = Array.from(v.visible);
    const at = network.getPositions(shown.map((i) => v.nodes[i].id));
    const dom = new Map(shown.map((i) => [i, network.canvasToDOM(at[v.nodes[i].id])]));
    const inView = (p, pad) => p.x > -pad && p.y > -pad && p.x < width + pad && p.y < height + pad;
    const links = SAVE.el("g", { class: "links", stroke: EDGE, "stroke-opacity": "0.7" });
    v.edges.forEach((e, k) => {
      if (v.edgeHidden[k]) return;
      const a = dom.get(e[0]);
      const b = dom.get(e[1]);
      if (!a || !b || (!inView(a, 0) && !inView(b, 0))) return;
      links.appendChild(SAVE.el("line", { x1: a.x.toFixed(1), y1: a.y.toFixed(1),
        x2: b.x.toFixed(1), y2: b.y.toFixed(1),
        "stroke-width": e.length > 3 ? Math.min(6, 1 + Math.log2(e[3])) : 1 }));
    });
    svg.appendChild(links);
    const nodes = SAVE.el("g", { class: "nodes" });
    const texts = SAVE.el("g", { class: "labels" });
    for (const i of shown) {
      const n = v.nodes[i];
      const p = dom.get(i);
      if (!inView(p, 200)) continue;
      const t = TYPES.get(n.type);
      const fill = v.dimmed[i] ? DIM.background : t.color;
      const r = nodeSize(n) * scale;
      if (t.shape === "box") {
        const px = (v.fontSize[i] || n.font || 24) * scale;
        const text = fullLabel(n, v);
        const w = textWidth(text, px) + 24 * scale;
        const h = px * 1.3 + 16 * scale;
        nodes.appendChild(SAVE.el("rect", { x: (p.x - w / 2).toFixed(1), y: (p.y - h / 2).toFixed(1),
          width: w.toFixed(1), height: h.toFixed(1), rx: 5 * scale, fill, stroke: "#8c1a1b" }));
        texts.appendChild(SAVE.el("text", { x: p.x.toFixed(1), y: (p.y + px * 0.36).toFixed(1),
          "text-anchor": "middle", "font-size": px.toFixed(1), fill: "#ffffff" }, text));
        continue;
      }
      if (t.shape === "dot") {
        nodes.appendChild(SAVE.el("circle", { cx: p.x.toFixed(1), cy: p.y.toFixed(1), r: r.toFixed(1), fill }));
      } else if (t.shape === "square") {
        nodes.appendChild(SAVE.el("rect", { x: (p.x - r).toFixed(1), y: (p.y - r).toFixed(1),
          width: (2 * r).toFixed(1), height: (2 * r).toFixed(1), fill }));
      } else {
        nodes.appendChild(SAVE.el("polygon", { points: corners(t.shape, p.x, p.y, r), fill }));
      }
      if (v.labelled[i]) {
        const px = (v.fontSize[i] || 12) * scale;
        const y = v.shift[i] ? p.y - r - 5 : p.y + r + 3 + px;
        texts.appendChild(SAVE.el("text", { x: p.x.toFixed(1), y: y.toFixed(1), "text-anchor": "middle",
          "font-size": px.toFixed(1), fill: "#24292f", stroke: "#ffffff", "stroke-width": 3,
          "paint-order": "stroke" }, fullLabel(n, v)));
      }
    }
    svg.appendChild(nodes);
    svg.appendChild(texts);
    return { svg, width, height };
  }

  function currentSvg() {
    if (mode === "matrix") {
      const svg = matrixHost.querySelector("svg");
      const width = Number(svg.getAttribute("width"));
      const height = Number(svg.getAttribute("height"));
      return { svg: SAVE.standalone(svg, width, height), width, height };
    }
    const made = networkSvg();
    return { svg: SAVE.standalone(made.svg, made.width, made.height), width: made.width,
      height: made.height };
  }

  function fileName(ext) {
    const view = mode === "matrix" ? "matrix" : m.name;
    return "plangraph-" + view + "." + ext;
  }

  function selectionRows() {
    if (mode === "matrix") {
      const rows = [];
      const table = DATA.matrix;
      for (const [kind, cells, heads] of [["theme", table.cells, table.themes],
        ["indicator", table.targets, table.concepts]]) {
        for (const c of cells) {
          const doc = table.documents[c[1]];
          rows.push({ kind, row: heads[c[0]].zh, row_en: heads[c[0]].en, document: doc.id,
            title: doc.title, place: doc.place, year: doc.year, facts: c[2],
            nodes: c[3] });
        }
      }
      return [rows, ["kind", "row", "row_en", "document", "title", "place", "year", "facts", "nodes"]];
    }
    const v = m;
    const shown = Array.from(v.visible).sort((a, b) => a - b);
    const at = network.getPositions(shown.map((i) => v.nodes[i].id));
    const rows = shown.map((i) => {
      const n = v.nodes[i];
      const p = at[n.id] || { x: n.x, y: n.y };
      return Object.assign({}, n, { x: Math.round(p.x * 10) / 10, y: Math.round(p.y * 10) / 10,
        evidence: (n.evidence || []).map((e) => e.document + ":" + e.start + "-" + e.end) });
    });
    const columns = ["id", "type", "label", "x", "y", "documents", "indicator", "concept", "value",
      "min", "max", "unit", "qualifier", "year", "status", "adcode", "parent", "degree",
      "aliases", "evidence"];
    return [rows, columns];
  }

  $("save-png").addEventListener("click", () => {
    const done = (blob) => SAVE.save(blob, fileName("png"));
    if (mode === "matrix") {
      const made = currentSvg();
      SAVE.svgToPng(made.svg, made.width, made.height).then(done);
    } else {
      SAVE.canvasToPng(container.querySelector("canvas")).then(done);
    }
  });
  $("save-svg").addEventListener("click", () => SAVE.save(SAVE.svgBlob(currentSvg().svg), fileName("svg")));
  $("save-csv").addEventListener("click", () => {
    const [rows, columns] = selectionRows();
    SAVE.save(SAVE.csv(rows, columns), fileName("csv"));
  });

  function report() {
    const v = m;
    let links = 0;
    v.edgeHidden.forEach((hidden) => { if (!hidden) links += 1; });
    const docs = Object.keys(DATA.documents).length;
    $("summary").textContent = docs + " 个文件 document(s) · " + DATA.count + " 个节点 nodes · " +
      DATA.full.edges.length + " 条连线 links";
    const parts = ["显示 Showing " + v.visible.size + " / " + v.nodes.length +
      (v.name === "overview" ? " 概览节点 overview nodes" : " 节点 nodes") + ", " + links + " 连线 links"];
    if (mode === "matrix") {
      const shownThemes = DATA.matrix.themes.filter((t) => t.keywords > 0).length;
      parts[0] = "矩阵 Matrix: " + DATA.matrix.documents.length + " 个文件 documents × " +
        shownThemes + " 个主题 themes, " + DATA.matrix.concepts.length + " 个指标 indicators";
    } else if (v.name === "part") {
      parts.unshift("部分 Part: " + partTitle);
    }
    if (document.body.dataset.settledMs) {
      parts.push(settled ? "布局完成 settled" : "布局中 settling…");
    }
    $("status").textContent = parts.join(" · ");
    document.body.dataset.view = mode === "matrix" ? "matrix" : v.name;
    document.body.dataset.shown = String(v.visible.size);
  }

  fillSelects();
  viewButton();
  if (mode === "matrix") {
    showMatrix();
    settle();
  } else {
    document.body.dataset.mode = "network";
    report();
  }

  // for scripts and tests that drive the page: read-only views of its state
  window.plangraph = Object.freeze({
    network,
    view: () => (mode === "matrix" ? "matrix" : m.name),
    mode: () => mode,
    count: () => DATA.count,
    drawn: () => m.data.nodes.length,
    shown: () => Array.from(m.visible, (i) => m.nodes[i].id),
    settled: () => settled,
    dimmed: () => m.dimmed.filter(Boolean).length,
    links: () => m.edgeHidden.filter((hidden) => !hidden).length,
    position: (id) => network.canvasToDOM(network.getPositions([id])[id]),
    // the labels drawn now: id, type, on-screen size in CSS pixels, box on the canvas, text
    // (the size is read back from what vis-network was given, at the present zoom)
    labels: () => (m.placed || []).map((l) => Object.assign({}, l, {
      box: l.box.slice(), px: m.data.nodes.get(l.id).font.size * network.getScale(),
      drawn: m.data.nodes.get(l.id).label,
    })),
  });
});
