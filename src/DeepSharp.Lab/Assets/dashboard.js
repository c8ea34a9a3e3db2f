// DeepSharp Dashboard: runs of a folder streamed from the server; curves overlaid, details of the focused run.
import { api, el, fmt, showError, lineChart, bytes, paintGrid, rgb, ORANGE, BLUE } from './common.js';

const $ = id => document.getElementById(id);
const COLOURS = ['#2b7bba', '#e8833a', '#2f9e6f', '#8b5cf6', '#d1495b', '#0ea5a4', '#a16207', '#64748b'];
const CLASS_COLOURS = [ORANGE, BLUE, [47, 158, 111], [139, 92, 246], [209, 73, 91], [14, 165, 164], [161, 98, 7], [100, 116, 139], [219, 39, 119], [101, 163, 13]];
const state = { runs: new Map(), selected: new Set(), focus: null, colour: new Map(), frames: new Map(), epochIndex: -1, animating: null };
window.deepsharpDashboard = state;

function colourOf(name) {
  if (!state.colour.has(name)) state.colour.set(name, COLOURS[state.colour.size % COLOURS.length]);
  return state.colour.get(name);
}

function connect() {
  const es = new EventSource('/api/runs/events');
  es.onopen = () => { $('live').textContent = 'live'; };
  es.onerror = () => { $('live').textContent = 'reconnecting…'; };
  es.onmessage = e => {
    const m = JSON.parse(e.data);
    if (m.type === 'all') { state.runs.clear(); for (const r of m.runs) state.runs.set(r.name, r); }
    else if (m.type === 'run') state.runs.set(m.run.name, m.run);
    else if (m.type === 'removed') { state.runs.delete(m.name); state.selected.delete(m.name); }
    if (state.selected.size === 0 && state.runs.size) {
      const first = [...state.runs.keys()][0];
      state.selected.add(first);
      state.focus = state.focus || first;
    }
    renderRuns();
    renderCharts();
    if (state.focus && (m.type === 'all' || (m.type === 'run' && m.run.name === state.focus))) renderDetails();
  };
}

function renderRuns() {
  const list = $('runs');
  list.replaceChildren(...[...state.runs.values()].map(r => {
    const box = el('input', { type: 'checkbox', checked: state.selected.has(r.name), onclick: e => e.stopPropagation(),
      onchange: e => { e.target.checked ? state.selected.add(r.name) : state.selected.delete(r.name); renderCharts(); } });
    const sw = el('span', { class: 'swatch' });
    sw.style.background = colourOf(r.name);
    return el('li', { class: r.name === state.focus ? 'focused' : '', 'data-run': r.name, onclick: () => { state.focus = r.name; state.epochIndex = -1; renderRuns(); renderDetails(); } },
      box, sw, el('span', { class: 'name', text: r.name, title: r.name }), el('span', { class: 'epochs', text: `${r.history.epoch.length} ep` }),
      el('span', { class: 'pill ' + r.status, text: r.status }));
  }));
  $('noRuns').hidden = state.runs.size > 0;
}

function renderCharts() {
  const loss = [], acc = [], lr = [];
  for (const name of state.selected) {
    const r = state.runs.get(name);
    if (!r) continue;
    const h = r.history, c = colourOf(name);
    loss.push({ xs: h.epoch, ys: h.trainLoss, colour: c }, { xs: h.epoch, ys: h.validationLoss, colour: c, dash: [5, 4] });
    acc.push({ xs: h.epoch, ys: h.trainMetric, colour: c }, { xs: h.epoch, ys: h.validationMetric, colour: c, dash: [5, 4] });
    lr.push({ xs: h.epoch, ys: h.learningRate, colour: c });
  }
  lineChart($('lossChart'), loss, { empty: 'tick a run' });
  lineChart($('accChart'), acc, { empty: 'tick a run', yMax: 1 });
  lineChart($('lrChart'), lr, { empty: 'tick a run' });
  $('lossChart').dataset.series = loss.length;
  $('lossChart').dataset.points = loss.reduce((a, s) => a + s.xs.length, 0);
  $('lossLegend').replaceChildren(...[...state.selected].map(n => {
    const s = el('span', { class: 'legend-swatch' }); s.style.background = colourOf(n);
    return el('span', {}, s, n);
  }));
}

