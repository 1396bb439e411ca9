/* dbtlens report: renders the embedded data (gzip-compressed JSON) page by page. No network. */
(function () {
  'use strict';
  var D, N, byId = {}, parents = [], children = [], charts = [];
  var COLORS = { success: '#2e9d5b', pass: '#2e9d5b', warn: '#e0a100', error: '#d64545', fail: '#d64545',
    'runtime error': '#d64545', skipped: '#9aa3af', none: '#b8c0cc' };
  var TYPE_COLORS = { model: '#2f6fde', source: '#7c5cd6', seed: '#14918a', snapshot: '#b26b00',
    exposure: '#c2417a', metric: '#5b7083', semantic_model: '#5b7083', analysis: '#8a8f98', saved_query: '#5b7083' };
  var NOT_IN_LINEAGE = { test: 1, unit_test: 1, group: 1 };
  var PAGE_ROWS = 200, GRAPH_LIMIT = 2500;
  /** Renderers of sections other features add to data.sections (see docs/report.md). */
  var SECTIONS = window.dbtlensSections || {};
  var CRITICAL = '#6d28d9';

  function esc(s) {
    return String(s == null ? '' : s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }
  function $(id) { return document.getElementById(id); }
  function uid(i) { return N[i][0]; } function type(i) { return N[i][1]; } function nm(i) { return N[i][2]; }
  function st(code) { return code == null ? 'none' : D.statuses[code]; }
  function badge(s) { return '<span class="st st-' + esc(String(s).replace(/\s+/g, '-')) + '">' + esc(s) + '</span>'; }
  function link(i) { return '<a href="#/node/' + encodeURIComponent(uid(i)) + '">' + esc(nm(i)) + '</a>'; }
  function fmtTime(ms) { return ms == null ? '' : new Date(ms).toISOString().replace('T', ' ').slice(0, 19) + ' UTC'; }
  function fmtSec(s) { return s == null ? '' : s < 60 ? s.toFixed(2) + ' s' : (s / 60).toFixed(1) + ' min'; }
  function fmtAge(s) { return s == null ? '' : s < 3600 ? Math.round(s / 60) + ' min' : s < 172800 ? (s / 3600).toFixed(1) + ' h' : (s / 86400).toFixed(1) + ' d'; }
  function hist(i) { return D.h[i] || []; }
  function fresh(i) { return D.f[i] || []; }
  /** The node's latest status: its last run result, or for a source its last freshness check. */
  function status(i) {
    var h = hist(i); if (h.length) return st(h[h.length - 1][1]);
    var f = fresh(i); if (f.length) return st(f[f.length - 1][1]);
    return 'none';
  }
  function strip(entries, code) {
    return '<span class="strip">' + entries.map(function (e) {
      var s = st(e[code]);
      return '<i title="' + esc(s + ' · ' + fmtTime(D.inv[e[0]] && D.inv[e[0]][2])) + '" style="background:' + (COLORS[s] || '#9aa3af') + '"></i>';
    }).join('') + '</span>';
  }
  function chart(el, option) {
    var c = echarts.init(el, null, { renderer: 'canvas' });
    option.animation = false;
    c.setOption(option); charts.push(c); return c;
  }
  function table(head, rows, id) {
    var shown = 0, html = '<table' + (id ? ' id="' + id + '"' : '') + '><thead><tr>' +
      head.map(function (h) { return '<th>' + h + '</th>'; }).join('') + '</tr></thead><tbody></tbody></table>';
    var wrap = document.createElement('div'); wrap.innerHTML = html;
    var body = wrap.querySelector('tbody'); var more = document.createElement('button');
    more.className = 'more';
    function page() {
      var chunk = rows.slice(shown, shown + PAGE_ROWS); shown += chunk.length;
      body.insertAdjacentHTML('beforeend', chunk.map(function (r) { return '<tr>' + r.map(function (c) { return '<td' + (typeof c === 'number' ? ' class="num"' : '') + '>' + c + '</td>'; }).join('') + '</tr>'; }).join(''));
      more.hidden = shown >= rows.length; more.textContent = 'Show more (' + (rows.length - shown) + ' left)';
    }
    more.onclick = page; page(); wrap.appendChild(more);
    if (!rows.length) wrap.insertAdjacentHTML('beforeend', '<p class="muted">None.</p>');
    return wrap;
  }
  function section(title, node) {
    var s = document.createElement('section'); s.className = 'panel';
    s.innerHTML = '<h2>' + title + '</h2>'; if (node) s.appendChild(node); return s;
  }
  function lastResultsInvocation() {
    for (var v = D.inv.length - 1; v >= 0; v--) if (D.inv[v][5]) return v;
    return -1;
  }

  // ---------- pages ----------
  function overview(main) {
    var counts = {}; N.forEach(function (r) { counts[r[1]] = (counts[r[1]] || 0) + 1; });
    var v = lastResultsInvocation();
    var html = '<h1>' + esc(D.meta.project || 'dbt project') + ' <span class="muted">· ' + esc(D.meta.environment) + '</span></h1>' +
      '<div class="cards">' + ['model', 'source', 'test', 'seed', 'snapshot', 'exposure'].filter(function (t) { return counts[t]; })
        .map(function (t) { return '<div class="card"><b>' + counts[t] + '</b>' + t + 's</div>'; }).join('') +
      '<div class="card"><b>' + D.inv.length + '</b>invocations</div>' +
      (v >= 0 ? '<div class="card"><b>' + esc(fmtTime(D.inv[v][2]).slice(0, 16)) + '</b>last run (' + esc(D.inv[v][1]) + ')</div>' : '') +
      '</div><div class="grid" id="ov-grid"></div>';
    main.innerHTML = html;
    var grid = $('ov-grid');
    // status counts of the last invocation with results
    var box = document.createElement('div'); box.className = 'chart'; box.id = 'status-chart';
    grid.appendChild(section('Status of the last run' + (v >= 0 ? ' <span class="muted">' + esc(D.inv[v][0].slice(0, 8)) + '</span>' : ''), box));
    var byStatus = {};
    (D.runs[v] || []).forEach(function (r) { var s = st(r[4]); byStatus[s] = (byStatus[s] || 0) + 1; });
    chart(box, { tooltip: {}, series: [{ type: 'pie', radius: ['40%', '70%'], label: { formatter: '{b}: {c}' },
      data: Object.keys(byStatus).map(function (s) { return { name: s, value: byStatus[s], itemStyle: { color: COLORS[s] || '#9aa3af' } }; }) }] });
    // last runs
    var runs = D.inv.slice().reverse().slice(0, 10).map(function (r) {
      var i = D.inv.indexOf(r);
      return ['<a href="#/runs/' + i + '">' + esc(r[0].slice(0, 8)) + '</a>', esc(r[1]), esc(fmtTime(r[2])), fmtSec(r[3])];
    });
    grid.appendChild(section('Last runs', table(['invocation', 'command', 'generated', 'elapsed'], runs)));
    var failing = [], stale = [];
    N.forEach(function (r, i) {
      var s = status(i);
      if ((r[1] === 'test' || r[1] === 'unit_test') && (s === 'fail' || s === 'error' || s === 'warn')) failing.push(i);
      if (r[1] === 'source' && fresh(i).length && s !== 'pass') stale.push(i);
    });
    failing.sort(function (a, b) { return (status(a) === 'warn') - (status(b) === 'warn'); });
    grid.appendChild(section('Failing tests (' + failing.length + ')', table(['test', 'status', 'on', 'history'], failing.map(function (i) {
      return [link(i), badge(status(i)), N[i][8] != null ? link(N[i][8]) : '', strip(hist(i), 1)];
    }), 'failing-tests')));
    grid.appendChild(section('Stale sources (' + stale.length + ')', table(['source', 'status', 'age at check', 'history'], stale.map(function (i) {
      var f = fresh(i), last = f[f.length - 1]; return [link(i), badge(status(i)), fmtAge(last[2]), strip(f, 1)];
    }), 'stale-sources')));
    Object.keys(D.sections || {}).forEach(function (name) {
      var S = SECTIONS[name]; if (!S) return;
      var title = typeof S.title === 'function' ? S.title(D.sections[name], D) : esc(S.title || name);
      var panel = section(title, S.render(D.sections[name], D)); panel.id = 'section-' + name;
      grid.appendChild(panel);
    });
  }

  function nodePage(main, id) {
    var i = byId[id];
    if (i == null) { main.innerHTML = '<h1>Not found</h1><p>No node ' + esc(id) + ' in this report.</p>'; return; }
    var r = N[i], h = hist(i);
    main.innerHTML = '<h1>' + esc(r[2]) + ' ' + badge(status(i)) + '</h1>' +
      '<p class="muted">' + esc(r[0]) + ' · ' + esc(r[1]) + (r[4] ? ' · ' + esc(r[4]) : '') + ' · ' + esc(r[5]) +
      (r[9] ? ' · ' + esc(r[9]) : '') + (r[6].length ? ' · tags: ' + r[6].map(esc).join(', ') : '') + '</p>' +
      (r[7] ? '<p>' + esc(r[7]) + '</p>' : '') + criticalLine(i) + '<div class="grid" id="node-grid"></div>';
    var grid = $('node-grid');
    if (h.length) {
      var trend = document.createElement('div'); trend.className = 'chart'; trend.id = 'trend-chart';
      grid.appendChild(section('Execution time over the last ' + h.length + ' results', trend));
      chart(trend, { tooltip: { trigger: 'axis' }, grid: { left: 50, right: 20, top: 20, bottom: 40 },
        xAxis: { type: 'time' }, yAxis: { type: 'value', name: 's' },
        series: [{ type: 'line', name: 'execution time', showSymbol: true, symbolSize: 7,
          data: h.map(function (e) { return { value: [e[3], e[2]], itemStyle: { color: COLORS[st(e[1])] || '#9aa3af' } }; }) }] });
    }
    var hood = document.createElement('div'); hood.className = 'chart'; hood.id = 'hood-chart';
    var sel = '1+' + r[2] + '+1';
    grid.appendChild(section('Lineage neighbourhood <a class="muted" href="#/lineage/' + encodeURIComponent('+' + r[2] + '+') + '">open full lineage</a>', hood));
    drawGraph(hood, neighbourhood(i), function (j) { location.hash = '#/node/' + encodeURIComponent(uid(j)); });
    var tests = children[i].filter(function (j) { return type(j) === 'test' || type(j) === 'unit_test'; });
    grid.appendChild(section('Tests (' + tests.length + ')', table(['test', 'status', 'history'], tests.map(function (j) {
      return [link(j), badge(status(j)), strip(hist(j), 1)];
    }))));
    var cols = D.cols[i] || [];
    grid.appendChild(section('Columns (' + cols.length + ')', table(['column', 'type', 'description'], cols.map(function (c) {
      return [esc(c[0]), esc(c[1]), esc(c[2])];
    }))));
    var failures = h.filter(function (e) { var s = st(e[1]); return s === 'error' || s === 'fail' || s === 'warn'; }).reverse().slice(0, 10);
    grid.appendChild(section('Last failures', table(['when', 'status', 'invocation', 'message'], failures.map(function (e) {
      return [esc(fmtTime(e[3])), badge(st(e[1])), '<a href="#/runs/' + e[0] + '">' + esc(D.inv[e[0]][0].slice(0, 8)) + '</a>', '<pre>' + esc(e[4] || '') + '</pre>'];
    }))));
    var f = fresh(i);
    if (f.length) {
      var fc = document.createElement('div'); fc.className = 'chart';
      grid.appendChild(section('Freshness: age of the newest row at each check', fc));
      chart(fc, freshnessOption([i]));
    }
    var code = D.code[i];
    if (code) {
      var pre = document.createElement('pre'); pre.textContent = code;
      main.appendChild(section('Code', pre));
    }
  }

  /** In how many of the embedded build runs that executed node i it was on the critical path, with links. */
  function criticalLine(i) {
    var ran = Object.keys(D.cp || {}).map(Number).filter(function (v) { return D.runs[v].some(function (r) { return r[0] === i && st(r[4]) !== 'skipped' && st(r[4]) !== 'no-op'; }); });
    if (!ran.length) return '';
    var on = ran.filter(function (v) { return D.cp[v].p.indexOf(i) >= 0; });
    return '<p id="node-cp" data-on="' + on.length + '" data-runs="' + ran.length + '">On the critical path of ' + on.length + ' of the ' + ran.length +
      ' build runs in this report that executed it' + (on.length ? ': ' + on.map(function (v) {
        return '<a href="#/runs/' + v + '">' + esc(fmtTime(D.inv[v][2]).slice(0, 16)) + '</a>'; }).join(', ') : '') + '.</p>';
  }

  function neighbourhood(i) {
    var set = {}; set[i] = 1;
    parents[i].forEach(function (j) { if (!NOT_IN_LINEAGE[type(j)]) set[j] = 1; });
    children[i].forEach(function (j) { if (!NOT_IN_LINEAGE[type(j)]) set[j] = 1; });
    return Object.keys(set).map(Number);
  }

  // ---------- selection (client-side, dbt's node selection syntax, simple forms) ----------
  function walk(start, adj, depth) {
    var seen = {}, frontier = start.slice(), d = 0, out = [];
    start.forEach(function (s) { seen[s] = 1; });
    while (frontier.length && (depth == null || d < depth)) {
      var next = [];
      frontier.forEach(function (n) { adj[n].forEach(function (m) { if (!seen[m]) { seen[m] = 1; next.push(m); out.push(m); } }); });
      frontier = next; d++;
    }
    return out;
  }
  function glob(p) { return new RegExp('^' + p.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$', 'i'); }
  function matchBase(term) {
    var m = /^([a-z_]+):(.*)$/.exec(term), method = m ? m[1] : null, value = m ? m[2] : term, re = glob(value), out = [];
    N.forEach(function (r, i) {
      var ok;
      switch (method) {
        case null: ok = re.test(r[2]) || re.test(r[0]) || (value.indexOf('.') > 0 && glob(value + '*').test(r[0].split('.').slice(2).join('.'))); break;
        case 'tag': ok = r[6].some(function (t) { return re.test(t); }); break;
        case 'resource_type': case 'type': ok = re.test(r[1]); break;
        case 'path': ok = r[5].toLowerCase().indexOf(value.toLowerCase()) === 0 || re.test(r[5]); break;
        case 'package': ok = re.test(r[3]); break;
        case 'source': ok = r[1] === 'source' && (re.test(r[0].split('.').slice(2).join('.')) || re.test(r[0].split('.')[2])); break;
        case 'status': ok = re.test(status(i)); break;
        default: throw new Error('unsupported selector method ' + method + ':');
      }
      if (ok) out.push(i);
    });
    return out;
  }
  /** Union over space-separated terms of [N]+[@]method:value+[N], intersected over commas. */
  function select(expr) {
    var result = null;
    expr.trim().split(/\s+/).filter(Boolean).forEach(function (union) {
      var inter = null;
      union.split(',').forEach(function (term) {
        var m = /^(@)?(\d*\+)?(.+?)(\+\d*)?$/.exec(term);
        if (!m) throw new Error('cannot read selector ' + term);
        var base = matchBase(m[3]), set = {};
        base.forEach(function (i) { set[i] = 1; });
        if (m[2]) walk(base, parents, m[2].length > 1 ? +m[2].slice(0, -1) : null).forEach(function (i) { set[i] = 1; });
        if (m[4] || m[1]) {
          var down = walk(base, children, m[4] && m[4].length > 1 ? +m[4].slice(1) : null);
          down.forEach(function (i) { set[i] = 1; });
          if (m[1]) walk(down, parents, null).forEach(function (i) { set[i] = 1; });
        }
        var keys = Object.keys(set).map(Number);
        inter = inter == null ? keys : inter.filter(function (i) { return set[i]; });
      });
      result = (result || []).concat(inter);
    });
    var uniq = {}; (result || []).forEach(function (i) { if (!NOT_IN_LINEAGE[type(i)]) uniq[i] = 1; });
    return Object.keys(uniq).map(Number);
  }

  function drawGraph(el, nodes, onClick) {
    el.dataset.nodes = String(nodes.length);
    if (!nodes.length) { el.innerHTML = '<p class="muted" style="padding:12px">No node selected.</p>'; el.dataset.edges = '0'; return null; }
    var g = new dagre.graphlib.Graph();
    g.setGraph({ rankdir: 'LR', nodesep: 8, ranksep: 50, marginx: 10, marginy: 10 });
    g.setDefaultEdgeLabel(function () { return {}; });
    var inSet = {};
    nodes.forEach(function (i) { inSet[i] = 1; g.setNode(String(i), { width: Math.min(220, 16 + nm(i).length * 6.5), height: 22 }); });
    var links = [];
    nodes.forEach(function (i) { children[i].forEach(function (j) { if (inSet[j]) { g.setEdge(String(i), String(j)); links.push({ source: String(i), target: String(j) }); } }); });
    dagre.layout(g);
    el.dataset.edges = String(links.length);
    var data = nodes.map(function (i) {
      var p = g.node(String(i)), s = status(i);
      return { id: String(i), name: nm(i), x: p.x, y: p.y, symbol: 'roundRect', symbolSize: [p.width, p.height],
        value: uid(i), itemStyle: { color: '#fff', borderColor: COLORS[s] && s !== 'none' ? COLORS[s] : (TYPE_COLORS[type(i)] || '#5b7083'),
          borderWidth: s === 'none' || s === 'success' || s === 'pass' ? 1.5 : 3 },
        label: { show: true, color: TYPE_COLORS[type(i)] || '#333', fontSize: 11, overflow: 'truncate', width: p.width - 6 } };
    });
    var c = chart(el, {
      tooltip: { formatter: function (p) { return p.dataType === 'node' ? esc(p.value) + '<br>' + esc(type(+p.data.id)) + ' · ' + esc(status(+p.data.id)) : ''; } },
      series: [{ type: 'graph', layout: 'none', roam: true, nodeScaleRatio: 1, scaleLimit: { min: 0.2, max: 40 }, draggable: false,
        left: 70, right: 70, top: 20, bottom: 20,
        labelLayout: { hideOverlap: true }, edgeSymbol: ['none', 'arrow'], edgeSymbolSize: 6,
        lineStyle: { color: '#aab2bf', width: 1, curveness: 0 }, emphasis: { focus: 'adjacency' },
        data: data, links: links }]
    });
    // ECharts fits the layout into the box but keeps symbol sizes in pixels: scale them as it scaled the layout
    var xs = data.map(function (d) { return d.x; }), ys = data.map(function (d) { return d.y; });
    var x0 = Math.min.apply(null, xs), x1 = Math.max.apply(null, xs), y0 = Math.min.apply(null, ys), y1 = Math.max.apply(null, ys);
    var a = c.convertToPixel({ seriesIndex: 0 }, [x0, y0]), b = c.convertToPixel({ seriesIndex: 0 }, [x1 > x0 ? x1 : x0 + 1, y1 > y0 ? y1 : y0 + 1]);
    var k = Math.min(1, Math.abs(b[0] - a[0]) / Math.max(1, x1 - x0), Math.abs(b[1] - a[1]) / Math.max(1, y1 - y0));
    if (data.length > 1 && k < 1 && isFinite(k)) {
      data.forEach(function (d) { d.symbolSize = [d.symbolSize[0] * k, d.symbolSize[1] * k]; d.label.width = Math.max(8, d.symbolSize[0] - 4); d.label.fontSize = Math.max(7, 11 * Math.sqrt(k)); });
      c.setOption({ series: [{ data: data, edgeSymbolSize: Math.max(3, 6 * k) }] });
    }
    c.on('click', function (p) { if (p.dataType === 'node' && onClick) onClick(+p.data.id); });
    return c;
  }

  function lineagePage(main, expr) {
    var total = N.filter(function (r) { return !NOT_IN_LINEAGE[r[1]]; }).length;
    if (expr == null) expr = total <= GRAPH_LIMIT ? '*' : '';
    main.innerHTML = '<div class="toolbar"><input type="text" id="selector" value="' + esc(expr) + '" placeholder="dbt selector, e.g. +orders+ tag:finance 2+customers">' +
      '<button id="apply">Select</button><button id="fit">Fit</button><span id="sel-info" class="muted"></span>' +
      '<span class="legend">' + ['success', 'warn', 'error', 'skipped', 'none'].map(function (s) { return '<span><i style="background:' + COLORS[s] + '"></i>' + s + '</span>'; }).join('') + '</span></div>' +
      '<div id="lineage-chart"></div><p class="muted">Selection is computed in the page over the embedded graph: names and unique-id globs, ' +
      'tag:, resource_type:, path:, package:, source:, status:, with N+ / +N graph operators, @, space for union and comma for intersection. ' +
      'Scroll to zoom, drag to pan, click a node to open it.</p>';
    var el = $('lineage-chart'), info = $('sel-info'), c = null;
    function run() {
      var e = $('selector').value;
      charts.forEach(function (x) { x.dispose(); }); charts = []; el.innerHTML = '';
      var nodes;
      try { nodes = e.trim() ? select(e) : []; } catch (err) { info.textContent = err.message; el.dataset.nodes = '0'; return; }
      if (nodes.length > GRAPH_LIMIT) {
        info.textContent = nodes.length + ' nodes selected: narrow the selection to ' + GRAPH_LIMIT + ' or fewer to draw it';
        el.dataset.nodes = '0'; return;
      }
      info.textContent = nodes.length + ' of ' + total + ' nodes';
      c = drawGraph(el, nodes, function (j) { location.hash = '#/node/' + encodeURIComponent(uid(j)); });
    }
    $('apply').onclick = function () { history.replaceState(null, '', '#/lineage/' + encodeURIComponent($('selector').value)); run(); };
    $('selector').onkeydown = function (ev) { if (ev.key === 'Enter') $('apply').onclick(); };
    $('fit').onclick = function () { if (c) c.dispatchAction({ type: 'restore' }); run(); };
    run();
  }

  function runsPage(main, v) {
    var withRuns = []; D.inv.forEach(function (r, i) { if (D.runs[i]) withRuns.push(i); });
    if (v == null || !D.runs[v]) v = withRuns.length ? withRuns[withRuns.length - 1] : null;
    main.innerHTML = '<h1>Runs</h1><div class="toolbar"><label>Invocation <select id="inv-select">' +
      withRuns.slice().reverse().map(function (i) { var r = D.inv[i]; return '<option value="' + i + '"' + (i === v ? ' selected' : '') + '>' + esc(fmtTime(r[2]) + ' · ' + r[1] + ' · ' + r[0].slice(0, 8)) + '</option>'; }).join('') +
      '</select></label><span class="muted">Timelines of the last ' + withRuns.length + ' invocations with results are in this report.</span></div>' +
      '<div id="cp-summary" class="toolbar"></div><div id="gantt" class="chart" style="height:420px"></div><div id="run-table"></div><div id="all-runs"></div>';
    $('inv-select').onchange = function () { location.hash = '#/runs/' + this.value; };
    if (v != null) {
      var rows = D.runs[v].filter(function (r) { return r[2] != null; });
      var cp = (D.cp || {})[v], onPath = {};
      if (cp) cp.p.forEach(function (i) { if (i >= 0) onPath[i] = 1; });
      var critical = rows.filter(function (r) { return onPath[r[0]]; }).length;
      var threads = []; rows.forEach(function (r) { var t = D.threads[r[1]]; if (threads.indexOf(t) < 0) threads.push(t); });
      threads.sort();
      var g = $('gantt'); g.style.height = Math.max(220, 60 + threads.length * 28) + 'px';
      g.dataset.bars = String(rows.length); g.dataset.critical = String(critical);
      $('cp-summary').innerHTML = '<span class="legend">' + ['success', 'warn', 'error', 'skipped'].map(function (s) { return '<span><i style="background:' + COLORS[s] + '"></i>' + s + '</span>'; }).join('') +
        '<span><i style="background:' + CRITICAL + '"></i>critical path</span></span>' + (cp ? '<span id="cp-total">Critical path: <b>' + cp.p.length + '</b> nodes, <b>' + cp.s.toFixed(1) + ' s</b>' +
        (cp.w ? ' of the run\'s ' + cp.w.toFixed(1) + ' s wall time (' + Math.round(100 * cp.s / cp.w) + '%)' : '') +
        ': the shortest this run could be with unlimited threads.</span>' : '<span class="muted">No critical path: not a build run.</span>');
      chart(g, {
        tooltip: { formatter: function (p) { var r = p.data.r; return esc(r[0] >= 0 ? uid(r[0]) : '?') + '<br>' + esc(st(r[4])) + ' · ' + fmtSec(r[5]) + (onPath[r[0]] ? '<br>on the critical path' : ''); } },
        grid: { left: 10, right: 20, top: 10, bottom: 40, containLabel: true }, dataZoom: [{ type: 'inside', filterMode: 'weakFilter' }, { type: 'slider', height: 16, bottom: 6, filterMode: 'weakFilter' }],
        xAxis: { type: 'time' }, yAxis: { type: 'category', data: threads },
        series: [{ type: 'custom', encode: { x: [1, 2], y: 0 },
          renderItem: function (params, api) {
            var y = api.value(0), s = api.coord([api.value(1), y]), e = api.coord([api.value(2), y]), h = api.size([0, 1])[1] * 0.6;
            var shape = echarts.graphic.clipRectByRect({ x: s[0], y: s[1] - h / 2, width: Math.max(1, e[0] - s[0]), height: h },
              { x: params.coordSys.x, y: params.coordSys.y, width: params.coordSys.width, height: params.coordSys.height });
            return shape && { type: 'rect', shape: shape, style: api.style() };
          },
          data: rows.map(function (r) { var c = onPath[r[0]]; return { r: r, value: [threads.indexOf(D.threads[r[1]]), r[2], r[3]],
            itemStyle: c ? { color: CRITICAL, borderColor: '#2e1065', borderWidth: 2 } : { color: COLORS[st(r[4])] || '#9aa3af' } }; }) }]
      });
      if (cp) {
        var timeOf = {}; D.runs[v].forEach(function (r) { timeOf[r[0]] = r; });
        $('run-table').appendChild(section('Critical path (' + cp.p.length + ' nodes, ' + cp.s.toFixed(1) + ' s)', table(['#', 'node', 'type', 'status', 'execution time'], cp.p.map(function (i, k) {
          var r = timeOf[i]; return [k + 1, i >= 0 ? link(i) : '?', i >= 0 ? esc(type(i)) : '', r ? badge(st(r[4])) : '', r ? fmtSec(r[5]) : ''];
        }), 'critical-path')));
      }
      var slow = D.runs[v].slice().sort(function (a, b) { return b[5] - a[5]; });
      $('run-table').appendChild(section('Results by execution time (' + slow.length + ')', table(['node', 'status', 'thread', 'execution time'], slow.map(function (r) {
        return [r[0] >= 0 ? link(r[0]) : '?', badge(st(r[4])), esc(D.threads[r[1]]), fmtSec(r[5])];
      }))));
    } else {
      $('gantt').innerHTML = '<p class="muted">No invocation with run results.</p>';
    }
    $('all-runs').appendChild(section('All invocations (' + D.inv.length + ')', table(['invocation', 'command', 'generated', 'elapsed'], D.inv.slice().reverse().map(function (r) {
      var i = D.inv.indexOf(r);
      return [D.runs[i] ? '<a href="#/runs/' + i + '">' + esc(r[0]) + '</a>' : esc(r[0]), esc(r[1]), esc(fmtTime(r[2])), fmtSec(r[3])];
    }))));
  }

  function testsPage(main) {
    var tests = [];
    N.forEach(function (r, i) { if (r[1] === 'test' || r[1] === 'unit_test') tests.push(i); });
    var rank = { error: 0, fail: 0, 'runtime error': 0, warn: 1 };
    tests.sort(function (a, b) { var ra = rank[status(a)], rb = rank[status(b)]; return (ra == null ? 9 : ra) - (rb == null ? 9 : rb) || nm(a).localeCompare(nm(b)); });
    var counts = {}; tests.forEach(function (i) { var s = status(i); counts[s] = (counts[s] || 0) + 1; });
    main.innerHTML = '<h1>Tests</h1><div class="cards">' + Object.keys(counts).map(function (s) { return '<div class="card"><b>' + counts[s] + '</b>' + esc(s) + '</div>'; }).join('') + '</div>';
    main.appendChild(section('Test history (oldest to newest, last ' + 30 + ' results each)', table(['test', 'status', 'on', 'history'], tests.map(function (i) {
      return [link(i), badge(status(i)), N[i][8] != null ? link(N[i][8]) : '', strip(hist(i), 1)];
    }), 'tests-table')));
  }

  function freshnessOption(sources) {
    return { tooltip: { trigger: 'axis' }, legend: { type: 'scroll', bottom: 0 }, grid: { left: 55, right: 20, top: 20, bottom: 50 },
      xAxis: { type: 'time' }, yAxis: { type: 'value', name: 'hours' },
      series: sources.map(function (i) { return { type: 'line', name: nm(i), showSymbol: true,
        data: fresh(i).filter(function (e) { return e[2] != null; }).map(function (e) { return [e[3], +(e[2] / 3600).toFixed(2)]; }) }; }) };
  }

  function freshnessPage(main) {
    var sources = []; N.forEach(function (r, i) { if (r[1] === 'source') sources.push(i); });
    var checked = sources.filter(function (i) { return fresh(i).length; });
    main.innerHTML = '<h1>Source freshness</h1><p class="muted">' + checked.length + ' of ' + sources.length + ' sources have freshness checks.</p>';
    var c = document.createElement('div'); c.className = 'chart'; c.id = 'freshness-chart';
    main.appendChild(section('Age of the newest row at each check (the 15 sources with the most checks)', c));
    chart(c, freshnessOption(checked.slice().sort(function (a, b) { return fresh(b).length - fresh(a).length; }).slice(0, 15)));
    main.appendChild(section('Sources', table(['source', 'status', 'age at last check', 'checked', 'history'], sources.map(function (i) {
      var f = fresh(i), last = f[f.length - 1];
      return [link(i), f.length ? badge(status(i)) : '<span class="muted">no check</span>', last ? fmtAge(last[2]) : '', last ? esc(fmtTime(last[3])) : '', strip(f, 1)];
    }))));
  }

  // ---------- sections of the overview (data.sections, see docs/report.md) ----------
  function pct(x) { return x == null ? '–' : (Math.round(x * 10) / 10) + '%'; }
  SECTIONS.recommendations = {
    title: function (d) { return 'Recommendations <span class="muted">(' + d.total + ' violations of ' + d.ruleCount + ' rules)</span>'; },
    render: function (d) {
      var m = d.metrics, div = document.createElement('div');
      div.innerHTML = '<div class="cards" id="rec-metrics">' +
        '<div class="card" data-metric="test_coverage_pct"><b>' + pct(m.test_coverage_pct) + '</b>test coverage <span class="muted">(' + (m.tested_models || 0) + ' of ' + (m.total_models || 0) + ' models)</span></div>' +
        '<div class="card" data-metric="documentation_coverage_pct"><b>' + pct(m.documentation_coverage_pct) + '</b>documentation coverage <span class="muted">(' + (m.documented_models || 0) + ' of ' + (m.total_models || 0) + ')</span></div>' +
        '<div class="card" data-metric="total_violations"><b>' + d.total + '</b>violations</div></div>';
      div.appendChild(table(['category', 'violations'], d.categories.map(function (c) { return [esc(c[0]), c[1]]; }), 'rec-categories'));
      var h = document.createElement('h3'); h.textContent = 'Top rules'; div.appendChild(h);
      div.appendChild(table(['rule', 'category', 'violations', 'for example'], d.rules.map(function (r) {
        return ['<code>' + esc(r[0]) + '</code>', esc(r[1]), r[2], r[3].slice(0, 3).map(link).join(', ') + (r[2] > 3 && r[3].length ? ', …' : '')];
      }), 'rec-rules'));
      div.insertAdjacentHTML('beforeend', '<p class="muted">dbt-project-evaluator\'s rules with its defaults; every violation: <code>dbtlens check</code> or the <code>recommendations</code> view.</p>');
      return div;
    }
  };
  SECTIONS.alerts = {
    title: function (d) { return 'Recent alerts (' + d.length + ')'; },
    render: function (d) {
      return table(['run', 'node', 'alert', 'status', 'message'], d.map(function (a) {
        var v = a[7];
        return [v >= 0 ? '<a href="#/runs/' + v + '">' + esc(fmtTime(D.inv[v][2]).slice(5, 16)) + '</a>' : '',
          a[0] >= 0 ? link(a[0]) : esc(a[8]), badge(a[2]) + ' ' + esc(a[1].replace(/_/g, ' ')),
          (a[4] ? esc(a[4]) + ' → ' : '') + badge(a[3]), esc(a[5])];
      }), 'alerts-table');
    }
  };

  // ---------- search ----------
  function setupSearch() {
    var input = $('search'), list = $('search-results'), hits = [], sel = 0;
    function show() {
      var q = input.value.trim().toLowerCase();
      if (!q) { list.hidden = true; return; }
      hits = [];
      for (var i = 0; i < N.length && hits.length < 500; i++) {
        var n = N[i][2].toLowerCase(), u = N[i][0].toLowerCase();
        var score = n === q ? 0 : n.indexOf(q) === 0 ? 1 : n.indexOf(q) >= 0 ? 2 : u.indexOf(q) >= 0 ? 3 : -1;
        if (score >= 0) hits.push([score, NOT_IN_LINEAGE[N[i][1]] ? 1 : 0, i]);
      }
      hits.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || N[a[2]][2].length - N[b[2]][2].length; });
      hits = hits.slice(0, 15); sel = 0;
      list.innerHTML = hits.map(function (h, k) { var i = h[2]; return '<li data-i="' + i + '"' + (k === 0 ? ' class="sel"' : '') + '>' + esc(N[i][2]) + '<small>' + esc(N[i][1]) + ' · ' + esc(N[i][0]) + '</small></li>'; }).join('') || '<li class="muted">No match</li>';
      list.hidden = false;
    }
    function go(i) { list.hidden = true; input.value = ''; location.hash = '#/node/' + encodeURIComponent(uid(i)); }
    input.addEventListener('input', show);
    input.addEventListener('keydown', function (e) {
      if (e.key === 'Enter' && hits.length) go(hits[sel][2]);
      else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        sel = Math.max(0, Math.min(hits.length - 1, sel + (e.key === 'ArrowDown' ? 1 : -1)));
        Array.prototype.forEach.call(list.children, function (li, k) { li.className = k === sel ? 'sel' : ''; });
        e.preventDefault();
      } else if (e.key === 'Escape') list.hidden = true;
    });
    list.addEventListener('mousedown', function (e) { var li = e.target.closest('li[data-i]'); if (li) go(+li.dataset.i); });
    input.addEventListener('blur', function () { setTimeout(function () { list.hidden = true; }, 150); });
  }

  // ---------- routing ----------
  function route() {
    charts.forEach(function (c) { c.dispose(); }); charts = [];
    var main = $('page'), h = location.hash.replace(/^#\/?/, ''), parts = h.split('/'), page = parts[0] || 'overview';
    var arg = parts.length > 1 ? decodeURIComponent(parts.slice(1).join('/')) : null;
    main.innerHTML = ''; document.body.dataset.page = page;
    Array.prototype.forEach.call(document.querySelectorAll('header nav a'), function (a) { a.classList.toggle('active', a.dataset.page === page); });
    if (page === 'node') nodePage(main, arg);
    else if (page === 'lineage') lineagePage(main, arg);
    else if (page === 'runs') runsPage(main, arg == null ? null : +arg);
    else if (page === 'tests') testsPage(main);
    else if (page === 'freshness') freshnessPage(main);
    else overview(main);
    window.scrollTo(0, 0);
  }

  function inflate(b64) {
    var bin = atob(b64), bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Response(stream).text().then(JSON.parse);
  }

  inflate($('data').textContent.trim()).then(function (data) {
    D = data; N = D.n;
    N.forEach(function (r, i) {
      byId[r[0]] = i; parents.push([]); children.push([]);
      if (r[1] === 'source') r[2] = r[0].split('.').slice(2).join('.'); // source_name.table: names repeat across sources
    });
    for (var k = 0; k < D.e.length; k += 2) { children[D.e[k]].push(D.e[k + 1]); parents[D.e[k + 1]].push(D.e[k]); }
    $('env').textContent = (D.meta.project || '') + ' · ' + D.meta.environment + ' · dbt ' + (D.meta.dbtVersion || '?') + ' · reported ' + fmtTime(Date.parse(D.meta.reportedAt));
    window.dbtlensReport = { data: D, select: select, status: status };
    setupSearch();
    window.addEventListener('hashchange', route);
    window.addEventListener('resize', function () { charts.forEach(function (c) { c.resize(); }); });
    route();
    document.body.dataset.ready = '1';
  }).catch(function (e) {
    $('page').innerHTML = '<h1>The report could not be read</h1><pre>' + esc(e && e.stack || e) + '</pre>';
    throw e;
  });
})();
