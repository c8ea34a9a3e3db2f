// DeepSharp Lab: the page draws; the server trains with the library and streams frames.
import { api, el, fmt, showError, paintGrid } from './common.js';
import { paintBoundary, paintPoints, paintLoss, paintThumbnail, nearestPoint } from './lab-plots.js';
import { NetworkView } from './lab-network.js';
import { phasesOf, renderWalk } from './lab-walk.js';

const $ = id => document.getElementById(id);
const LEARNING_RATES = [0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10];
const PENALTIES = [0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10];
const STEPS = [1, 2, 5, 10, 20, 50, 100, 200];

const state = {
  options: null, config: null, snapshot: null, frame: null, history: [], es: null,
  walk: null, phases: [], phase: 0, walkIndex: null, walkBusy: false, walkStep: -1,
  focus: null, pending: null,
};
window.deepsharpLab = state;  // for tests and the curious: the page's state

const view = new NetworkView($('network'), $('edges'), {
  focus: (layer, index) => focus(layer, index),
  toggleFeature: f => toggleFeature(f),
  resize: (l, d) => resizeLayer(l, d),
});

function fillSelect(select, values, label = v => String(v)) {
  select.replaceChildren(...values.map(v => el('option', { value: String(v), text: label(v) })));
}

async function init() {
  const options = state.options = await api('GET', '/api/lab/options');
  fillSelect($('learningRate'), LEARNING_RATES);
  fillSelect($('activation'), options.activations.map(a => a.name));
  fillSelect($('optimizer'), options.optimizers);
  fillSelect($('loss'), options.losses);
  fillSelect($('regularization'), options.regularizations);
  fillSelect($('regularizationRate'), PENALTIES);
  fillSelect($('stepsPerFrame'), STEPS);
  const datasets = $('datasets');
  for (const name of options.datasets) {
    const canvas = el('canvas', { width: 120, height: 120 });
    const button = el('button', { class: 'dataset', 'data-dataset': name, role: 'radio', title: name, onclick: () => configure({ dataset: name }) },
      canvas, el('span', { text: name }));
    datasets.append(button);
    api('GET', `/api/lab/preview/${name}`).then(p => paintThumbnail(canvas, p)).catch(() => {});
  }
  bindControls();
  const snapshot = await api('POST', '/api/lab/sessions', options.defaults);
  applySnapshot(snapshot);
  openStream();
  window.addEventListener('pagehide', () => fetch(`/api/lab/sessions/${state.snapshot.id}`, { method: 'DELETE', keepalive: true }));
}

