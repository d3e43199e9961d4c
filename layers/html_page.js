/* ASEAN Digital Atlas: the exported page's own script (issue 8).
 *
 * A constant file of the package: no text from a user's file is ever part of it. Everything the
 * page shows comes from the JSON data block (id "atlas-data", type application/json) written by
 * layers/html_export.py, and every text of it reaches the DOM through textContent, never innerHTML
 * (the layer control is this script's own: Leaflet's writes names as HTML). A value is a link only
 * when it parses as an http: or https: URL.
 * Styles are set through CSSOM (element.style.x = ...), colours having been checked "#rrggbb".
 */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("atlas-data").textContent);
  var map = window[data.map];

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }
  // A value is a link only when it is a plain http(s) URL: no user name or password (the text
  // "https://www.bank.example@evil.example" shows one host and goes to another) and no invisible or
  // direction-changing characters (U+202E made a link read backwards).
  var HIDDEN = /[\u0000-\u001f\u007f-\u009f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\u2800\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb]|\udb40[\udc00-\udc7f]/;
  function safeUrl(s) {
    if (typeof s !== "string" || !/^\s*https?:\/\//i.test(s) || HIDDEN.test(s.trim())) return null;
    try {
      var u = new URL(s.trim());
      if (u.username || u.password || /@/.test(s.trim().split("/")[2] || "")) return null;
      return (u.protocol === "http:" || u.protocol === "https:") ? u.href : null;
    } catch (err) {
      return null;
    }
  }
  function show(v) {  // a value as the text a reader expects: 2024, not 2,024; null as nothing
    if (v === null || v === undefined) return "";
    if (typeof v === "number") return Number.isInteger(v) ? v.toFixed(0) : String(v);
    return String(v);
  }
  // a value cut to n characters, saying how long it was (a 5 MB name froze the page on hover)
  function shortened(v, n) {
    var t = show(v);
    return t.length > n ? t.slice(0, n) + "\u2026 (" + t.length.toLocaleString("en-US") + " characters)" : t;
  }
  var POPUP_CHARS = 2000, TOOLTIP_CHARS = 200;
  function has(v) { return v !== null && v !== undefined; }
  function own(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }

  // -- the page's language (issue 13 item 3): data holds every text of the map in each language
  // (titles, legend classes, popup field names, labels, stamps, credits) and the page's own words
  // (data.ui); the switch sets them and redraws them in place. Every text is set with textContent.
  var LANG = data.lang || "en";
  function T(key) {  // a word of the page in the current language
    var t = data.ui && own(data.ui, key) ? data.ui[key] : null;
    return (t && own(t, LANG) && t[LANG]) || key;
  }
  function fmt(key, vals) {  // T(key) with its {placeholders} filled (values are text, not markup)
    return T(key).replace(/\{(\w+)\}/g, function (m, k) { return own(vals, k) ? String(vals[k]) : m; });
  }
  function dateText(s) {  // "2024" -> "2024年", "2017-05" -> "2017年5月" (as layers/map_text.date_label)
    if (LANG === "en" || !s) return s;
    return String(s).replace(/(^|[^\d年])(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?(?![\d年])/g, function (m, pre, y, mo, d) {
      return pre + (+y) + "年" + (mo ? (+mo) + "月" : "") + (d ? (+d) + "日" : "");
    });
  }
  function pick(table, fallback) { return table && own(table, LANG) ? table[LANG] : fallback; }
  function localize() {
    data.title = pick(data.titles, data.title);
    data.stamp = pick(data.stamps, data.stamp);
    data.attribution = pick(data.attributions, data.attribution);
    if (data.basemap && data.basemap.placesBy) data.basemap.places = pick(data.basemap.placesBy, data.basemap.places);
    data.layers.forEach(function (cfg) {
      cfg.title = pick(cfg.titles, cfg.title);
      if (cfg.labels) cfg.label = pick(cfg.labels, cfg.label);
      cfg.classes.forEach(function (c) { c.label = pick(c.labels, c.label); });
      (cfg.sizeRows || []).forEach(function (r) { r.label = pick(r.labels, r.labels.en); });
    });
  }
  localize();
  document.title = data.title || "ASEAN Digital Atlas";
  document.documentElement.lang = LANG === "en" ? "en" : LANG.replace("_", "-");
  map.fitBounds(data.view, {animate: false});

  // -- basemap (Natural Earth), not interactive --------------------------------------------------
  if (data.basemap) {
    L.geoJSON(data.basemap.fc, {
      interactive: false,
      style: {fillColor: data.basemap.land, color: data.basemap.border, weight: 0.8, fillOpacity: 1.0}
    }).addTo(map);
  }

  // -- layers ------------------------------------------------------------------------------------
  // square, triangle, diamond and star markers (issue 12 item 6): a circle marker whose SVG path is
  // the shape's polygon (data.shapes, the window's own shapes in units of the radius)
  var ShapeMarker = (L.CircleMarker && L.SVG) ? L.CircleMarker.extend({
    _updatePath: function () {
      var rend = this._renderer;
      if (!rend || !rend._setPath || !this._point || this._empty()) {
        return L.CircleMarker.prototype._updatePath.call(this);
      }
      var p = this._point, r = this._radius, unit = this.options.shape, d = "";
      for (var k = 0; k < unit.length; k++) {
        d += (k ? "L" : "M") + (p.x + unit[k][0] * r) + " " + (p.y + unit[k][1] * r);
      }
      rend._setPath(this, d + "z");
    }
  }) : null;
  function styleOf(cfg, feature) {
    var a = feature.atlas || {}, cls = cfg.classes[a.c || 0] || cfg.classes[0], s = cfg.style;
    var planned = a.p === 1, polygon = /Polygon/.test(feature.geometry.type);
    var out = {
      // a class with its own colour fills with it (choropleths, categorized markers)
      color: cls.color, weight: s.weight, opacity: s.opacity, fillColor: (a.c ? cls.color : (s.fillColor || cls.color)),
      fillOpacity: planned ? 0.0 : (polygon ? s.fillOpacity : 0.9),
      dashArray: (cls.dashed || planned) ? "6 5" : null
    };
    if (!polygon) out.radius = has(a.r) ? a.r : s.radius;
    if (a.l === 1) {  // low confidence: lighter, as in the window and the PNG (issue 12 item 4)
      out.opacity = out.opacity * data.lowOpacity;
      out.fillOpacity = out.fillOpacity * data.lowOpacity;
    }
    return out;
  }
  // -- the cable <-> station network (issue 10): linked features listed and highlighted --------
  var byId = [];  // per layer: feature id -> its Leaflet layer
  function linkedOf(cfg, feature) {
    var out = [], props = feature.properties || {}, spec = cfg.links;
    if (!spec || !own(props, spec.field) || typeof props[spec.field] !== "string") return out;
    props[spec.field].split(";").forEach(function (id) {
      id = id.trim();
      for (var k = 0; k < spec.layers.length; k++) {
        var index = byId[spec.layers[k]];
        if (index && index.has(id)) { out.push({layer: index.get(id), i: spec.layers[k]}); break; }
      }
    });
    return out;
  }
  var lit = [];
  function highlightLinked(cfg, feature) {
    unhighlight();
    linkedOf(cfg, feature).forEach(function (t) {
      if (!t.layer.setStyle || !groups[t.i].hasLayer(t.layer)) return;
      t.layer.setStyle({color: "#e8590c", weight: data.layers[t.i].style.weight + 3});
      if (t.layer.bringToFront) t.layer.bringToFront();
      lit.push(t);
    });
  }
  function unhighlight() {
    lit.forEach(function (t) { restyle(t.layer, t.i); });
    lit = [];
  }
  function featureName(f) {
    var p = f.properties || {};
    // its name (name, 名称, 名稱), else its Chinese name alone, else its id
    var zh = own(p, "name_zh") && typeof p.name_zh === "string" && p.name_zh;
    var key = ["name", "\u540d\u79f0", "\u540d\u7a31"].concat(zh ? [] : ["id"])
      .filter(function (k) { return own(p, k) && has(p[k]) && show(p[k]) !== ""; })[0];
    var n = key ? show(p[key]) : "";
    // the Chinese name beside the English one where the data has it (issue 10: stations); in
    // 繁體中文 its traditional form where there is one
    var zk = LANG === "zh_TW" && own(p, "name_zh_hant") && typeof p.name_zh_hant === "string" && p.name_zh_hant
      ? "name_zh_hant" : "name_zh";
    if (own(p, zk) && typeof p[zk] === "string" && p[zk] && p[zk] !== p.name) {
      n += " " + show(p[zk]);
    }
    return n.trim();
  }
  // the line after a linked feature's name, as layers/network.py link_summary builds it for the
  // window: a station's country; a cable's RFS year, length, suppliers and first owners
  var SUMMARY_OWNERS = 3;
  function linkDetail(f) {
    var p = f.properties || {};
    function get(k) { return own(p, k) && has(p[k]) ? show(p[k]).trim() : ""; }
    if (!own(p, "rfs_year")) { var c = get("country"); return c ? " (" + c + ")" : ""; }
    var parts = [], year = get("rfs_year"), expected = get("expected_rfs");
    parts.push(year ? fmt("RFS {year}", {year: year})
                    : (expected ? fmt("not yet in service (expected {date})", {date: expected}) : T("not yet in service")));
    var len = own(p, "length_km") && has(p.length_km) && p.length_km !== "" ? Number(p.length_km) : null;
    if (len !== null && isFinite(len)) parts.push(fmt("{n} km", {n: Math.round(len).toLocaleString("en-US")}));
    var sup = get("suppliers");
    if (sup) parts.push(fmt("suppliers: {list}", {list: sup}));
    var owners = get("owners").split(";").map(function (o) { return o.trim(); }).filter(Boolean);
    if (owners.length) {
      var more = owners.length - SUMMARY_OWNERS;
      parts.push(fmt("owners: {list}", {list: owners.slice(0, SUMMARY_OWNERS).join(", ") + (more > 0 ? " +" + more : "")}));
    }
    return " \u2014 " + parts.join(" \u00b7 ");
  }
  function linkSection(cfg, feature) {
    var targets = linkedOf(cfg, feature);
    if (!targets.length) return null;
    var box = el("div", "atlas-links");
    box.appendChild(el("b", null, T(cfg.links.label) + " (" + targets.length + ")"));
    var list = el("div", "atlas-link-list");
    targets.forEach(function (t) {
      var line = el("div", "atlas-link-line");
      var a = el("a", "atlas-link", featureName(t.layer.feature));
      a.href = "#";
      a.addEventListener("click", function (ev) {
        ev.preventDefault();
        var ll = t.layer.getLatLng ? t.layer.getLatLng() : t.layer.getBounds().getCenter();
        t.layer.fire("click", {latlng: ll}, true);
      });
      line.appendChild(a);
      line.appendChild(document.createTextNode(linkDetail(t.layer.feature)));
      list.appendChild(line);
    });
    box.appendChild(list);
    return box;
  }

  function popupContent(cfg, feature) {
    var box = el("div", "atlas-popup"), table = el("table"), props = feature.properties || {};
    var names = pick(cfg.fieldNames, null);
    cfg.fields.forEach(function (f, k) {
      var tr = el("tr"), v = own(props, f) ? props[f] : null, td = el("td"), url = safeUrl(v);
      tr.appendChild(el("th", null, names && names[k] ? names[k] : f));
      if (url) {
        var a = el("a", null, shortened(v, POPUP_CHARS));
        a.href = url;
        a.target = "_blank";
        a.rel = "noopener noreferrer";
        td.appendChild(a);
      } else {
        td.textContent = shortened(v, POPUP_CHARS);
      }
      tr.appendChild(td);
      table.appendChild(tr);
    });
    var links = linkSection(cfg, feature);  // first: what the feature connects to
    if (links) box.appendChild(links);
    box.appendChild(table);
    return box;
  }
  function tooltipContent(cfg, feature) {
    var props = feature.properties || {};
    return el("span", "atlas-tooltip", shortened(own(props, cfg.tooltip) ? props[cfg.tooltip] : "", TOOLTIP_CHARS));
  }

  // -- big point layers (issue 12 item 7): columns drawn by one canvas -------------------------
  // A layer of more than CANVAS_POINTS points (layers/html_export.py) comes as columns
  // {x, y, m: members, p: attributes, i: feature of each point when there are MultiPoints} and is
  // drawn by one <canvas> per layer, one path per style class: no DOM node per feature. Identify
  // (popup), hover (tooltip), the time slider and labels work on it as on the small layers.
  function columnRow(cfg, i) {  // the attributes of feature i, as a GeoJSON feature's properties
    var p = Object.create(null), cols = cfg.cols.p;  // a field "__proto__" is a plain key
    Object.keys(cols).forEach(function (f) { p[f] = cols[f][i]; });
    return p;
  }
  function columnAtlas(cfg, i) {  // the members of feature i (class, planned, radius, low, time)
    var a = {}, m = cfg.cols.m;
    Object.keys(m).forEach(function (k) { a[k] = m[k][i]; });
    return a;
  }
  function columnFeature(cfg, k) {  // point k as a GeoJSON feature (popups, tooltips, labels)
    var c = cfg.cols, i = c.i ? c.i[k] : k;
    return {type: "Feature", geometry: {type: "Point", coordinates: [c.x[k], c.y[k]]},
            properties: columnRow(cfg, i), atlas: columnAtlas(cfg, i)};
  }
  var MAX_LAT = 85.0511287798, D2R = Math.PI / 180;
  var PointCanvas = L.Layer.extend({
    initialize: function (cfg) {
      var c = cfg.cols, m = c.m, n = c.x.length;
      this.cfg = cfg;
      this.n = n;
      // EPSG:3857 in units of the world's width, as Leaflet's project() at zoom 0 / 256
      this.ux = new Float64Array(n);
      this.uy = new Float64Array(n);
      // each point's style (class, planned, low confidence, radius) as a small int, once
      this.kind = new Int32Array(n);
      this.kinds = [];
      var kindOf = new Map();
      for (var k = 0; k < n; k++) {
        var sin = Math.sin(Math.max(Math.min(c.y[k], MAX_LAT), -MAX_LAT) * D2R);
        this.ux[k] = c.x[k] / 360 + 0.5;
        this.uy[k] = 0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI);
        var i = c.i ? c.i[k] : k;
        var r = (m.r && has(m.r[i])) ? m.r[i] : cfg.style.radius;
        var key = (m.c ? m.c[i] || 0 : 0) + "|" + (m.p ? m.p[i] : 0) + "|" + (m.l ? m.l[i] : 0) + "|" + r;
        var id = kindOf.get(key);
        if (id === undefined) {
          id = this.kinds.length;
          kindOf.set(key, id);
          this.kinds.push({i: i, r: r});
        }
        this.kind[k] = id;
      }
      this.sprites = [];  // per kind and state: [canvas, half size]
      this.state = new Uint8Array(n).fill(1);  // 0 hidden, 1 shown, 2 retired (grey)
      this.sx = new Float32Array(n);  // the last frame: container x, y and radius of each drawn point
      this.sy = new Float32Array(n);
      this.sr = new Float32Array(n);
      this.sk = new Int32Array(n);
      this.count = 0;
      this.isPointCanvas = true;
      this._pending = null;
    },
    onAdd: function (map) {
      if (!map.getPane("atlasPoints")) {
        var pane = map.createPane("atlasPoints");
        pane.style.zIndex = 450;
        pane.style.pointerEvents = "none";
      }
      this._canvas = L.DomUtil.create("canvas", "atlas-point-canvas leaflet-zoom-hide", map.getPane("atlasPoints"));
      this._canvas.style.position = "absolute";
      this.redraw();
    },
    onRemove: function () {
      L.DomUtil.remove(this._canvas);
      this._canvas = null;
      this.count = 0;
    },
    // a zoom fires viewreset, zoomend and moveend: one redraw, at the next animation frame
    getEvents: function () { return {moveend: this.schedule, zoomend: this.schedule, resize: this.schedule, viewreset: this.schedule}; },
    schedule: function () {
      var self = this;
      if (!this._pending) this._pending = L.Util.requestAnimFrame(function () { self._pending = null; self.redraw(); });
    },
    sprite: function (kind, st, ratio) {
      // each style's marker drawn once into a small canvas, then stamped at every point: one
      // path of 100,000 overlapping circles took Skia 2-8 s to fill; 100,000 stamps ~0.05 s
      var slot = kind * 3 + st, got = this.sprites[slot];
      if (got && got[2] === ratio) return got;
      var cfg = this.cfg, k = this.kinds[kind], r = k.r, unit = data.shapes[cfg.style.shape];
      var sty = styleOf(cfg, {geometry: {type: "Point"}, atlas: columnAtlas(cfg, k.i)});
      if (st === 2) { sty.color = "#9a9a9a"; sty.fillColor = "#9a9a9a"; }
      var half = Math.ceil(r * (unit ? 1.3 : 1) + sty.weight / 2 + 1);
      var cv = document.createElement("canvas");
      cv.width = cv.height = Math.ceil(2 * half * ratio);
      var sc = cv.getContext("2d");
      sc.setTransform(ratio, 0, 0, ratio, 0, 0);
      sc.beginPath();
      if (unit) {
        sc.moveTo(half + unit[0][0] * r, half + unit[0][1] * r);
        for (var u = 1; u < unit.length; u++) sc.lineTo(half + unit[u][0] * r, half + unit[u][1] * r);
        sc.closePath();
      } else {
        sc.arc(half, half, r, 0, 2 * Math.PI);
      }
      if (sty.fillOpacity > 0) {
        sc.globalAlpha = sty.fillOpacity;
        sc.fillStyle = sty.fillColor;
        sc.fill();
      }
      if (sty.weight > 0 && sty.opacity > 0) {
        sc.globalAlpha = sty.opacity;
        sc.strokeStyle = sty.color;
        sc.lineWidth = sty.weight;
        sc.setLineDash(sty.dashArray ? [6, 5] : []);
        sc.stroke();
      }
      got = [cv, half * ratio, ratio];
      this.sprites[slot] = got;
      return got;
    },
    redraw: function () {
      var map = this._map, cv = this._canvas;
      if (!map || !cv) return;
      if (this._pending) { L.Util.cancelAnimFrame(this._pending); this._pending = null; }
      var size = map.getSize(), ratio = window.devicePixelRatio || 1;
      var origin = map.containerPointToLayerPoint([0, 0]), po = map.getPixelOrigin();
      L.DomUtil.setPosition(cv, origin);
      cv.width = Math.round(size.x * ratio);
      cv.height = Math.round(size.y * ratio);
      cv.style.width = size.x + "px";
      cv.style.height = size.y + "px";
      // a CPU-backed canvas: the points are rasterized here, once, not replayed by the
      // compositor on every frame (without a GPU that took seconds)
      var ctx = cv.getContext("2d", {willReadFrequently: true});
      var world = 256 * Math.pow(2, map.getZoom()), ox = po.x + origin.x, oy = po.y + origin.y;
      var W = size.x, H = size.y, count = 0, kinds = this.kinds, kind = this.kind, state = this.state;
      var ux = this.ux, uy = this.uy, sx = this.sx, sy = this.sy, sr = this.sr, sk = this.sk;
      // level of detail: a marker is not stamped again where the same marker was the last one
      // stamped in its CELL-pixel cell (dense areas look the same; 1,000,000 points: 2.5 s to
      // ~0.3 s); every point stays identifiable
      var CELL = 2, cols = Math.ceil(W / CELL) + 2, last = new Int32Array(cols * (Math.ceil(H / CELL) + 2));
      for (var k = 0; k < this.n; k++) {
        var st = state[k];
        if (!st) continue;
        var r = kinds[kind[k]].r;
        var y = uy[k] * world - oy;
        if (y < -r || y > H + r) continue;
        var x = ux[k] * world - ox;
        // the copy of the world in view (a Pacific view east of 180 degrees)
        if (x < -r) x += world * Math.ceil((-r - x) / world);
        else if (x > W + r) x -= world * Math.ceil((x - W - r) / world);
        if (x < -r || x > W + r) continue;
        var slot = kind[k] * 3 + st + 1, cell = (Math.floor(y / CELL) + 1) * cols + Math.floor(x / CELL) + 1;
        if (cell >= 0 && cell < last.length && last[cell] !== slot) {
          last[cell] = slot;
          var sp = this.sprite(kind[k], st, ratio);
          ctx.drawImage(sp[0], Math.round(x * ratio - sp[1]), Math.round(y * ratio - sp[1]));
        }
        sx[count] = x; sy[count] = y; sr[count] = r; sk[count] = k;
        count += 1;
      }
      this.count = count;
      cv.setAttribute("data-drawn", String(count));
    },
    hitsAll: function (cp, limit) {  // every drawn point within its radius + 3 px of cp (features once)
      var out = [], seen = new Set(), c = this.cfg.cols;
      for (var q = this.count - 1; q >= 0 && out.length < limit; q--) {
        var dx = this.sx[q] - cp.x, dy = this.sy[q] - cp.y, rr = this.sr[q] + 3, k = this.sk[q];
        var i = c.i ? c.i[k] : k;
        if (dx * dx + dy * dy <= rr * rr && !seen.has(i)) { seen.add(i); out.push(k); }
      }
      return out;
    },
    hit: function (cp) {  // the drawn point nearest the container point cp, within its radius + 3 px
      var best = -1, bestD = Infinity;
      for (var q = this.count - 1; q >= 0; q--) {
        var dx = this.sx[q] - cp.x, dy = this.sy[q] - cp.y, d = dx * dx + dy * dy, rr = this.sr[q] + 3;
        if (d <= rr * rr && d < bestD) { best = q; bestD = d; }
      }
      return best < 0 ? null : {k: this.sk[best], x: this.sx[best], y: this.sy[best], r: this.sr[best]};
    },
    setStates: function (stateOf) {  // stateOf(feature index) -> 0/1/2; the classes shown
      var c = this.cfg.cols, m = c.m, present = {};
      for (var k = 0; k < this.n; k++) {
        var i = c.i ? c.i[k] : k, st = stateOf(i);
        this.state[k] = st;
        if (st) present[(m.c ? m.c[i] : 0) || 0] = true;
      }
      this.redraw();
      return present;
    }
  });
  // -- stacked points (as the window's identify, "1 of N"): a popup at a spot where several
  // point features lie on one another pages through all of them ----------------------------
  var STACK_MAX = 50;
  function stackAt(cp, first) {
    var out = [first];
    for (var li = data.layers.length - 1; li >= 0 && out.length < STACK_MAX; li--) {
      var cfg = data.layers[li], g = groups[li];
      if (!g || !map.hasLayer(g) || !cfg.fields.length) continue;
      if (g.isPointCanvas) {
        g.hitsAll(cp, STACK_MAX).forEach(function (k) {
          var f = columnFeature(cfg, k);
          if (!(first.cfg === cfg && first.feature.properties && sameFeature(first.feature, f))) out.push({cfg: cfg, feature: f});
        });
        continue;
      }
      g.eachLayer(function (l) {
        var parts = l.eachLayer ? l.getLayers() : [l];
        for (var q = 0; q < parts.length; q++) {
          var part = parts[q];
          if (!part.getLatLng || l === first.layer || l.feature === first.feature || out.length >= STACK_MAX) continue;
          var c = map.latLngToContainerPoint(part.getLatLng()), rr = (part.options.radius || 4) + 3;
          if ((c.x - cp.x) * (c.x - cp.x) + (c.y - cp.y) * (c.y - cp.y) <= rr * rr) {
            out.push({cfg: cfg, feature: l.feature, layer: l});
            break;
          }
        }
      });
    }
    return out;
  }
  function sameFeature(a, b) {
    return a.geometry && b.geometry && a.geometry.coordinates[0] === b.geometry.coordinates[0] &&
      a.geometry.coordinates[1] === b.geometry.coordinates[1] && featureName(a) === featureName(b);
  }
  function stackedContent(first, cp) {
    var stack = stackAt(cp, first);
    if (stack.length === 1) return popupContent(first.cfg, first.feature);
    var box = el("div", "atlas-stack"), at = 0;
    var bar = el("div", "atlas-stack-bar"), prev = el("button", null, "\u25C0"), next = el("button", null, "\u25B6");
    var where = el("span", "atlas-stack-where"), body = el("div");
    prev.type = next.type = "button";
    bar.appendChild(prev); bar.appendChild(where); bar.appendChild(next);
    box.appendChild(bar);
    box.appendChild(body);
    function showAt(k) {
      at = (k + stack.length) % stack.length;
      where.textContent = " " + fmt("{i} of {n}", {i: at + 1, n: stack.length}) + " \u2014 " + stack[at].cfg.title + " ";
      body.textContent = "";
      body.appendChild(popupContent(stack[at].cfg, stack[at].feature));
    }
    prev.addEventListener("click", function (ev) { L.DomEvent.stop(ev); showAt(at - 1); });
    next.addEventListener("click", function (ev) { L.DomEvent.stop(ev); showAt(at + 1); });
    showAt(0);
    return box;
  }
  var canvases = [];  // [layer index, PointCanvas], topmost last
  var tip = L.tooltip({direction: "top"}), tipOn = false, hoverPending = null;
  function canvasHit(cp) {
    for (var q = canvases.length - 1; q >= 0; q--) {
      var pc = canvases[q][1];
      if (!map.hasLayer(pc)) continue;
      var h = pc.hit(cp);
      if (h) { h.i = canvases[q][0]; h.pc = pc; return h; }
    }
    return null;
  }
  map.on("click", function (e) {
    var t = e.originalEvent && e.originalEvent.target;
    if (t && t.classList && t.classList.contains("leaflet-interactive")) return;  // a vector feature's own
    var h = canvasHit(e.containerPoint);
    if (!h) return;
    var cfg = data.layers[h.i];
    if (!cfg.fields.length) return;
    var first = {cfg: cfg, feature: columnFeature(cfg, h.k)};
    L.popup({maxWidth: 420, offset: [0, -h.r]}).setLatLng(map.containerPointToLatLng([h.x, h.y]))
      .setContent(stackedContent(first, L.point(h.x, h.y))).openOn(map);
  });
  map.on("mousemove", function (e) {
    if (!canvases.length) return;
    var cp = e.containerPoint;
    if (hoverPending) return;
    hoverPending = requestAnimationFrame(function () {
      hoverPending = null;
      var h = canvasHit(cp), cfg = h ? data.layers[h.i] : null;
      map.getContainer().style.cursor = h ? "pointer" : "";
      if (h && cfg.tooltip !== null) {
        tip.options.offset = [0, -h.r];
        tip.setLatLng(map.containerPointToLatLng([h.x, h.y]))
          .setContent(tooltipContent(cfg, columnFeature(cfg, h.k)));
        if (!tipOn) { tip.addTo(map); tipOn = true; }
      } else if (tipOn) {
        map.removeLayer(tip);
        tipOn = false;
      }
    });
  });

  var groups = [];
  data.layers.forEach(function (cfg, i) {
    if (cfg.cols) {
      var pc = new PointCanvas(cfg);
      pc.addTo(map);
      groups.push(pc);
      canvases.push([i, pc]);
      byId.push(new Map());  // linked features are looked up in the small layers only
      return;
    }
    var group = L.geoJSON(cfg.fc, {
      // a MultiPoint or GeometryCollection is a group of its own: its parts carry the feature
      // (popups and restyling read it), and its tooltip is bound on it, not on the layer's
      // group (Leaflet 1.9.3 stopped the page's script binding a tooltip over a nested group)
      onEachFeature: function (f, layer) {
        if (layer.eachLayer) layer.eachLayer(function (part) { part.feature = f; });
        if (cfg.tooltip !== null) {
          layer.bindTooltip(function () { return tooltipContent(cfg, f); }, {sticky: true});
        }
      },
      style: function (f) { return styleOf(cfg, f); },
      pointToLayer: function (f, latlng) {
        var st = styleOf(cfg, f), unit = data.shapes[cfg.style.shape];
        if (!unit || !ShapeMarker) return L.circleMarker(latlng, st);
        st.shape = unit;
        return new ShapeMarker(latlng, st);
      }
    });
    if (cfg.fields.length) {
      group.bindPopup(function (layer) {
        var first = {cfg: cfg, feature: layer.feature, layer: layer};
        return layer.getLatLng ? stackedContent(first, map.latLngToContainerPoint(layer.getLatLng()))
                               : popupContent(cfg, layer.feature);
      }, {maxWidth: 420});
    }
    group.on("mouseover", function (e) {
      if (e.layer.setStyle) e.layer.setStyle({weight: cfg.style.weight + 2});
    });
    group.on("mouseout", function (e) {
      if (e.layer.setStyle) restyle(e.layer, i);
    });
    group.on("popupopen", function (e) {
      var src = e.popup && e.popup._source;
      if (src && src.feature) highlightLinked(cfg, src.feature);
    });
    group.on("popupclose", unhighlight);
    group.addTo(map);
    groups.push(group);
    var index = new Map();  // a Map: ids such as "__proto__" are plain keys
    group.eachLayer(function (l) {
      var p = l.feature && l.feature.properties;
      if (p && own(p, "id") && p.id !== null) index.set(String(p.id), l);
    });
    byId.push(index);
  });

  // -- layer control: our own (Leaflet's writes layer names with innerHTML), in Leaflet's look ---
  var control = L.control({position: "topright"}), controlNames = [];
  control.onAdd = function () {
    var box = el("div", "leaflet-control-layers leaflet-control-layers-expanded atlas-layer-control");
    var list = el("div", "leaflet-control-layers-overlays");
    data.layers.forEach(function (cfg, i) {
      var label = el("label"), holder = el("span"), input = el("input");
      input.type = "checkbox";
      input.className = "leaflet-control-layers-selector";
      input.checked = true;
      input.addEventListener("change", function () {
        if (input.checked) groups[i].addTo(map); else map.removeLayer(groups[i]);
      });
      holder.appendChild(input);
      controlNames[i] = el("span", "atlas-layer-name", " " + cfg.title);
      holder.appendChild(controlNames[i]);
      label.appendChild(holder);
      list.appendChild(label);
    });
    box.appendChild(list);
    L.DomEvent.disableClickPropagation(box);
    L.DomEvent.disableScrollPropagation(box);
    return box;
  };
  control.addTo(map);

  // -- search (issue 12 item 6): names, Chinese names and their pinyin, ids, operators, as the
  // window's search (layers/search.py): case- and accent-insensitive substrings, ranked -------
  function norm(t) {
    return String(t).normalize("NFKD").toLowerCase().replace(/[\u0300-\u036f]/g, "")
      .replace(/[đð]/g, "d").replace(/ø/g, "o").replace(/ł/g, "l").replace(/ß/g, "ss")
      .replace(/æ/g, "ae").replace(/œ/g, "oe").replace(/ı/g, "i")
      .replace(/[^\p{L}\p{N}\s]/gu, " ").replace(/\s+/g, " ").trim();
  }
  var searchIndex = null;  // built at the first query: [{i: layer, f: feature or point, t: [texts]}]
  function buildSearch() {
    searchIndex = [];
    data.layers.forEach(function (cfg, li) {
      // name fields as the window's search counts them (layers/search.py NAME_FIELDS)
      cfg.isName = cfg.search.map(function (f) { return data.searchNames.indexOf(f.toLowerCase()) >= 0; });
      if (!cfg.search.length) return;
      function add(f, key) {
        var p = f.properties || {}, t = [];
        cfg.search.forEach(function (k) { t.push(own(p, k) && has(p[k]) ? norm(show(p[k])) : ""); });
        var a = f.atlas || {};
        t.push(typeof a.s === "string" ? a.s : "");  // pinyin of the Chinese names
        searchIndex.push({i: li, key: key, t: t, name: featureName(f)});
      }
      if (cfg.cols) {
        var n = cfg.cols.x.length;
        for (var k = 0; k < n; k++) {
          if (cfg.cols.i && k && cfg.cols.i[k] === cfg.cols.i[k - 1]) continue;  // one entry a feature
          add(columnFeature(cfg, k), k);
        }
      } else {
        groups[li].eachLayer(function (l) { add(l.feature, l); });
      }
    });
  }
  // a match's rank in one field: 0 the whole field, 1 its start, 2 a word's start, 3 inside
  function rankIn(t, q) {
    if (!t) return 9;
    if (t === q) return 0;
    var at = t.indexOf(q);
    if (at === 0) return 1;
    if (at < 0) return 9;
    return (" " + t).indexOf(" " + q) >= 0 ? 2 : 3;
  }
  // how a feature sorts for the query (smaller first), as the window's search orders hits
  // (layers/search.py order_key): a name or id equal to the query; then whole-word matches
  // before bare substrings; names before other fields; the rank. ``variant`` queries (without
  // spaces, the pinyin of a Chinese query) rank after every match of the query as typed.
  function orderOf(e, cfg, q, variants) {
    var best = Infinity;
    for (var k = 0; k < e.t.length; k++) {
      var name = k >= cfg.search.length || cfg.isName[k], field = k < cfg.search.length ? cfg.search[k] : "";
      var r = rankIn(e.t[k], q);
      if (r === 9) {
        for (var v = 0; v < variants.length && r === 9; v++) if (e.t[k].indexOf(variants[v]) >= 0) r = 3;
      }
      if (r === 9) continue;
      var exactId = r === 0 && (name || field.toLowerCase() === "id");
      var key = (exactId ? 0 : 1000) + (r === 3 ? 100 : 0) + (name ? 0 : 10) + r;
      if (key < best) best = key;
    }
    return best;
  }
  function pinyinOf(text) {  // the pinyin of a query's Chinese characters (the page's own table)
    var out = [], table = data.pinyin || {}, unknown = false;
    Array.from(text).forEach(function (ch) {
      if (own(table, ch)) out.push(table[ch]);
      else if (/[\u3400-\u9fff\uf900-\ufaff]/.test(ch)) unknown = true;
    });
    // a Chinese character no name of the page has: no feature matches it by pinyin (曼谷 must not
    // find the names holding only 谷's reading)
    return unknown ? "" : out.join("");
  }
  function goTo(hit) {
    var cfg = data.layers[hit.i], g = groups[hit.i];
    if (!map.hasLayer(g)) g.addTo(map);
    if (cfg.cols) {
      var lng = cfg.cols.x[hit.key], c = map.getCenter().lng;
      lng += 360 * Math.round((c - lng) / 360);  // the copy of the world in view (a Pacific page)
      var ll = L.latLng(cfg.cols.y[hit.key], lng);
      map.setView(ll, Math.max(map.getZoom(), 8), {animate: false});
      if (cfg.fields.length) {
        L.popup({maxWidth: 420}).setLatLng(ll).setContent(popupContent(cfg, columnFeature(cfg, hit.key))).openOn(map);
      }
      return;
    }
    var l = hit.key, at;
    if (l.getLatLng) {
      at = l.getLatLng();
      map.setView(at, Math.max(map.getZoom(), 8), {animate: false});
    } else {
      map.fitBounds(l.getBounds(), {animate: false, maxZoom: 9, padding: [40, 40]});
      at = l.getBounds().getCenter();
    }
    if (g.hasLayer(l)) l.fire("click", {latlng: at}, true);  // its popup, its linked features lit
  }
  var searchCtl = L.control({position: "topleft"}), searchNow = null, searchInput = null;
  searchCtl.onAdd = function () {
    var box = el("div", "leaflet-bar atlas-search"), input = el("input"), list = el("div", "atlas-search-results");
    box.id = "atlas-search";
    input.type = "search";
    input.placeholder = T("Search names, ids, operators\u2026");
    input.setAttribute("aria-label", T("Search the map's features"));
    searchInput = input;
    box.appendChild(input);
    box.appendChild(list);
    var hits = [];
    function run() {
      var q = norm(input.value);
      list.textContent = "";
      hits = [];
      if (!q) return;
      if (!searchIndex) buildSearch();
      var found = [], variants = [];
      if (q.indexOf(" ") >= 0) variants.push(q.replace(/ /g, ""));
      var py = norm(pinyinOf(input.value));
      if (py && py !== q) variants.push(py);
      for (var k = 0; k < searchIndex.length; k++) {
        var e = searchIndex[k], r = orderOf(e, data.layers[e.i], q, variants);
        if (r < Infinity) found.push([r, -e.i, k]);  // then the top layer first, then the feature
      }
      found.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || a[2] - b[2]; });
      found.slice(0, 12).forEach(function (fk) {
        var e = searchIndex[fk[2]], row = el("a", "atlas-search-hit");
        row.href = "#";
        row.appendChild(el("span", "atlas-search-name", e.name || T("(no name)")));
        row.appendChild(el("span", "atlas-search-layer", " \u2014 " + data.layers[e.i].title));
        row.addEventListener("click", function (ev) { ev.preventDefault(); goTo(e); });
        list.appendChild(row);
        hits.push(e);
      });
      if (!found.length) list.appendChild(el("div", "atlas-search-none", T("No match")));
      else if (found.length > 12) list.appendChild(el("div", "atlas-search-none", fmt("{n} more: type more letters", {n: found.length - 12})));
    }
    // a big page (tens of thousands of features) searches once typing pauses
    var typing = null;
    input.addEventListener("input", function () {
      if (typing) clearTimeout(typing);
      var big = (searchIndex ? searchIndex.length : data.layers.reduce(function (a, c) {
        return a + (c.cols ? c.cols.x.length : (c.fc ? c.fc.features.length : 0));
      }, 0)) > 20000;
      if (big) typing = setTimeout(run, 200); else run();
    });
    searchNow = run;
    input.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter" && hits.length) { ev.preventDefault(); goTo(hits[0]); }
      if (ev.key === "Escape") { input.value = ""; run(); }
    });
    L.DomEvent.disableClickPropagation(box);
    L.DomEvent.disableScrollPropagation(box);
    return box;
  };
  searchCtl.addTo(map);
  window.atlasSearch = function (q) {  // type q and read the results (tests, scripting)
    var input = document.querySelector("#atlas-search input");
    input.value = q;
    searchNow();
    return Array.prototype.map.call(document.querySelectorAll(".atlas-search-name"), function (x) { return x.textContent; });
  };

  // -- title, legend, attribution ---------------------------------------------------------------
  var title = el("div", "atlas-box atlas-title");
  title.id = "atlas-title";
  var titleText = el("span", null, data.title);
  title.appendChild(titleText);
  var stampBox = null;
  if (data.stamp !== null) {
    var tail = el("span", "atlas-title-time");
    tail.appendChild(document.createTextNode(" \u2014 "));
    stampBox = el("span", null, data.stamp);
    stampBox.id = "atlas-time";
    tail.appendChild(stampBox);
    title.appendChild(tail);
  }
  document.body.appendChild(title);

  function swatch(kind, color, dashed, fill, shape) {
    var s = el("span", "atlas-swatch atlas-swatch-" + kind);
    if (kind === "point") {
      s.style.borderColor = color;
      s.style.background = dashed ? "#ffffff" : (fill || color);
      var unit = shape ? data.shapes[shape] : null;
      if (unit) {  // the marker's own shape, cut out of the swatch
        s.style.borderRadius = "0";
        s.style.clipPath = "polygon(" + unit.map(function (q) {
          return ((q[0] / 2.6 + 0.5) * 100).toFixed(1) + "% " + ((q[1] / 2.6 + 0.5) * 100).toFixed(1) + "%";
        }).join(", ") + ")";
      }
    } else if (kind === "polygon") {
      s.style.borderColor = color;
      s.style.borderStyle = dashed ? "dashed" : "solid";
      s.style.background = (fill || color) + "55";
    } else {
      s.style.borderTopColor = color;
      s.style.borderTopStyle = dashed ? "dashed" : "solid";
    }
    return s;
  }
  var legend = el("div", "atlas-box atlas-legend");
  legend.id = "atlas-legend";
  var classRows = [];  // per layer: class index -> its legend row (the time slider hides empty classes)
  function buildLegend() {  // again on a language switch
  legend.textContent = "";
  classRows = [];
  legend.appendChild(el("b", null, T("Legend")));
  data.layers.forEach(function (cfg, li) {
    classRows[li] = {};
    var kind = cfg.kind === "polygon" || cfg.kind === "point" ? cfg.kind : "line";
    var rows = cfg.classes.filter(function (c) { return c.label !== ""; });
    if (!rows.length) {
      var row = el("div", "atlas-legend-row");
      row.appendChild(swatch(kind, cfg.classes[0].color, false, cfg.style.fillColor, cfg.style.shape));
      row.appendChild(el("span", null, cfg.title));
      legend.appendChild(row);
    } else {
      legend.appendChild(el("div", "atlas-legend-layer", cfg.title));
      cfg.classes.forEach(function (c, ci) {
        if (c.label === "") return;
        var r = el("div", "atlas-legend-row atlas-legend-class");
        r.appendChild(swatch(kind, c.color, c.dashed, null, cfg.style.shape));
        r.appendChild(el("span", null, c.label));
        legend.appendChild(r);
        classRows[li][ci] = r;
      });
    }
    // proportional symbols: a circle of each reference size, as the window's legend
    (cfg.sizeRows || []).forEach(function (sr) {
      var r = el("div", "atlas-legend-row atlas-legend-class atlas-legend-size");
      var s = swatch("point", cfg.classes[0].color, false, cfg.style.fillColor, cfg.style.shape);  // the layer's marker
      s.style.width = s.style.height = Math.max(2, sr.d - 4) + "px";
      r.appendChild(s);
      r.appendChild(el("span", null, sr.label));
      legend.appendChild(r);
    });
  });
  if (data.layers.some(function (cfg) { return cfg.hasLife; })) {  // how the lifecycle stages are drawn
    legend.appendChild(el("div", "atlas-legend-layer", T("Lifecycle")));
    var planned = el("div", "atlas-legend-row atlas-legend-class");
    planned.appendChild(swatch("line", "#5f6b73", true, null));
    planned.appendChild(el("span", null, T("planned / under construction (dashed, hollow)")));
    legend.appendChild(planned);
    var retired = el("div", "atlas-legend-row atlas-legend-class");
    retired.appendChild(swatch("line", "#9a9a9a", false, null));
    retired.appendChild(el("span", null, T("retired")));
    legend.appendChild(retired);
  }
  if (data.layers.some(function (cfg) { return cfg.hasLow; })) {
    legend.appendChild(el("div", "atlas-legend-layer", T("Confidence")));
    var weak = el("div", "atlas-legend-row atlas-legend-class");
    var sw = swatch("point", "#5f6b73", false, null);
    sw.style.opacity = String(data.lowOpacity);
    weak.appendChild(sw);
    weak.appendChild(el("span", null, T("low: drawn lighter")));
    legend.appendChild(weak);
  }
  var credits = el("div", "atlas-attribution");
  data.attribution.forEach(function (line) { credits.appendChild(el("div", null, line)); });
  legend.appendChild(credits);
  }
  buildLegend();
  document.body.appendChild(legend);

  // -- time slider: the semantics of TimeFilter.mask/ended (layers/temporal.py), written here so
  // -- the page works offline (DESIGN.md "Self-contained HTML") --------------------------------
  function restyle(layer, i) {
    var cfg = data.layers[i];
    var st = (cfg.time && timeState) ? timeState(layer.feature, cfg.time) : 1;
    if (!layer.setStyle) return;
    if (st === 2) layer.setStyle({color: "#9a9a9a", fillColor: "#9a9a9a"});
    else layer.setStyle(styleOf(cfg, layer.feature));
  }
  var timeState = null;
  var cfg = data.time;
  if (cfg) {
    var entries = [];
    data.layers.forEach(function (lc, i) {
      if (!lc.time) return;
      var all = [];
      if (groups[i].eachLayer) groups[i].eachLayer(function (l) { all.push(l); });
      entries.push({c: lc.time, g: groups[i], all: all, i: i});
    });
    var current = null;
    var state = function (a, c, t0, t1) {  // 0 hidden, 1 shown, 2 retired (grey)
      var s = a.t0, e = a.t1;
      var started = has(s) ? s < t1 : c.undatedShow;
      if (!started) return 0;
      if (cfg.mode === "window" && c.events && has(s) && s < t0) return 0;
      if (!has(e)) return 1;
      var alive = cfg.mode === "as_of" ? e >= (cfg.endInclusive ? t0 : t1)
                                       : (cfg.endInclusive ? e >= t0 : e > t0);
      return alive ? 1 : (c.retiredGrey ? 2 : 0);
    };
    timeState = function (feature, c) {
      return current ? state(feature.atlas || {}, c, current[0], current[1]) : 1;
    };
    var box = el("div", "atlas-box atlas-time-control");
    var lab = el("label"), on = el("input"), play = el("button", null, "\u25B6");
    var slider = el("input"), label = el("b");
    on.type = "checkbox"; on.id = "atlas-time-on";
    var timeWord = document.createTextNode(T(" Time "));
    lab.appendChild(on); lab.appendChild(timeWord);
    play.type = "button"; play.id = "atlas-time-play";
    slider.type = "range"; slider.id = "atlas-time-slider"; slider.min = "0";
    label.id = "atlas-time-label";
    [lab, play, slider, label].forEach(function (x) { box.appendChild(x); });
    var ctl = L.control({position: "bottomright"});
    ctl.onAdd = function () { L.DomEvent.disableClickPropagation(box); return box; };
    ctl.addTo(map);
    slider.max = String(Math.max(cfg.steps.length - 1, 0));
    slider.value = String(cfg.index);
    on.checked = cfg.enabled;
    var apply = function () {
      var step = cfg.steps[+slider.value] || cfg.start;
      var enabled = on.checked && step;
      current = enabled ? step : null;
      var text = !enabled ? T("all dates") : (cfg.mode === "as_of" ? T("as of ") : "") + dateText(step[2]);
      label.textContent = enabled ? dateText(step[2]) : T("all dates");
      timeWord.textContent = T(" Time ");
      if (stampBox) stampBox.textContent = text;
      slider.disabled = !on.checked;
      entries.forEach(function (en) {
        var present = {};
        if (en.g.isPointCanvas) {
          var lc = data.layers[en.i];
          present = en.g.setStates(function (i) {
            return current ? state({t0: lc.cols.m.t0[i], t1: lc.cols.m.t1[i]}, en.c, current[0], current[1]) : 1;
          });
        }
        en.all.forEach(function (l) {
          var st = timeState(l.feature, en.c);
          if (st === 0) { en.g.removeLayer(l); return; }
          en.g.addLayer(l);
          restyle(l, en.i);
          present[(l.feature.atlas || {}).c || 0] = true;
        });
        // the legend follows the time, as the window's: a class no feature shows now has no row
        Object.keys(classRows[en.i]).forEach(function (ci) {
          classRows[en.i][ci].style.display = present[ci] ? "" : "none";
        });
      });
    };
    window.atlasTime = {config: cfg, apply: apply, slider: slider, toggle: on, state: state, groups: groups};
    on.addEventListener("change", apply);
    slider.addEventListener("input", function () { on.checked = true; apply(); });
    var timer = null;
    play.addEventListener("click", function () {
      if (timer) { clearInterval(timer); timer = null; play.textContent = "\u25B6"; return; }
      on.checked = true;
      play.textContent = "\u23F8";
      timer = setInterval(function () {
        slider.valueAsNumber = (slider.valueAsNumber + 1) % (cfg.steps.length || 1);  // a number, never text
        apply();
      }, cfg.intervalMs);
    });
    if (cfg.enabled && !cfg.steps.length) cfg.steps = [cfg.start];
    apply();
  }

  // -- labels (issue 11): greedy placement without overlaps, markers kept clear, by priority;
  // every text is set with textContent --------------------------------------------------------
  (function () {
    var pane = map.createPane("atlasLabels");
    pane.style.zIndex = 640;
    pane.style.pointerEvents = "none";
    var measure = document.createElement("canvas").getContext("2d");
    var holder = null, pending = null, LABEL_CANVAS_POINTS = 3000;
    function textOf(cfg, p) {
      function clean(v) {
        if (v === null || v === undefined || v === "") return "";
        return show(v).replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, " ").replace(/\s+/g, " ").trim().slice(0, 80);
      }
      var a = clean(own(p, cfg.label.field) ? p[cfg.label.field] : null);
      if (!a && cfg.label.fallback) a = clean(own(p, cfg.label.fallback) ? p[cfg.label.fallback] : null);
      var b = cfg.label.field2 && own(p, cfg.label.field2) ? clean(p[cfg.label.field2]) : "";
      return b && b !== a ? (a ? a + " (" + b + ")" : b) : a;
    }
    function free(boxes, b) {
      for (var k = 0; k < boxes.length; k++) {
        var o = boxes[k];
        if (b[0] < o[2] && o[0] < b[2] && b[1] < o[3] && o[1] < b[3]) return false;
      }
      return true;
    }
    function relabel() {
      pending = null;
      if (holder) holder.remove();
      holder = L.DomUtil.create("div", "atlas-labels", pane);
      var size = map.getSize(), cands = [], boxes = [];
      function inView(pt) { var c = map.layerPointToContainerPoint(pt); return c.x >= 0 && c.y >= 0 && c.x <= size.x && c.y <= size.y; }
      data.layers.forEach(function (cfg, i) {
        if (!map.hasLayer(groups[i])) return;
        if (groups[i].isPointCanvas) {  // markers kept clear and labelled while few are in view
          var pc = groups[i];
          if (pc.count > LABEL_CANVAS_POINTS) return;
          for (var q = 0; q < pc.count; q++) {
            var lp = map.containerPointToLayerPoint([pc.sx[q], pc.sy[q]]), rr = pc.sr[q] + 1;
            boxes.push([lp.x - rr, lp.y - rr, lp.x + rr, lp.y + rr]);
            if (!cfg.label) continue;
            var lt = textOf(cfg, columnFeature(cfg, pc.sk[q]).properties);
            if (lt) cands.push({t: lt, p: cfg.label.priority, x: lp.x, y: lp.y, r: rr + 1, s: cfg.label.size, k: "f"});
          }
          return;
        }
        groups[i].eachLayer(function (l) {
          if (!l.getLatLng) return;
          var pt = map.latLngToLayerPoint(l.getLatLng()), r = (l.options.radius || 4) + 1;
          if (inView(pt)) boxes.push([pt.x - r, pt.y - r, pt.x + r, pt.y + r]);
        });
        if (!cfg.label) return;
        groups[i].eachLayer(function (l) {
          var text = textOf(cfg, (l.feature || {}).properties || {});
          if (!text) return;
          var pt;
          if (l.getLatLng) {
            pt = map.latLngToLayerPoint(l.getLatLng());
            if (inView(pt)) cands.push({t: text, p: cfg.label.priority, x: pt.x, y: pt.y, r: (l.options.radius || 4) + 2, s: cfg.label.size, k: "f"});
          } else if (l.getLatLngs) {
            var flat = L.LineUtil.isFlat(l.getLatLngs()) ? l.getLatLngs() : [].concat.apply([], l.getLatLngs());
            var vis = flat.filter(function (ll) { return ll && ll.lat !== undefined && inView(map.latLngToLayerPoint(ll)); });
            if (vis.length) {
              pt = map.latLngToLayerPoint(vis[Math.floor(vis.length / 2)]);
              cands.push({t: text, p: cfg.label.priority - 0.5, x: pt.x, y: pt.y, r: 3, s: cfg.label.size, k: "f"});
            }
          }
        });
      });
      ((data.basemap && data.basemap.places) || []).forEach(function (pl) {
        var pt = map.latLngToLayerPoint([pl[2], pl[1]]);
        if (inView(pt)) cands.push({t: pl[0], p: pl[3], x: pt.x, y: pt.y, r: pl[4] === "country" ? -1 : 7, s: 13, k: pl[4]});
      });
      cands.sort(function (a, b) { return b.p - a.p; });
      var origin = map.containerPointToLayerPoint([0, 0]), placed = 0;
      cands.slice(0, 800).forEach(function (c) {
        measure.font = (c.k === "country" ? "" : (c.k === "f" ? "" : "bold ")) + c.s + "px sans-serif";
        var text = c.k === "country" ? c.t.toUpperCase() : c.t;
        var w = measure.measureText(text).width * (c.k === "country" ? 1.1 : 1) + 4, h = c.s * 1.25;
        var spots = c.r < 0 ? [[c.x - w / 2, c.y - h / 2], [c.x - w / 2, c.y - 1.7 * h], [c.x - w / 2, c.y + 0.7 * h]] :
          [[c.x + c.r, c.y - h / 2], [c.x - c.r - w, c.y - h / 2], [c.x - w / 2, c.y - c.r - h], [c.x - w / 2, c.y + c.r]];
        for (var k = 0; k < spots.length; k++) {
          var b = [spots[k][0], spots[k][1], spots[k][0] + w, spots[k][1] + h];
          if (b[0] < origin.x || b[1] < origin.y || b[2] > origin.x + size.x || b[3] > origin.y + size.y) continue;
          if (!free(boxes, b)) continue;
          boxes.push(b);
          var span = el("span", "atlas-label atlas-label-" + c.k, text);
          span.style.left = b[0] + "px";
          span.style.top = b[1] + "px";
          span.style.fontSize = c.s + "px";
          holder.appendChild(span);
          placed += 1;
          break;
        }
      });
      holder.setAttribute("data-placed", String(placed));
    }
    function schedule() { if (!pending) pending = setTimeout(relabel, 30); }
    map.on("moveend zoomend layeradd layerremove resize", schedule);
    window.atlasRelabel = relabel;
    schedule();
  })();

  // -- the language switch (issue 13 item 3): English, 简体中文, 繁體中文 -------------------------
  function setLanguage(code) {
    if (!data.langs.some(function (l) { return l[0] === code; })) return;
    LANG = code;
    localize();
    document.title = data.title || "ASEAN Digital Atlas";
    document.documentElement.lang = code === "en" ? "en" : code.replace("_", "-");
    titleText.textContent = data.title;
    if (stampBox && !window.atlasTime) stampBox.textContent = data.stamp;
    controlNames.forEach(function (span, i) { span.textContent = " " + data.layers[i].title; });
    if (searchInput) {
      searchInput.placeholder = T("Search names, ids, operators\u2026");
      searchInput.setAttribute("aria-label", T("Search the map's features"));
    }
    buildLegend();
    map.closePopup();
    if (window.atlasTime) window.atlasTime.apply();  // the stamp, and the legend's classes of now
    if (window.atlasRelabel) window.atlasRelabel();
    langSelect.value = code;
  }
  var langCtl = L.control({position: "topright"}), langSelect = el("select");
  langSelect.id = "atlas-lang";
  langCtl.onAdd = function () {
    var box = el("div", "leaflet-bar atlas-lang");
    langSelect.setAttribute("aria-label", "Language / 语言 / 語言");
    data.langs.forEach(function (l) {
      var o = el("option", null, l[1]);
      o.value = l[0];
      langSelect.appendChild(o);
    });
    langSelect.value = LANG;
    langSelect.addEventListener("change", function () { setLanguage(langSelect.value); });
    box.appendChild(langSelect);
    L.DomEvent.disableClickPropagation(box);
    return box;
  };
  if (data.langs && data.langs.length > 1) langCtl.addTo(map);
  window.atlasSetLanguage = setLanguage;
  window.atlasLayers = groups;
})();
