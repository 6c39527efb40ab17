// The page of `buttress report`: draws the data of the script element #data with d3 (SVG)
// and ELK (layout). window.buttressReport tells a test how far it got.
(function () {
  'use strict';
  var state = window.buttressReport = { ready: false, errors: [], layouts: 0, boxes: 0, layoutMs: 0 };
  window.addEventListener('error', function (e) { state.errors.push(String(e.message || e)); });
  window.addEventListener('unhandledrejection', function (e) { state.errors.push(String(e.reason && e.reason.stack || e.reason)); });

  state.phases = {};
  var tPhase = performance.now();
  function phase(name) { var now = performance.now(); state.phases[name] = Math.round(now - tPhase); tPhase = now; }
  var D = JSON.parse(document.getElementById('data').textContent);
  phase('parse');
  var M = D.modules || [], E = D.edges || [], F = D.findings || [];
  var byName = new Map();
  M.forEach(function (m, i) { byName.set(m.n, i); });

  function within(m, pkg) { return m === pkg || (m.length > pkg.length && m.charCodeAt(pkg.length) === 46 && m.lastIndexOf(pkg, 0) === 0); }
  function parentName(n) { var i = n.lastIndexOf('.'); return i < 0 ? '' : n.slice(0, i); }
  function lastPart(n) { return n.slice(n.lastIndexOf('.') + 1); }
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text != null) e.textContent = text;
    return e;
  }
  function loc(p, l) { return p + (l ? ':' + l : ''); }
  function fmt(n) { return n.toLocaleString('en-US'); }

  // ---- The package tree: every module and every package above one.
  var nodes = new Map(); // name -> node
  var roots = [];
  function node(name) {
    var n = nodes.get(name);
    if (n) return n;
    n = { id: name, children: [], module: -1, depth: 0, count: 0, fn: 0, ann: 0, sl: 0, sa: 0, cx: 0, churn: 0, cycle: false, broken: 0 };
    nodes.set(name, n);
    var p = parentName(name);
    if (p) { n.parent = node(p); n.parent.children.push(n); n.depth = n.parent.depth + 1; } else { roots.push(n); }
    return n;
  }
  M.forEach(function (m, i) { node(m.n).module = i; });
  var inCycle = new Int32Array(M.length).fill(-1);
  (D.cycles || []).forEach(function (set, ci) { set.forEach(function (i) { inCycle[i] = ci; }); });
  // Findings that break a contract: by importer and imported module.
  var violations = new Map(); // "from|to" (module indices) -> [finding index]
  var brokenOut = new Int32Array(M.length);
  F.forEach(function (f, fi) {
    if (f.c.lastIndexOf('ARCH', 0) !== 0 || !f.s) return;
    var parts = f.s.split(' -> ');
    if (parts.length !== 2) return;
    var a = byName.get(parts[0]);
    var b = parts[1];
    while (b && !byName.has(b)) b = parentName(b);
    if (a === undefined) return;
    brokenOut[a]++;
    if (!b) return;
    var key = a + '|' + byName.get(b);
    if (!violations.has(key)) violations.set(key, []);
    violations.get(key).push(fi);
  });
  // Module-level edges, plus the contract-breaking pairs without a direct import (chains).
  var modEdges = E.map(function (e) { return { s: e.s, t: e.t, n: e.n, p: e.p, l: e.l }; });
  var haveEdge = new Set(E.map(function (e) { return e.s + '|' + e.t; }));
  violations.forEach(function (fis, key) {
    if (!haveEdge.has(key)) { var st = key.split('|'); modEdges.push({ s: +st[0], t: +st[1], n: 0, virtual: true }); }
  });
  var out = M.map(function () { return []; });
  E.forEach(function (e, i) { out[e.s].push(i); });

  // Totals per tree node.
  M.forEach(function (m, i) {
    for (var n = nodes.get(m.n); n; n = n.parent) {
      n.count++; n.fn += m.f || 0; n.ann += m.a || 0; n.sl += m.sl || 0; n.sa += m.sa || 0; n.cx += m.c || 0; n.churn += m.ch || 0;
      if (inCycle[i] >= 0) n.cycle = true;
      n.broken += brokenOut[i];
    }
  });
  function sortTree(list) { list.sort(function (a, b) { return a.id < b.id ? -1 : 1; }); list.forEach(function (n) { sortTree(n.children); }); }
  sortTree(roots);

  phase('tree');
  // ---- Opening depth: open packages level by level while the boxes stay readable.
  var MAX_BOXES = 30;
  var expanded = new Set();
  function openingDepth() {
    var level = roots, closedAbove = 0, depth = 0;
    for (;;) {
      var next = [], leaves = 0;
      level.forEach(function (n) { if (n.children.length) next = next.concat(n.children); else leaves++; });
      if (!next.length) return depth;
      if (closedAbove + leaves + next.length > MAX_BOXES && !(depth === 0 && roots.length === 1)) return depth;
      closedAbove += leaves; level = next; depth++;
    }
  }
  var DEPTH0 = openingDepth();
  function resetExpanded() {
    expanded = new Set();
    (function walk(list) { list.forEach(function (n) { if (n.depth < DEPTH0 && n.children.length) { expanded.add(n.id); walk(n.children); } }); })(roots);
  }
  resetExpanded();

  // rep: the box a module is drawn in (its outermost closed ancestor, or itself).
  function repOf(i) {
    var chain = [];
    for (var n = nodes.get(M[i].n); n; n = n.parent) chain.push(n);
    for (var k = chain.length - 1; k >= 0; k--) { if (!expanded.has(chain[k].id)) return chain[k]; }
    return chain[0];
  }

  // ---- Layers: which layer (of the first layers contract) a box is in.
  var layerSets = [];
  if (D.layers && D.layers.length) {
    var lc = D.layers[0];
    lc.layers.forEach(function (mods, li) {
      var names = [];
      mods.forEach(function (m) {
        if (lc.containers && lc.containers.length) lc.containers.forEach(function (c) { names.push(c + '.' + m); });
        else names.push(m);
      });
      layerSets.push(names);
    });
  }
  function layerOf(id) {
    for (var li = 0; li < layerSets.length; li++) {
      for (var k = 0; k < layerSets[li].length; k++) if (within(id, layerSets[li][k])) return li;
    }
    return -1;
  }

  // ---- The graph view.
  var svg = d3.select('#graph-svg');
  var viewport = svg.append('g').attr('class', 'viewport');
  var zoom = d3.zoom().scaleExtent([0.02, 4]).on('zoom', function (ev) { viewport.attr('transform', ev.transform); });
  svg.call(zoom).on('dblclick.zoom', null);
  var elk = new ELK();
  var pos = new Map(); // box id -> {x, y, w, h}
  var visEdges = [];
  var whyMode = false, picked = null;
  var statusEl = document.getElementById('graph-status');

  function textWidth(s) { return Math.max(40, s.length * 7 + 18); }

  function build(partitions) {
    var graph = { id: '<root>', layoutOptions: {
      'elk.algorithm': 'layered', 'elk.direction': 'DOWN', 'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
      'elk.layered.spacing.nodeNodeBetweenLayers': '36', 'elk.spacing.nodeNode': '14',
      'elk.edgeRouting': 'POLYLINE', // the page draws its own edges: the cheapest routing
      'elk.partitioning.activate': partitions ? 'true' : 'false'
    }, children: [], edges: [] };
    var visible = [];
    function add(n, into) {
      var label = n.parent && expanded.has(n.parent.id) ? lastPart(n.id) : n.id;
      var item = { id: n.id };
      var li = layerOf(n.id);
      if (expanded.has(n.id)) {
        item.children = [];
        item.layoutOptions = { 'elk.padding': '[top=26,left=10,bottom=10,right=10]', 'elk.partitioning.activate': partitions ? 'true' : 'false' };
        item.width = textWidth(label); item.height = 30;
        n.children.forEach(function (c) { add(c, item.children); });
      } else {
        item.width = textWidth(label + (n.children.length ? ' +' + n.count : '')); item.height = 26;
      }
      if (partitions && li >= 0) { item.layoutOptions = item.layoutOptions || {}; item.layoutOptions['elk.partitioning.partition'] = String(li); }
      visible.push({ node: n, label: label, open: expanded.has(n.id) });
      into.push(item);
    }
    roots.forEach(function (n) { add(n, graph.children); });
    // Edges between boxes, weighted by imports.
    var agg = new Map();
    var reps = M.map(function (m, i) { return repOf(i); });
    modEdges.forEach(function (e, ei) {
      var a = reps[e.s], b = reps[e.t];
      if (a === b || within(a.id, b.id) || within(b.id, a.id)) return;
      var key = a.id + '\u0000' + b.id;
      var v = agg.get(key);
      if (!v) { v = { a: a, b: b, n: 0, mods: [], red: false, cycle: false }; agg.set(key, v); }
      v.n += e.n; v.mods.push(ei);
      if (violations.has(e.s + '|' + e.t)) v.red = true;
      if (inCycle[e.s] >= 0 && inCycle[e.s] === inCycle[e.t]) v.cycle = true;
    });
    visEdges = Array.from(agg.values());
    visEdges.forEach(function (v, k) { v.id = 'e' + k; });
    // ELK's layered layout slows with the edges (each long one becomes a chain of dummy
    // nodes): past a few dozen boxes it gets a backbone, each box's heaviest imports and
    // every edge that breaks a contract, and faster settings. Every edge is still drawn.
    var big = visible.length > 40 || visEdges.length > 120;
    var laid = visEdges;
    if (big) {
      var keep = new Set(), byFrom = new Map(), byTo = new Map();
      visEdges.forEach(function (v) {
        if (v.red) keep.add(v);
        (byFrom.get(v.a) || byFrom.set(v.a, []).get(v.a)).push(v);
        (byTo.get(v.b) || byTo.set(v.b, []).get(v.b)).push(v);
      });
      var heaviest = function (list, k) { list.sort(function (x, y) { return y.n - x.n; }).slice(0, k).forEach(function (v) { keep.add(v); }); };
      byFrom.forEach(function (list) { heaviest(list, 2); });
      byTo.forEach(function (list) { heaviest(list, 1); });
      laid = Array.from(keep);
      graph.layoutOptions['elk.layered.thoroughness'] = '1';
      graph.layoutOptions['elk.layered.crossingMinimization.greedySwitch.type'] = 'OFF';
      // Edges pass between the boxes closer: a smaller drawing.
      graph.layoutOptions['elk.spacing.edgeEdge'] = '4';
      graph.layoutOptions['elk.spacing.edgeNode'] = '6';
      graph.layoutOptions['elk.layered.spacing.edgeNodeBetweenLayers'] = '6';
      graph.layoutOptions['elk.layered.spacing.edgeEdgeBetweenLayers'] = '4';
    }
    laid.forEach(function (v) { graph.edges.push({ id: v.id, sources: [v.a.id], targets: [v.b.id] }); });
    state.laidEdges = laid.length;
    return { graph: graph, visible: visible };
  }

  function layout(then) {
    var t0 = performance.now();
    var usePartitions = layerSets.length > 0;
    var b = build(usePartitions);
    statusEl.textContent = 'Laying out ' + fmt(b.visible.length) + ' boxes and ' + fmt(visEdges.length) + ' edges…';
    var run = function (bb, parts) {
      return elk.layout(bb.graph).catch(function (err) {
        if (!parts) throw err;
        var again = build(false); // partitions refused: lay out without them
        b = again;
        return elk.layout(again.graph);
      });
    };
    run(b, usePartitions).then(function (res) {
      pos = new Map();
      (function walk(list, ox, oy) {
        (list || []).forEach(function (c) {
          pos.set(c.id, { x: ox + c.x, y: oy + c.y, w: c.width, h: c.height });
          walk(c.children, ox + c.x, oy + c.y);
        });
      })(res.children, 0, 0);
      draw(b.visible, res);
      state.layouts++;
      state.layoutMs = Math.round(performance.now() - t0);
      statusEl.textContent = fmt(b.visible.length) + ' boxes, ' + fmt(visEdges.length) + ' edges (' + fmt(M.length) + ' modules); laid out in ' + state.layoutMs + ' ms. Click a package to open it, an open package\'s name to close it.';
      if (then) then();
      if (!state.ready) state.readyMs = Math.round(performance.now());
      state.ready = true;
    }).catch(function (err) { state.errors.push('layout: ' + (err && err.message || err)); statusEl.textContent = 'layout failed: ' + err; });
  }

  function fit() {
    var w = svg.node().clientWidth || 1000, h = svg.node().clientHeight || 600;
    var minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    pos.forEach(function (p) { minX = Math.min(minX, p.x); minY = Math.min(minY, p.y); maxX = Math.max(maxX, p.x + p.w); maxY = Math.max(maxY, p.y + p.h); });
    if (!isFinite(minX)) return;
    var gw = maxX - minX + 160, gh = maxY - minY + 40;
    var k = Math.min(1.2, 0.95 * Math.min(w / gw, h / gh));
    var tx = (w - k * gw) / 2 - k * (minX - 150), ty = 20 - k * minY;
    if (k < 0.3) { k = 0.3; tx = 10 - k * (minX - 150); } // past this the names are unreadable: pan instead
    svg.call(zoom.transform, d3.zoomIdentity.translate(tx, ty).scale(k));
  }

  function centerOn(id) {
    var p = pos.get(id); if (!p) return;
    var w = svg.node().clientWidth || 1000, h = svg.node().clientHeight || 600;
    var k = Math.max(d3.zoomTransform(svg.node()).k, 0.8);
    svg.call(zoom.transform, d3.zoomIdentity.translate(w / 2 - k * (p.x + p.w / 2), h / 2 - k * (p.y + p.h / 2)).scale(k));
  }

  function edgePath(v) {
    var a = pos.get(v.a.id), b = pos.get(v.b.id);
    if (!a || !b) return null;
    var x1 = a.x + a.w / 2, y1 = a.y + a.h, x2 = b.x + b.w / 2, y2 = b.y;
    if (b.y + b.h <= a.y) { y1 = a.y; y2 = b.y + b.h; } // upwards
    else if (b.y < a.y + a.h) { // side by side
      y1 = a.y + a.h / 2; y2 = b.y + b.h / 2;
      if (b.x > a.x) { x1 = a.x + a.w; x2 = b.x; } else { x1 = a.x; x2 = b.x + b.w; }
      var mx = (x1 + x2) / 2;
      return 'M' + x1 + ',' + y1 + 'C' + mx + ',' + (y1 - 30) + ' ' + mx + ',' + (y2 - 30) + ' ' + x2 + ',' + y2;
    }
    var my = (y1 + y2) / 2;
    return 'M' + x1 + ',' + y1 + 'C' + x1 + ',' + my + ' ' + x2 + ',' + my + ' ' + x2 + ',' + y2;
  }

  function draw(visible) {
    viewport.selectAll('*').remove();
    var bands = viewport.append('g').attr('class', 'bands');
    var boxes = viewport.append('g').attr('class', 'boxes');
    var edges = viewport.append('g').attr('class', 'edges');
    // Layer bands, in declared order, behind everything.
    if (layerSets.length) {
      var minX = Infinity, maxX = -Infinity;
      pos.forEach(function (p) { minX = Math.min(minX, p.x); maxX = Math.max(maxX, p.x + p.w); });
      layerSets.forEach(function (names, li) {
        var y0 = Infinity, y1 = -Infinity;
        visible.forEach(function (v) { if (layerOf(v.node.id) === li && !(v.open && v.node.children.some(function (c) { return layerOf(c.id) === li; }) && false)) { var p = pos.get(v.node.id); if (p) { y0 = Math.min(y0, p.y); y1 = Math.max(y1, p.y + p.h); } } });
        if (!isFinite(y0)) return;
        var g = bands.append('g').attr('class', 'band').attr('data-layer', String(li));
        g.append('rect').attr('class', 'band').attr('x', minX - 150).attr('y', y0 - 6).attr('width', maxX - minX + 160).attr('height', y1 - y0 + 12)
          .attr('fill', li % 2 ? '#fff4cc' : '#ffe9a8').attr('fill-opacity', 0.55);
        g.append('text').attr('class', 'band-label').attr('x', minX - 144).attr('y', y0 + 10).text((li + 1) + '. ' + names.join(' | '));
      });
    }
    var depthOrder = visible.slice().sort(function (a, b) { return a.node.depth - b.node.depth; });
    depthOrder.forEach(function (v) {
      var p = pos.get(v.node.id); if (!p) return;
      var n = v.node;
      var cls = 'box' + (n.children.length ? ' pkg' : '') + (v.open ? ' open' : '') + (n.cycle ? ' cycle' : '') + (n.broken ? ' broken' : '');
      var g = boxes.append('g').attr('class', cls).attr('data-module', n.id).attr('transform', 'translate(' + p.x + ',' + p.y + ')');
      g.append('rect').attr('width', p.w).attr('height', p.h);
      var label = v.label + (!v.open && n.children.length ? ' +' + n.count : '');
      g.append('text').attr('x', 8).attr('y', v.open ? 17 : 17).text(label);
      g.append('title').text(n.id + (n.children.length ? ' (' + fmt(n.count) + ' modules)' : '') + (n.cycle ? '\nin an import cycle' : '') + (n.broken ? '\n' + n.broken + ' contract finding(s) on its imports' : ''));
      g.on('click', function (ev) {
        ev.stopPropagation();
        if (whyMode) return pick(n);
        if (v.open) {
          // Only the label strip closes an open package: clicks inside go to its children.
          var pt = d3.pointer(ev, g.node());
          if (pt[1] <= 26) { expanded.delete(n.id); collapseBelow(n); layout(); }
          return;
        }
        if (n.children.length) { expanded.add(n.id); layout(function () { centerOn(n.id); }); return; }
        showModule(n);
      });
    });
    visEdges.forEach(function (v) {
      var d = edgePath(v); if (!d) return;
      var cls = 'edge' + (v.red ? ' red' : '') + (v.cycle ? ' cycle' : '');
      var w = v.n > 0 ? Math.min(8, 1 + Math.log2(v.n)) : 1.5;
      edges.append('path').attr('class', cls).attr('d', d).attr('stroke-width', v.red ? Math.max(w, 2.5) : w)
        .attr('marker-end', null).attr('data-from', v.a.id).attr('data-to', v.b.id).attr('data-imports', v.n);
      var hit = edges.append('path').attr('class', 'hit' + (v.red ? ' red-hit' : '')).attr('d', d).attr('data-from', v.a.id).attr('data-to', v.b.id);
      hit.append('title').text(v.a.id + ' → ' + v.b.id + ': ' + fmt(v.n) + ' import(s)' + (v.red ? ', breaks a contract' : '') + (v.cycle ? ', in a cycle' : ''));
      hit.on('click', function (ev) { ev.stopPropagation(); showEdge(v); });
    });
    state.boxes = boxes.selectAll('g.box').size();
    if (!state.layouts) fit();
  }

  function collapseBelow(n) { n.children.forEach(function (c) { expanded.delete(c.id); collapseBelow(c); }); }

  // ---- The details panel.
  var details = document.getElementById('details'), detailsBody = document.getElementById('details-body');
  document.getElementById('details-close').addEventListener('click', function () { details.hidden = true; clearChain(); });
  function openDetails(title) {
    detailsBody.textContent = '';
    detailsBody.appendChild(el('h3', null, title));
    details.hidden = false;
    return detailsBody;
  }
  function findingItem(fi) {
    var f = F[fi];
    var li = el('div', { 'class': 'finding-item' });
    var a = el('a', { href: '#rule-' + f.c, 'class': 'code' }, f.c);
    li.appendChild(a); li.appendChild(document.createTextNode(' ' + f.m + ' '));
    li.appendChild(el('span', { 'class': 'loc' }, loc(f.p, f.l)));
    if (f.h && f.h.length) {
      var ol = el('ol', { 'class': 'chain' });
      f.h.forEach(function (h) { var x = el('li'); x.appendChild(el('span', { 'class': 'loc' }, loc(h.p, h.l))); x.appendChild(document.createTextNode(' ' + h.m)); ol.appendChild(x); });
      li.appendChild(ol);
    }
    return li;
  }
  function showEdge(v) {
    var body = openDetails(v.a.id + ' → ' + v.b.id);
    body.setAttribute('data-edge', v.a.id + ' -> ' + v.b.id);
    body.appendChild(el('p', null, fmt(v.n) + ' import statement(s)' + (v.cycle ? '; part of an import cycle' : '') + '.'));
    var fis = [];
    v.mods.forEach(function (ei) { var e = modEdges[ei]; var vs = violations.get(e.s + '|' + e.t); if (vs) fis = fis.concat(vs); });
    if (fis.length) {
      body.appendChild(el('h4', null, 'Contract findings'));
      var box = el('div', { 'class': 'findings-of-edge' });
      fis.forEach(function (fi) { box.appendChild(findingItem(fi)); });
      body.appendChild(box);
    }
    body.appendChild(el('h4', null, 'Imports'));
    var ul = el('ul');
    v.mods.slice(0, 50).forEach(function (ei) {
      var e = modEdges[ei];
      var x = el('li');
      x.appendChild(document.createTextNode(M[e.s].n + ' → ' + M[e.t].n + (e.virtual ? ' (through a chain)' : ' (' + e.n + ') ')));
      if (!e.virtual) x.appendChild(el('span', { 'class': 'loc' }, loc(e.p, e.l)));
      ul.appendChild(x);
    });
    if (v.mods.length > 50) ul.appendChild(el('li', null, '… and ' + (v.mods.length - 50) + ' more'));
    body.appendChild(ul);
  }
  function showModule(n) {
    var m = M[n.module];
    var body = openDetails(n.id);
    if (m) {
      body.appendChild(el('p', { 'class': 'loc' }, m.p || '(namespace package)'));
      body.appendChild(el('p', null, fmt(m.l || 0) + ' lines, ' + fmt(m.f || 0) + ' functions (' + fmt(m.a || 0) + ' fully annotated), complexity ' + fmt(m.c || 0) + (D.churn ? ', churn ' + fmt(m.ch || 0) + ' lines in ' + fmt(m.co || 0) + ' commits' : '')));
      var imps = out[n.module].map(function (ei) { return M[E[ei].t].n; });
      body.appendChild(el('p', null, 'Imports: ' + (imps.length ? imps.join(', ') : 'no first-party module')));
    }
    var fis = [];
    F.forEach(function (f, fi) { if (f.x === n.module) fis.push(fi); });
    if (fis.length) { body.appendChild(el('h4', null, fis.length + ' finding(s)')); fis.slice(0, 100).forEach(function (fi) { body.appendChild(findingItem(fi)); }); }
  }

  // ---- Why does A import B: the shortest chain from a module in A to a module in B.
  var whyBtn = document.getElementById('why-mode');
  whyBtn.addEventListener('click', function () {
    whyMode = !whyMode; picked = null; clearChain();
    whyBtn.classList.toggle('on', whyMode);
    statusEl.textContent = whyMode ? 'Click the importing box, then the imported one.' : '';
  });
  function clearChain() {
    viewport.selectAll('.picked,.onchain').classed('picked', false).classed('onchain', false);
    viewport.selectAll('path.chain').classed('chain', false);
  }
  function pick(n) {
    if (!picked) { clearChain(); picked = n; viewport.selectAll('g.box').filter(function () { return this.getAttribute('data-module') === n.id; }).classed('picked', true); statusEl.textContent = 'From ' + n.id + ': now click the imported box.'; return; }
    var a = picked; picked = null;
    var chain = whyChain(a.id, n.id);
    var body = openDetails('Why does ' + a.id + ' import ' + n.id + '?');
    body.setAttribute('data-why', a.id + ' -> ' + n.id);
    if (!chain) { body.appendChild(el('p', { 'class': 'why-none' }, a.id + ' does not import ' + n.id + ', even indirectly.')); return; }
    body.appendChild(el('p', null, 'The shortest chain, ' + chain.length + ' import(s):'));
    var ol = el('ol', { 'class': 'chain why-chain' });
    chain.forEach(function (ei) {
      var e = E[ei]; var x = el('li');
      x.appendChild(document.createTextNode(M[e.s].n + ' imports ' + M[e.t].n + ' '));
      x.appendChild(el('span', { 'class': 'loc' }, loc(e.p, e.l)));
      ol.appendChild(x);
    });
    body.appendChild(ol);
    var onChain = new Set();
    chain.forEach(function (ei) { onChain.add(repOf(E[ei].s).id); onChain.add(repOf(E[ei].t).id); });
    viewport.selectAll('g.box').classed('onchain', function () { return onChain.has(this.getAttribute('data-module')); });
    viewport.selectAll('path.edge').classed('chain', function () { return onChain.has(this.getAttribute('data-from')) && onChain.has(this.getAttribute('data-to')); });
  }
  function whyChain(a, b) {
    var prev = new Int32Array(M.length).fill(-2), queue = [];
    M.forEach(function (m, i) { if (within(m.n, a)) { prev[i] = -1; queue.push(i); } });
    for (var q = 0; q < queue.length; q++) {
      var i = queue[q];
      if (within(M[i].n, b) && prev[i] !== -1) {
        var chain = [];
        for (var k = i; prev[k] >= 0; k = E[prev[k]].s) chain.push(prev[k]);
        return chain.reverse();
      }
      var os = out[i];
      for (var j = 0; j < os.length; j++) { var t = E[os[j]].t; if (prev[t] === -2) { prev[t] = os[j]; queue.push(t); } }
    }
    return null;
  }

  // ---- Search.
  var search = document.getElementById('search'), searchResult = document.getElementById('search-result');
  function matches(q) {
    q = q.trim().toLowerCase(); if (!q) return [];
    var exact = [], prefix = [], part = [];
    nodes.forEach(function (n) {
      var s = n.id.toLowerCase();
      if (s === q) exact.push(n.id); else if (s.lastIndexOf(q, 0) === 0 || lastPart(s) === q) prefix.push(n.id); else if (s.indexOf(q) >= 0) part.push(n.id);
    });
    return exact.concat(prefix.sort(), part.sort());
  }
  function reveal(id) {
    var n = nodes.get(id); if (!n) return;
    for (var p = n.parent; p; p = p.parent) expanded.add(p.id);
    layout(function () {
      viewport.selectAll('g.box').classed('found', function () { return this.getAttribute('data-module') === id; });
      centerOn(id);
      searchResult.setAttribute('data-found', id);
    });
  }
  search.addEventListener('input', function () {
    var ms = matches(search.value);
    searchResult.textContent = '';
    searchResult.removeAttribute('data-found');
    if (!search.value.trim()) return;
    if (!ms.length) { searchResult.textContent = 'no module matches'; return; }
    searchResult.appendChild(document.createTextNode(fmt(ms.length) + ' match(es): '));
    ms.slice(0, 8).forEach(function (id) { var b = el('button', { type: 'button', 'data-target': id }, id); b.addEventListener('click', function () { reveal(id); }); searchResult.appendChild(b); });
  });
  search.addEventListener('keydown', function (ev) { if (ev.key === 'Enter') { var ms = matches(search.value); if (ms.length) reveal(ms[0]); } });

  document.getElementById('expand-more').addEventListener('click', function () {
    var add = [];
    nodes.forEach(function (n) { if (n.children.length && !expanded.has(n.id) && (!n.parent || expanded.has(n.parent.id))) add.push(n.id); });
    add.forEach(function (id) { expanded.add(id); });
    layout();
  });
  document.getElementById('collapse-all').addEventListener('click', function () { resetExpanded(); state.layouts = 0; layout(); });

  // ---- Summary line.
  (function () {
    var s = document.getElementById('summary');
    var nCycles = (D.cycles || []).length, broken = 0;
    F.forEach(function (f) { if (f.c.lastIndexOf('ARCH', 0) === 0) broken++; });
    s.textContent = fmt(M.length) + ' modules, ' + fmt(E.length) + ' imported pairs, ' + fmt(F.length) + ' findings (' + fmt(broken) + ' on contracts), ' + fmt(nCycles) + ' import cycle(s)' + (D.baseline ? '; baseline ' + D.baseline : '') + '; buttress ' + D.version;
  })();

  // ---- Findings.
  var sections = [];
  sections.push(function () {
    var tbody = document.querySelector('#findings-table tbody');
    var filter = document.getElementById('filter'), onlyNew = document.getElementById('only-new'), count = document.getElementById('filter-count');
    if (!D.baseline) onlyNew.parentNode.hidden = true;
    var LIMIT = 300;
    function pkgOf(f) { return f.x >= 0 ? (M[f.x].k ? M[f.x].n : parentName(M[f.x].n) || M[f.x].n) : ''; }
    var rows = F.map(function (f) { var pkg = pkgOf(f); return { f: f, pkg: pkg, text: (f.c + ' ' + f.r + ' ' + pkg + ' ' + f.p + ' ' + f.m).toLowerCase() }; });
    function render() {
      var terms = filter.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0, total = 0;
      var frag = document.createDocumentFragment();
      rows.forEach(function (r) {
        if (onlyNew.checked && !r.f.nw) return;
        for (var k = 0; k < terms.length; k++) if (r.text.indexOf(terms[k]) < 0) return;
        total++;
        if (shown >= LIMIT) return;
        shown++;
        var tr = el('tr', { 'data-code': r.f.c, 'class': r.f.nw ? 'new' : '' });
        var td = el('td'); td.appendChild(el('a', { href: '#rule-' + r.f.c, 'class': 'code' }, r.f.c)); tr.appendChild(td);
        tr.appendChild(el('td', null, r.f.r));
        tr.appendChild(el('td', null, r.pkg));
        tr.appendChild(el('td', { 'class': 'file' }, loc(r.f.p, r.f.l) + (r.f.o ? ':' + r.f.o : '')));
        var msg = el('td', { 'class': 'msg' }, r.f.m);
        if (r.f.h && r.f.h.length) msg.title = r.f.h.map(function (h) { return loc(h.p, h.l) + ' ' + h.m; }).join('\n');
        tr.appendChild(msg);
        frag.appendChild(tr);
      });
      tbody.textContent = '';
      tbody.appendChild(frag);
      count.textContent = total > shown ? 'showing ' + fmt(shown) + ' of ' + fmt(total) : fmt(total) + ' finding(s)';
    }
    // Counts by rule: a click filters.
    var byCode = new Map();
    F.forEach(function (f) { byCode.set(f.c, (byCode.get(f.c) || 0) + 1); });
    var sum = document.getElementById('findings-summary');
    Array.from(byCode.keys()).sort().forEach(function (c) {
      var b = el('button', { type: 'button', 'data-code': c, title: (D.rules[c] || {}).summary || '' }, c + ' ' + ((D.rules[c] || {}).name || '') + ' · ' + byCode.get(c));
      b.addEventListener('click', function () { filter.value = filter.value === c ? '' : c; render(); });
      sum.appendChild(b);
    });
    var t;
    filter.addEventListener('input', function () { clearTimeout(t); t = setTimeout(render, 120); });
    onlyNew.addEventListener('change', render);
    render();
  });

  // ---- Rules.
  sections.push(function () {
    var list = document.getElementById('rules-list');
    Object.keys(D.rules || {}).sort().forEach(function (c) {
      var r = D.rules[c];
      var div = el('div', { 'class': 'rule', id: 'rule-' + c });
      div.appendChild(el('h3', null, c + ' ' + r.name));
      if (r.summary) div.appendChild(el('p', null, r.summary));
      if (r.help) div.appendChild(el('p', { 'class': 'muted' }, r.help));
      if (r.bad) { div.appendChild(el('p', null, 'Reported:')); div.appendChild(el('pre', null, r.bad)); }
      if (r.good) { div.appendChild(el('p', null, 'Better:')); div.appendChild(el('pre', null, r.good)); }
      if (r.url) { var pl = el('p'); pl.appendChild(el('a', { href: r.url, 'class': 'rule-doc', rel: 'noopener' }, 'Documentation of ' + c)); div.appendChild(pl); }
      list.appendChild(div);
    });
  });

  // ---- Coverage treemap: two levels at a time; a click looks inside a package.
  sections.push(function () {
    var holder = document.getElementById('treemap');
    var W = Math.max(600, holder.clientWidth || 1000), H = 460;
    var color = function (n) { return n.sl ? d3.interpolateRdYlGn(n.sa / n.sl) : '#ddd'; };
    var pct = function (n) { return n.sl ? (100 * n.sa / n.sl).toFixed(1) + '%' : '100%'; };
    function show(top) {
      holder.textContent = '';
      var title = el('div', { 'class': 'tm-title' });
      var path = [];
      for (var p = top; p; p = p.parent) path.unshift(p);
      var rootLink = el('button', { type: 'button' }, 'all packages');
      rootLink.addEventListener('click', function () { show(null); });
      title.appendChild(rootLink);
      path.forEach(function (p) { var b = el('button', { type: 'button' }, p.id); b.addEventListener('click', function () { show(p); }); title.appendChild(document.createTextNode(' › ')); title.appendChild(b); });
      var cov = top ? top : { fn: 0, sl: 0, sa: 0 };
      if (!top) roots.forEach(function (r) { cov.fn += r.fn; cov.sl += r.sl; cov.sa += r.sa; });
      title.appendChild(el('span', { 'class': 'muted' }, '  ' + (cov.fn ? pct(cov) + ' annotated (' + fmt(cov.sa) + ' of ' + fmt(cov.sl) + ' parameters and returns) in ' + fmt(cov.fn) + ' functions' : 'no function')));
      holder.appendChild(title);
      var kids = top ? top.children : roots;
      var data = { id: top ? top.id : '', children: kids.filter(function (k) { return k.fn > 0; }).map(function (k) {
        return { n: k, children: k.children.filter(function (c) { return c.fn > 0; }).map(function (c) { return { n: c, value: c.fn }; }), value: k.children.length ? undefined : k.fn };
      }) };
      var second = 0;
      data.children.forEach(function (d) { second += d.children.length; });
      if (second > 400) data.children.forEach(function (d) { d.children = []; }); // too many to read: one level
      data.children.forEach(function (d) { if (!d.children.length) { delete d.children; d.value = d.n.fn; } else if (d.n.module >= 0 && M[d.n.module].f) { d.children.push({ n: { id: d.n.id + ' (__init__)', fn: M[d.n.module].f, sl: M[d.n.module].sl || 0, sa: M[d.n.module].sa || 0, children: [] }, value: M[d.n.module].f }); } });
      var root = d3.hierarchy(data).sum(function (d) { return d.value || 0; }).sort(function (a, b) { return b.value - a.value; });
      d3.treemap().size([W, H]).paddingTop(function (d) { return d.depth === 1 ? 16 : 0; }).paddingInner(1).round(true)(root);
      var svgT = d3.select(holder).append('svg').attr('width', W).attr('height', H);
      var cell = svgT.selectAll('g').data(root.descendants().filter(function (d) { return d.depth > 0; })).join('g')
        .attr('transform', function (d) { return 'translate(' + d.x0 + ',' + d.y0 + ')'; }).attr('data-module', function (d) { return d.data.n.id; });
      cell.append('rect').attr('width', function (d) { return Math.max(0, d.x1 - d.x0); }).attr('height', function (d) { return Math.max(0, d.y1 - d.y0); })
        .attr('fill', function (d) { return d.depth === 1 && d.children ? '#455a64' : color(d.data.n); })
        .on('click', function (ev, d) { var n = d.data.n; if (n.children && n.children.length) show(n); else if (d.parent && d.parent.data.n && d.parent.data.n.children) show(d.parent.data.n); });
      cell.append('title').text(function (d) { var n = d.data.n; return n.id + ': ' + pct(n) + ' annotated, ' + fmt(n.fn) + ' functions'; });
      cell.append('text').attr('x', 3).attr('y', 12).attr('fill', function (d) { return d.depth === 1 && d.children ? '#fff' : '#111'; })
        .text(function (d) { var w = d.x1 - d.x0; var s = lastPart(d.data.n.id); return w > s.length * 6.5 && d.y1 - d.y0 > 14 ? s : ''; });
    }
    show(roots.length === 1 ? roots[0] : null);
  });

  // ---- Hotspots: complexity × churn.
  sections.push(function () {
    var hint = document.getElementById('hotspots-hint');
    var withChurn = !!D.churn;
    hint.textContent = withChurn
      ? 'Complexity (total cyclomatic complexity of a module\'s functions) × churn (lines added and removed since ' + D.churn_from + ', from git). Top right: complex code that keeps changing.'
      : 'Not a git repository (or --no-git): ranked by complexity alone.';
    var ms = M.map(function (m, i) { return { i: i, m: m, cx: m.c || 0, ch: m.ch || 0, score: (m.c || 0) * (withChurn ? (m.ch || 0) : 1) }; }).filter(function (h) { return h.cx > 0; });
    ms.sort(function (a, b) { return b.score - a.score || b.cx - a.cx; });
    var top = ms.slice(0, 25);
    var tbody = document.querySelector('#hotspots-table tbody');
    top.forEach(function (h) {
      var tr = el('tr', { 'data-module': h.m.n });
      tr.appendChild(el('td', null, h.m.n));
      tr.appendChild(el('td', null, fmt(h.cx)));
      tr.appendChild(el('td', null, withChurn ? fmt(h.ch) : '–'));
      tr.appendChild(el('td', null, withChurn ? fmt(h.m.co || 0) : '–'));
      tr.appendChild(el('td', null, fmt(h.score)));
      tbody.appendChild(tr);
    });
    if (!withChurn || !ms.length) return;
    var W = 720, H = 300, pad = 44;
    var pts = ms.slice(0, 2000);
    var x = d3.scaleSymlog().domain([0, d3.max(pts, function (h) { return h.ch; }) || 1]).range([pad, W - 10]);
    var y = d3.scaleSymlog().domain([0, d3.max(pts, function (h) { return h.cx; }) || 1]).range([H - pad, 10]);
    var s = d3.select('#hotspots-chart').append('svg').attr('width', W).attr('height', H);
    s.append('g').attr('transform', 'translate(0,' + (H - pad) + ')').call(d3.axisBottom(x).ticks(6, '~s'));
    s.append('g').attr('transform', 'translate(' + pad + ',0)').call(d3.axisLeft(y).ticks(6, '~s'));
    s.append('text').attr('x', W / 2).attr('y', H - 8).attr('text-anchor', 'middle').attr('font-size', 12).text('churn (lines changed)');
    s.append('text').attr('transform', 'rotate(-90)').attr('x', -H / 2).attr('y', 12).attr('text-anchor', 'middle').attr('font-size', 12).text('complexity');
    s.selectAll('circle').data(pts).join('circle').attr('cx', function (h) { return x(h.ch); }).attr('cy', function (h) { return y(h.cx); }).attr('r', 4)
      .append('title').text(function (h) { return h.m.n + ': complexity ' + h.cx + ', churn ' + h.ch; });
  });

  // ---- Trends (buttress history), when the data has them.
  sections.push(function () {
    var T = D.trends;
    if (!T || !T.length) return;
    document.getElementById('trends').hidden = false;
    document.getElementById('nav-trends').hidden = false;
    var holder = d3.select('#trends-charts');
    var dates = T.map(function (t) { return new Date(t.date); });
    function chart(title, values) {
      var W = 360, H = 170, pad = 36;
      var x = d3.scaleTime().domain(d3.extent(dates)).range([pad, W - 8]);
      var y = d3.scaleLinear().domain([0, d3.max(values) || 1]).nice().range([H - 24, 18]);
      var s = holder.append('svg').attr('width', W).attr('height', H).attr('class', 'trend').attr('data-trend', title);
      s.append('text').attr('x', pad).attr('y', 12).attr('font-size', 12).text(title);
      s.append('g').attr('transform', 'translate(0,' + (H - 24) + ')').call(d3.axisBottom(x).ticks(4));
      s.append('g').attr('transform', 'translate(' + pad + ',0)').call(d3.axisLeft(y).ticks(4, '~s'));
      s.append('path').attr('fill', 'none').attr('stroke', '#1565c0').attr('stroke-width', 1.5)
        .attr('d', d3.line().x(function (d, i) { return x(dates[i]); }).y(function (d) { return y(d); })(values));
    }
    var families = new Set();
    T.forEach(function (t) { Object.keys(t.findings || {}).forEach(function (c) { families.add(c.replace(/[0-9]+$/, '')); }); });
    Array.from(families).sort().forEach(function (fam) {
      chart('findings ' + fam, T.map(function (t) { var n = 0; Object.keys(t.findings || {}).forEach(function (c) { if (c.replace(/[0-9]+$/, '') === fam) n += t.findings[c]; }); return n; }));
    });
    chart('annotation coverage %', T.map(function (t) { return t.coverage; }));
    chart('import cycles', T.map(function (t) { return t.cycles; }));
    chart('complexity', T.map(function (t) { return t.complexity; }));
  });

  // The graph first; the sections below it once it is drawn.
  layout(function () {
    setTimeout(function () {
      sections.forEach(function (f, i) { f(); phase('section' + i); });
      state.sectionsMs = Math.round(performance.now());
      state.sectionsReady = true;
    }, 0);
  });
})();