function bindControls() {
  const number = id => Number($(id).value);
  $('learningRate').onchange = () => configure({ learningRate: number('learningRate') });
  $('activation').onchange = () => configure({ activation: $('activation').value });
  $('optimizer').onchange = () => configure({ optimizer: $('optimizer').value });
  $('loss').onchange = () => configure({ loss: $('loss').value });
  $('regularization').onchange = () => configure({ regularization: $('regularization').value, regularizationRate: $('regularization').value === 'none' ? 0 : Math.max(0.001, state.config.regularizationRate) });
  $('regularizationRate').onchange = () => configure({ regularizationRate: number('regularizationRate') });
  $('stepsPerFrame').onchange = () => configure({ stepsPerFrame: number('stepsPerFrame') });
  $('trainFraction').oninput = () => { $('trainFractionText').textContent = $('trainFraction').value + '%'; };
  $('trainFraction').onchange = () => configure({ trainFraction: number('trainFraction') / 100, batchSize: Math.min(state.config.batchSize, trainCount(state.config.points, number('trainFraction') / 100)) });
  $('noise').oninput = () => { $('noiseText').textContent = (number('noise') / 100).toFixed(2); };
  $('noise').onchange = () => configure({ noise: number('noise') / 100 });
  $('points').oninput = () => { $('pointsText').textContent = $('points').value; };
  $('points').onchange = () => configure({ points: number('points'), batchSize: Math.min(state.config.batchSize, trainCount(number('points'), state.config.trainFraction)) });
  $('batch').oninput = () => { $('batchText').textContent = batchLabel(sliderToBatch()); };
  $('batch').onchange = () => configure({ batchSize: sliderToBatch() });
  $('regenerate').onclick = () => configure({ seed: state.config.seed + 1 });
  $('play').onclick = () => togglePlay();
  $('step').onclick = () => step();
  $('reset').onclick = () => run(async () => applySnapshot(await api('POST', `/api/lab/sessions/${state.snapshot.id}/reset`)));
  $('addLayer').onclick = () => {
    const h = state.config.hidden;
    if (h.length < state.options.limits.maxHiddenLayers) configure({ hidden: [...h, h.length ? h[h.length - 1] : 2] });
  };
  $('removeLayer').onclick = () => { if (state.config.hidden.length) configure({ hidden: state.config.hidden.slice(0, -1) }); };
  $('showTest').onchange = () => drawPoints();
  $('discretize').onchange = () => state.frame && paintBoundary($('boundary'), state.frame, state.snapshot.layout, $('discretize').checked);
  $('inspectorClose').onclick = () => focus(null, 0);
  const pointsCanvas = $('pointLayer');
  pointsCanvas.addEventListener('click', e => {
    const r = pointsCanvas.getBoundingClientRect();
    const i = nearestPoint(state.snapshot.data, state.snapshot.layout, pointsCanvas.width, (e.clientX - r.left) * pointsCanvas.width / r.width,
      (e.clientY - r.top) * pointsCanvas.height / r.height, $('showTest').checked);
    if (i !== null) startWalk(i);
  });
  $('walkRandom').onclick = () => {
    const train = state.snapshot.data.train;
    startWalk(train[Math.floor(Math.random() * train.length)]);
  };
  $('walkNext').onclick = () => setPhase(state.phase + 1);
  $('walkPrev').onclick = () => setPhase(state.phase - 1);
  document.addEventListener('keydown', e => {
    if (e.target.tagName === 'INPUT' || e.target.tagName === 'SELECT') return;
    if (e.code === 'Space') { e.preventDefault(); togglePlay(); }
    if (e.code === 'ArrowRight' && state.walk) setPhase(state.phase + 1);
    if (e.code === 'ArrowLeft' && state.walk) setPhase(state.phase - 1);
  });
}

const trainCount = (points, fraction) => Math.min(Math.max(1, Math.round(points * fraction)), points - 1);
function sliderToBatch() {
  const n = trainCount(state.config.points, state.config.trainFraction);
  return Math.max(1, Math.min(n, Math.round(Math.exp(Number($('batch').value) / 1000 * Math.log(n)))));
}
function batchToSlider(b) {
  const n = trainCount(state.config.points, state.config.trainFraction);
  return n <= 1 ? 0 : Math.round(Math.log(b) / Math.log(n) * 1000);
}
function batchLabel(b) {
  const n = trainCount(state.config.points, state.config.trainFraction);
  return `${b} · ${b === 1 ? 'stochastic' : b >= n ? 'batch' : 'mini-batch'}`;
}

async function run(action) {
  try { await action(); } catch (e) { showError(e.message); }
}

function configure(patch) {
  const config = { ...state.config, ...patch };
  return run(async () => applySnapshot(await api('PUT', `/api/lab/sessions/${state.snapshot.id}/config`, config)));
}

function toggleFeature(name) {
  const features = state.config.features.includes(name) ? state.config.features.filter(f => f !== name)
    : state.options.features.filter(f => f === name || state.config.features.includes(f));
  if (features.length === 0) return showError('keep at least one input feature');
  configure({ features });
}

function resizeLayer(l, d) {
  const hidden = [...state.config.hidden];
  hidden[l] = Math.max(1, Math.min(state.options.limits.maxNeurons, hidden[l] + d));
  configure({ hidden });
}

function applySnapshot(s) {
  const rebuilt = !state.snapshot || state.snapshot.id !== s.id || JSON.stringify(state.snapshot.layout) !== JSON.stringify(s.layout)
    || s.frame.step < (state.frame ? state.frame.step : 0) || JSON.stringify(state.snapshot.data.label) !== JSON.stringify(s.data.label);
  state.snapshot = s;
  state.config = s.config;
  state.history = [...s.history];
  showConfig();
  if (rebuilt) {
    view.build(s, state.options.features);
    if (state.walkIndex !== null && state.walkIndex >= s.data.label.length) clearWalk();
    if (state.focus && !view.nodes[state.focus.layer]?.[state.focus.index]) state.focus = null;
  }
  drawPoints();
  applyFrame(s.frame, null);
  if (state.walkIndex !== null) refreshWalk(true);
}