async function frame(name, epoch) {
  const key = `${name}/${epoch}`;
  if (!state.frames.has(key)) state.frames.set(key, await api('GET', `/api/runs/${encodeURIComponent(name)}/frames/${epoch}`));
  return state.frames.get(key);
}

async function renderDetails() {
  const r = state.runs.get(state.focus);
  if (!r) return;
  $('detailName').textContent = r.name;
  $('detailStatus').textContent = r.status;
  $('detailStatus').className = 'pill ' + r.status;
  const h = r.history, last = h.epoch.length - 1;
  const meta = [];
  if (r.info) meta.push(`${r.info.model} on ${r.info.dataset}`);
  if (last >= 0) meta.push(`epoch ${h.epoch[last]}: loss ${fmt(h.trainLoss[last])}` + (h.validationMetric[last] !== null ? `, validation accuracy ${fmt(h.validationMetric[last])}` : ''));
  if (r.error) meta.push(r.error);
  $('detailMeta').textContent = meta.join(' · ');
  const epochs = r.frameEpochs;
  $('picturesPanel').hidden = r.pictures.length === 0 || epochs.length > 0;
  $('pictures').replaceChildren(...r.pictures.filter(p => p !== 'curves.png').map(p => el('img', { src: `/api/runs/${encodeURIComponent(r.name)}/pictures/${p}?t=${encodeURIComponent(r.updated)}`, alt: p })));
  try {
    if (epochs.length) {
      const slider = $('epochSlider');
      slider.max = epochs.length - 1;
      if (state.epochIndex < 0 || state.epochIndex > epochs.length - 1 || !state.animating) state.epochIndex = epochs.length - 1;
      slider.value = state.epochIndex;
      await showFrame(r, await frame(r.name, epochs[state.epochIndex]));
    } else {
      for (const id of ['boundaryPanel', 'confusionPanel', 'wrongPanel']) $(id).hidden = true;
      const f = r.hasCheckpoint ? (await api('GET', `/api/runs/${encodeURIComponent(r.name)}/filters`)).filters : null;
      showFilters(f);
    }
  } catch (e) { showError(e.message); }
}

async function showFrame(r, f) {
  const info = r.info;
  $('boundaryPanel').hidden = !f.boundary;
  if (f.boundary) { paintBoundary(f.boundary, info); $('boundaryEpoch').textContent = `epoch ${f.epoch}`; }
  $('confusionPanel').hidden = !f.confusion;
  if (f.confusion) showConfusion(f.confusion, info ? info.classNames : null, f.samples);
  $('wrongPanel').hidden = f.misclassified.length === 0;
  $('wrong').replaceChildren(...f.misclassified.map(m => figure(m.pixels, info.imageRows, info.imageCols, `${name(info, m.actual)}→${name(info, m.predicted)}`)));
  showFilters(f.filters);
}

const name = (info, c) => info && info.classNames[c] !== undefined ? info.classNames[c] : String(c);

function paintBoundary(b, info) {
  const canvas = $('boundary');
  const cls = bytes(b.classes), conf = bytes(b.confidence);
  paintGrid(canvas, b.size, i => i, i => {
    const c = CLASS_COLOURS[cls[i] % CLASS_COLOURS.length], t = 0.25 + 0.55 * Math.max(0, (conf[i] / 255 - 0.5) * 2);
    return [246 + (c[0] - 246) * t, 244 + (c[1] - 244) * t, 240 + (c[2] - 240) * t];
  });
  if (!info || !info.points) return;
  const ctx = canvas.getContext('2d'), e = info.extent, s = canvas.width;
  for (let i = 0; i < info.points.label.length; i++) {
    const x = (info.points.x[i] - e[0]) / (e[1] - e[0]) * s, y = (e[3] - info.points.y[i]) / (e[3] - e[2]) * s;
    ctx.beginPath(); ctx.arc(x, y, 2.6, 0, 2 * Math.PI);
    ctx.fillStyle = rgb(CLASS_COLOURS[info.points.label[i] % CLASS_COLOURS.length]); ctx.fill();
    ctx.strokeStyle = '#fff'; ctx.lineWidth = 0.8; ctx.stroke();
  }
}

