/* Keeping what one sees: the current view as PNG or SVG, the selection as CSV.
 *
 * Files are made in the page (nothing is sent anywhere) and handed to the browser as downloads
 * of blob: URLs. SVG is built with DOM calls and textContent, and carries the page's embedded
 * CJK font, so that it reads on machines without one; CSV cells that a spreadsheet would take
 * for a formula (starting with = + - @) are prefixed with an apostrophe.
 */
(function () {
  "use strict";

  const SVG = "http://www.w3.org/2000/svg";

  function save(blob, name) {
    const url = URL.createObjectURL(blob);
    const link = document.createElement("a");
    link.href = url;
    link.download = name;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  function cell(value) {
    if (value === null || value === undefined) return "";
    if (typeof value === "number") return String(value);
    let text = Array.isArray(value) ? value.join("; ") : String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = "'" + text;
    return /[",\n\r;]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  // rows: objects; columns: the keys, in order
  function csv(rows, columns) {
    const lines = [columns.map(cell).join(",")];
    for (const row of rows) lines.push(columns.map((c) => cell(row[c])).join(","));
    // a byte order mark, so that spreadsheet programs read the Chinese as UTF-8
    return new Blob(["\ufeff" + lines.join("\r\n") + "\r\n"], { type: "text/csv;charset=utf-8" });
  }

  // the page's embedded font as an @font-face rule, for SVG files and SVG drawn to PNG
  function fontFace() {
    for (const sheet of Array.from(document.styleSheets)) {
      for (const rule of Array.from(sheet.cssRules || [])) {
        if (rule.type === CSSRule.FONT_FACE_RULE && rule.cssText.includes("plangraph CJK")) {
          return rule.cssText;
        }
      }
    }
    return "";
  }

  function el(tag, attrs, text) {
    const node = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  // a standalone copy of an SVG element: white background, the font inside
  function standalone(svg, width, height) {
    const copy = svg.cloneNode(true);
    copy.setAttribute("xmlns", SVG);
    copy.setAttribute("width", String(width));
    copy.setAttribute("height", String(height));
    const face = fontFace();
    const style = el("style", null, face + " text { font-family: " +
      getComputedStyle(svg).fontFamily + "; }");
    copy.insertBefore(style, copy.firstChild);
    copy.insertBefore(el("rect", { x: 0, y: 0, width: "100%", height: "100%", fill: "#ffffff" }),
      style.nextSibling);
    return copy;
  }

  function svgText(svg) {
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(svg);
  }

  function svgBlob(svg) {
    return new Blob([svgText(svg)], { type: "image/svg+xml;charset=utf-8" });
  }

  // an SVG drawn to PNG (at twice its size, for sharp text)
  function svgToPng(svg, width, height) {
    return new Promise((resolve, reject) => {
      const image = new Image();
      const url = URL.createObjectURL(svgBlob(svg));
      image.onload = () => {
        const canvas = document.createElement("canvas");
        canvas.width = Math.round(width * 2);
        canvas.height = Math.round(height * 2);
        const ctx = canvas.getContext("2d");
        ctx.scale(2, 2);
        ctx.drawImage(image, 0, 0, width, height);
        URL.revokeObjectURL(url);
        canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("no PNG"))), "image/png");
      };
      image.onerror = () => { URL.revokeObjectURL(url); reject(new Error("SVG not drawn")); };
      image.src = url;
    });
  }

  // a canvas (vis-network's) on white, as PNG
  function canvasToPng(source) {
    const canvas = document.createElement("canvas");
    canvas.width = source.width;
    canvas.height = source.height;
    const ctx = canvas.getContext("2d");
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(source, 0, 0);
    return new Promise((resolve, reject) => {
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("no PNG"))), "image/png");
    });
  }

  window.plangraphDownload = Object.freeze({
    save, csv, el, standalone, svgText, svgBlob, svgToPng, canvasToPng,
  });
})();
