/* plangraph's matrix of many documents: themes × documents and indicator concepts × documents.
 *
 * Drawn as SVG with DOM calls and textContent only (no string from the data is parsed as
 * markup). network.js calls plangraphMatrix.draw() with the page's data and what to do when a
 * cell is pointed at or clicked.
 */
(function () {
  "use strict";

  const SVG = "http://www.w3.org/2000/svg";
  const THEME = "#d62728";
  const TARGET = "#8c564b";
  const SIZES = { title: 15, row: 13, place: 12, year: 11 };

  function svgEl(tag, attrs, text) {
    const node = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function measure(font) {
    const ctx = document.createElement("canvas").getContext("2d");
    return (text, size, weight) => {
      ctx.font = (weight || "normal") + " " + size + "px " + font;
      return ctx.measureText(text).width;
    };
  }

  // draw(host, data, options): data is DATA.matrix; options: font (CSS family list), width
  // (pixels available), onCell(kind, cell, event), onLeave(), onOpen(kind, cell), onColumn(doc)
  function draw(host, data, options) {
    const width = measure(options.font);
    const docs = data.documents;
    const rowsOf = [["theme", data.themes.filter((t) => t.keywords > 0), data.cells],
      ["concept", data.concepts, data.targets]];
    const head = Math.ceil(Math.max(60, ...data.themes.map((t) => width(t.zh, SIZES.row)),
      ...data.concepts.map((c) => width(c.zh, SIZES.row)))) + 24;
    const left = Math.min(head, 300);
    const cw = Math.max(18, Math.min(64, Math.floor((options.width - left - 24) / Math.max(1, docs.length))));
    const rh = 30;
    const svg = svgEl("svg", { class: "matrix", role: "table", "aria-label": "themes × documents" });
    svg.style.fontFamily = options.font;

    // columns, grouped by place: one band per place, its name once, then each year
    const groups = [];
    docs.forEach((d, i) => {
      const last = groups[groups.length - 1];
      if (last && last.place === d.place) last.end = i; else groups.push({ place: d.place, start: i, end: i });
    });
    // a place's name across its columns, a size smaller if need be, or else written downwards
    // (one character under the other): never cut, never over its neighbour's
    const LINE = 12.5;
    for (const g of groups) {
      const w = (g.end - g.start + 1) * cw;
      g.size = [SIZES.place, SIZES.year].find((size) => width(g.place, size) <= w - 3);
      g.chars = Array.from(g.place);
      g.height = g.size ? g.size * 1.3 : g.chars.length * LINE;
      g.size = g.size || SIZES.year;
    }
    const placeHeight = Math.max(16, ...groups.map((g) => g.height));
    const top = placeHeight + 42;
    const bands = svgEl("g", { class: "bands" });
    const header = svgEl("g", { class: "columns" });
    groups.forEach((g, k) => {
      const x0 = left + g.start * cw;
      const w = (g.end - g.start + 1) * cw;
      if (k % 2 === 0) {
        bands.appendChild(svgEl("rect", { x: x0, y: 4, width: w, height: 0, class: "band" }));
      }
      const base = top - 30;
      const label = svgEl("text", { x: x0 + w / 2, y: base, "text-anchor": "middle",
        "font-size": g.size, class: "place" });
      if (g.height > g.size * 1.3) {
        g.chars.forEach((char, c) => {
          label.appendChild(svgEl("tspan", { x: x0 + w / 2,
            y: base - (g.chars.length - 1 - c) * LINE }, char));
        });
      } else {
        label.textContent = g.place;
      }
      header.appendChild(label);
    });
    docs.forEach((d, i) => {
      const cx = left + i * cw + cw / 2;
      const year = svgEl("text", { x: cx, y: top - 10, "text-anchor": "middle",
        "font-size": SIZES.year, class: "year", "data-doc": d.id }, String(d.year).slice(-2) || "—");
      const tip = svgEl("title", null, d.title + (d.year ? "（" + d.year + "）" : ""));
      year.appendChild(tip);
      year.addEventListener("click", () => options.onColumn(d));
      header.appendChild(year);
    });
    svg.appendChild(bands);
    svg.appendChild(header);

    let y = top;
    const body = svgEl("g", { class: "rows" });
    for (const [kind, rows, cells] of rowsOf) {
      if (!rows.length) continue;
      y += kind === "theme" ? 6 : 26;
      body.appendChild(svgEl("text", { x: 8, y: y + 2, "font-size": SIZES.row, class: "section" },
        kind === "theme" ? "主题 Themes" : "指标 Indicators (targets)"));
      y += 10;
      const all = kind === "theme" ? data.themes : rows;
      const rowY = new Map();
      rows.forEach((r, i) => {
        const ry = y + i * rh;
        rowY.set(all.indexOf(r), ry);
        if (i % 2 === 0) body.appendChild(svgEl("rect", { x: 0, y: ry, width: left + docs.length * cw, height: rh, class: "stripe" }));
        const name = svgEl("text", { x: 8, y: ry + rh / 2 + 4.5, "font-size": SIZES.row, class: "row-name" }, r.zh);
        name.addEventListener("mouseenter", (event) => options.onRow(kind, r, event));
        name.addEventListener("mouseleave", options.onLeave);
        body.appendChild(name);
      });
      const most = Math.max(1, ...cells.map((c) => c[2]));
      const radius = Math.min(cw, rh) / 2 - 2;
      for (const cell of cells) {
        const ry = rowY.get(cell[0]);
        if (ry === undefined) continue;
        const r = Math.max(2.5, radius * Math.sqrt(cell[2] / most));
        const dot = svgEl("circle", {
          cx: left + cell[1] * cw + cw / 2, cy: ry + rh / 2, r: r.toFixed(2),
          fill: kind === "theme" ? THEME : TARGET, class: "cell",
          "data-kind": kind, "data-row": cell[0], "data-doc": docs[cell[1]].id, "data-count": cell[2],
        });
        dot.addEventListener("mouseenter", (event) => options.onCell(kind, cell, event));
        dot.addEventListener("mouseleave", options.onLeave);
        dot.addEventListener("click", () => options.onOpen(kind, cell));
        body.appendChild(dot);
      }
      y += rows.length * rh;
    }
    svg.appendChild(body);
    for (const rect of bands.querySelectorAll("rect")) rect.setAttribute("height", String(y - 4));
    const fullWidth = left + docs.length * cw + 16;
    svg.setAttribute("width", String(fullWidth));
    svg.setAttribute("height", String(y + 16));
    svg.setAttribute("viewBox", "0 0 " + fullWidth + " " + (y + 16));
    host.replaceChildren(svg);
    return svg;
  }

  window.plangraphMatrix = Object.freeze({ draw });
})();