function showConfusion(m, names, samples) {
  const k = m.length, max = Math.max(1, ...m.flat());
  const head = el('tr', {}, el('th', { text: '' }), ...m.map((_, j) => el('th', { text: names ? names[j] ?? j : j, title: 'predicted' })));
  const rows = m.map((row, a) => el('tr', {}, el('th', { text: names ? names[a] ?? a : a, title: 'actual' }), ...row.map((v, p) => {
    const td = el('td', { text: String(v), 'data-actual': a, 'data-predicted': p });
    const t = v / max;
    td.style.background = a === p ? `rgba(43,123,186,${0.12 + 0.8 * t})` : v ? `rgba(209,73,91,${0.12 + 0.8 * t})` : '#f6f7f9';
    td.style.color = t > 0.55 ? '#fff' : 'inherit';
    return td;
  })));
  $('confusion').replaceChildren(head, ...rows);
  const correct = m.reduce((a, row, i) => a + row[i], 0);
  $('confusionNote').textContent = `${samples} samples, accuracy ${fmt(correct / Math.max(1, samples))} (rows actual, columns predicted)`;
  void k;
}

function figure(base64, rows, cols, caption) {
  const c = el('canvas', { width: cols, height: rows });
  const px = bytes(base64), ctx = c.getContext('2d'), img = ctx.createImageData(cols, rows);
  for (let i = 0; i < rows * cols; i++) { img.data[4 * i] = img.data[4 * i + 1] = img.data[4 * i + 2] = 255 - px[i]; img.data[4 * i + 3] = 255; }
  ctx.putImageData(img, 0, 0);
  return el('figure', {}, c, el('figcaption', { text: caption }));
}

function showFilters(f) {
  $('filtersPanel').hidden = !f;
  if (!f) return;
  const b = bytes(f.data), per = f.channels * f.height * f.width, out = [];
  for (let i = 0; i < f.count; i++) {
    const c = el('canvas', { width: f.width, height: f.height });
    const ctx = c.getContext('2d'), img = ctx.createImageData(f.width, f.height);
    for (let p = 0; p < f.height * f.width; p++) {
      const v = (b[i * per + p] - 128) / 127, col = v < 0 ? ORANGE : BLUE, t = Math.abs(v);
      img.data[4 * p] = 246 + (col[0] - 246) * t; img.data[4 * p + 1] = 244 + (col[1] - 244) * t; img.data[4 * p + 2] = 240 + (col[2] - 240) * t; img.data[4 * p + 3] = 255;
    }
    ctx.putImageData(img, 0, 0);
    out.push(el('figure', {}, c, el('figcaption', { text: `#${i + 1}` })));
  }
  $('filters').replaceChildren(...out);
}

$('epochSlider').oninput = async () => {
  const r = state.runs.get(state.focus);
  state.epochIndex = Number($('epochSlider').value);
  try { await showFrame(r, await frame(r.name, r.frameEpochs[state.epochIndex])); } catch (e) { showError(e.message); }
};
$('animate').onclick = () => {
  if (state.animating) { clearInterval(state.animating); state.animating = null; $('animate').textContent = '▶ animate'; return; }
  const r = state.runs.get(state.focus);
  if (!r || !r.frameEpochs.length) return;
  state.epochIndex = 0;
  $('animate').textContent = '❚❚ stop';
  state.animating = setInterval(async () => {
    const run = state.runs.get(state.focus);
    if (state.epochIndex >= run.frameEpochs.length - 1) { clearInterval(state.animating); state.animating = null; $('animate').textContent = '▶ animate'; return; }
    state.epochIndex++;
    $('epochSlider').value = state.epochIndex;
    try { await showFrame(run, await frame(run.name, run.frameEpochs[state.epochIndex])); } catch (e) { showError(e.message); }
  }, 180);
};

api('GET', '/api/runs').then(d => { $('root').textContent = d.root; }).catch(e => showError(e.message));
connect();