function showConfig() {
  const c = state.config;
  $('learningRate').value = String(c.learningRate);
  if ($('learningRate').value !== String(c.learningRate)) { $('learningRate').append(el('option', { value: String(c.learningRate), text: String(c.learningRate) })); $('learningRate').value = String(c.learningRate); }
  $('activation').value = c.activation;
  $('optimizer').value = c.optimizer;
  $('loss').value = c.loss;
  $('regularization').value = c.regularization;
  $('regularizationRate').value = String(c.regularizationRate);
  $('regularizationRate').disabled = c.regularization === 'none';
  $('stepsPerFrame').value = String(c.stepsPerFrame);
  $('trainFraction').value = Math.round(c.trainFraction * 100);
  $('trainFractionText').textContent = Math.round(c.trainFraction * 100) + '%';
  $('noise').value = Math.round(c.noise * 100);
  $('noiseText').textContent = c.noise.toFixed(2);
  $('points').value = c.points;
  $('pointsText').textContent = c.points;
  $('batch').value = batchToSlider(c.batchSize);
  $('batchText').textContent = batchLabel(c.batchSize);
  $('seedText').textContent = c.seed;
  $('layerCount').textContent = `${c.hidden.length} hidden layer${c.hidden.length === 1 ? '' : 's'}`;
  $('formula').textContent = state.snapshot.layout.activationFormula;
  document.querySelectorAll('.dataset').forEach(b => { b.classList.toggle('selected', b.dataset.dataset === c.dataset); b.setAttribute('aria-checked', b.dataset.dataset === c.dataset); });
}

function drawPoints() {
  paintPoints($('pointLayer'), state.snapshot.data, state.snapshot.layout, $('showTest').checked, state.walkIndex);
}

function openStream() {
  if (state.es) state.es.close();
  const es = state.es = new EventSource(`/api/lab/sessions/${state.snapshot.id}/events`);
  es.onmessage = e => {
    const m = JSON.parse(e.data);
    state.pending = m;
    requestAnimationFrame(() => {
      if (!state.pending) return;
      const p = state.pending;
      state.pending = null;
      applyFrame(p.frame, p.point);
    });
  };
  es.onerror = () => { if (es.readyState === EventSource.CLOSED) showError('the lab server closed the stream; reload the page'); };
}

// A frame of the network drawn now (a stream can still deliver one of the network before a rebuild).
function fits(frame) {
  const layers = state.snapshot.layout.layers;
  return frame.neurons.length === layers.length && frame.neurons.every((m, l) => m.length === layers[l].units)
    && frame.weights.every((w, l) => w.w[0].length === (l === 0 ? state.snapshot.layout.features.length : layers[l - 1].units));
}

function applyFrame(frame, point) {
  if (!frame || !fits(frame)) return;
  state.framesSeen = (state.framesSeen || 0) + 1;
  if (state.frame && frame.step < state.frame.step && point) state.history = [];
  state.frame = frame;
  if (point && (state.history.length === 0 || state.history[state.history.length - 1].step < point.step)) state.history.push(point);
  document.body.classList.toggle('playing', frame.playing);
  $('epoch').textContent = frame.epoch.toFixed(1);
  $('steps').textContent = frame.step.toLocaleString('en-US');
  setNumber($('testLoss'), frame.testLoss);
  setNumber($('trainLoss'), frame.trainLoss);
  $('testAccuracy').textContent = `${(100 * frame.testAccuracy).toFixed(1)}%`;
  $('trainAccuracy').textContent = `${(100 * frame.trainAccuracy).toFixed(1)}%`;
  paintLoss($('lossChart'), state.history);
  paintBoundary($('boundary'), frame, state.snapshot.layout, $('discretize').checked);
  view.update(frame);
  if (state.focus) showInspector();
  if (state.walkIndex !== null && state.walkStep !== frame.step) refreshWalk(false);
}

function setNumber(node, v) {
  node.textContent = fmt(v, 3);
  node.dataset.value = v;
}

async function togglePlay() {
  const playing = state.frame && state.frame.playing;
  await run(async () => applyFrame(await api('POST', `/api/lab/sessions/${state.snapshot.id}/${playing ? 'pause' : 'play'}`), null));
}

async function step() {
  if (state.frame && state.frame.playing) await togglePlay();
  await run(async () => {
    const frame = await api('POST', `/api/lab/sessions/${state.snapshot.id}/step?count=1`);
    applyFrame(frame, { step: frame.step, trainLoss: frame.trainLoss, testLoss: frame.testLoss });
  });
}

// ---- the walk ----
function startWalk(index) {
  state.walkIndex = index;
  state.phase = 0;
  drawPoints();
  refreshWalk(true);
}

function clearWalk() {
  state.walkIndex = null; state.walk = null; state.phases = [];
  view.setBadges(() => null); view.setEdgeLabels(null, []); view.setActive(null);
  $('walkPhases').replaceChildren();
  $('walkNext').disabled = $('walkPrev').disabled = true;
}

async function refreshWalk(force) {
  if (state.walkBusy && !force) return;
  state.walkBusy = true;
  const stepAt = state.frame ? state.frame.step : 0;
  try {
    const walk = await api('GET', `/api/lab/sessions/${state.snapshot.id}/walk?index=${state.walkIndex}`);
    const layers = state.snapshot.layout.layers;
    if (walk.layers.length !== layers.length + 1 || walk.layers.slice(1).some((w, l) => w.neurons.length !== layers[l].units)) return;
    state.walk = walk;
    state.walkStep = stepAt;
    state.phases = phasesOf(walk);
    state.phase = Math.min(state.phase, state.phases.length - 1);
    const s = walk.sample;
    $('walkSample').textContent = `sample #${s.index} · ${s.split} · target ${s.label} · loss ${fmt(walk.loss)}`;
    $('walk').dataset.index = s.index;
    $('walk').dataset.step = stepAt;
    setPhase(state.phase);
  } catch (e) { showError(e.message); } finally { state.walkBusy = false; }
}

function setPhase(p) {
  if (!state.walk) return;
  state.phase = Math.max(0, Math.min(state.phases.length - 1, p));
  $('walkPhases').replaceChildren(...state.phases.map((ph, i) =>
    el('li', { class: i === state.phase ? 'current' : i < state.phase ? 'done' : '', text: ph.title, 'data-phase': ph.kind, onclick: () => setPhase(i) })));
  $('walkPhaseNumber').textContent = `${state.phase + 1} / ${state.phases.length}`;
  $('walkPrev').disabled = state.phase === 0;
  $('walkNext').disabled = state.phase === state.phases.length - 1;
  $('walk').dataset.phase = state.phases[state.phase].kind;
  $('walk').dataset.phaseLayer = state.phases[state.phase].layer;
  renderWalk(view, state.walk, state.phases, state.phase, state.focus, $('walkText'));
  if (state.focus) showInspector();
}

// ---- the inspector ----
function focus(layer, index) {
  if (layer === null) { state.focus = null; view.setFocus(null); $('inspector').hidden = true; return; }
  state.focus = { layer, index };
  view.setFocus(layer, index);
  if (state.walkIndex === null) startWalk(state.snapshot.data.train[0]);
  showInspector();
  if (state.walk) setPhase(state.phase);
}

function showInspector() {
  const { layer, index } = state.focus;
  const layout = state.snapshot.layout;
  const isOutput = layer === layout.layers.length;
  $('inspector').hidden = false;
  $('inspectorName').textContent = layer === 0 ? layout.features[index] : layout.layers[layer - 1].names[index];
  $('inspectorLayer').textContent = layer === 0 ? 'input feature' : isOutput ? 'output neuron · σ' : `hidden layer ${layer} · ${layout.layers[layer - 1].activation}`;
  view.paintInspector($('inspectorMap'), layer, index, state.frame);
  const rows = [];
  const n = state.walk ? state.walk.layers[layer].neurons[index] : null;
  const row = (label, kind, v) => rows.push(el('tr', {}, el('td', { text: label }), el('td', { text: fmt(v, 4), 'data-kind': kind, 'data-value': v })));
  if (n) {
    if (n.z !== null) row('pre-activation z', 'z', n.z);
    row('output o', 'output', n.output);
    if (n.backSum !== null) row(isOutput ? '∂L/∂o = o − t' : 'Σ w·δ (next layer)', 'backSum', n.backSum);
    if (n.derivative !== null) row(isOutput ? "σ'(z)" : "φ'(z)", 'derivative', n.derivative);
    if (n.delta !== null) row('delta δ = ∂L/∂z', 'delta', n.delta);
  } else rows.push(el('tr', {}, el('td', { text: 'pick a sample to see its numbers' })));
  $('inspectorNumbers').replaceChildren(...rows);
}

init().catch(e => showError(e.message));
