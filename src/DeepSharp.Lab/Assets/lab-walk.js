// The backprop walk: the phases of one sample's forward and backward pass, shown as numbers on the drawing and as equations.
import { el, fmt } from './common.js';

export function phasesOf(walk) {
  const L = walk.layers.length - 1;  // layers after the input
  const phases = [{ kind: 'sample', layer: 0, title: 'sample' }];
  for (let l = 1; l <= L; l++) phases.push({ kind: 'forward', layer: l, title: l === L ? 'forward: output' : `forward: layer ${l}` });
  phases.push({ kind: 'delta-out', layer: L, title: 'output delta' });
  for (let l = L - 1; l >= 1; l--) phases.push({ kind: 'back', layer: l, title: `delta: layer ${l}` });
  for (let l = L; l >= 1; l--) phases.push({ kind: 'update', layer: l, title: l === L ? 'updates: output' : `updates: layer ${l}` });
  return phases;
}

// Which quantities are known at phase p: outputs of layers forwarded so far, deltas of layers reached going back.
function known(phases, p) {
  const out = new Set([0]), delta = new Set();
  for (let q = 1; q <= p; q++) {
    const ph = phases[q];
    if (ph.kind === 'forward') out.add(ph.layer);
    if (ph.kind === 'delta-out' || ph.kind === 'back') delta.add(ph.layer);
  }
  return { out, delta };
}

export function renderWalk(view, walk, phases, p, focus, textBox) {
  const ph = phases[p];
  const { out, delta } = known(phases, p);
  view.setBadges((l, j) => {
    const n = walk.layers[l].neurons[j];
    const lines = [];
    if (out.has(l)) {
      if (ph.kind === 'forward' && ph.layer === l && n.z !== null) lines.push({ cls: 'z', text: `z ${fmt(n.z)}`, kind: 'z', value: n.z });
      lines.push({ text: `o ${fmt(n.output)}`, kind: 'output', value: n.output });
    }
    if (delta.has(l) && n.delta !== null) lines.push({ cls: 'd', text: `δ ${fmt(n.delta)}`, kind: 'delta', value: n.delta });
    return lines;
  });
  view.setActive(ph.layer === 0 ? 0 : ph.layer, ph.kind === 'forward' ? 'forward' : ph.kind === 'back' || ph.kind === 'delta-out' ? 'back' : null);
  const f = focus && focus.layer === ph.layer ? focus.index : 0;
  if (ph.kind === 'forward') view.setEdgeLabels(ph.layer, edgeEntries(walk, ph.layer, f, 'weight'), '');
  else if (ph.kind === 'update') view.setEdgeLabels(ph.layer, edgeEntries(walk, ph.layer, f, 'update'), 'update');
  else if (ph.kind === 'back') view.setEdgeLabels(ph.layer + 1, edgeEntries(walk, ph.layer + 1, null, 'weight', f), '');
  else view.setEdgeLabels(null, []);
  textBox.replaceChildren(...explain(walk, ph, f));
}

// Labels on the edges into `layer`: all of them when few, else the focused neuron's (into it, or out of `fromIndex`).
function edgeEntries(walk, layer, focusTo, what, fromIndex = null) {
  const c = walk.layers[layer].incoming, units = walk.layers[layer].neurons.length, inputs = c.inputs.length;
  const all = units * inputs <= 24;
  const entries = [];
  for (let j = 0; j < units; j++) {
    const piece = walk.layers[layer].neurons[j].piece ?? 0;
    const r = j * c.pieces + piece;
    for (let i = 0; i < inputs; i++) {
      if (!all && fromIndex === null && j !== focusTo) continue;
      if (!all && fromIndex !== null && i !== fromIndex) continue;
      if (what === 'update')
        entries.push({ to: j, from: i, text: `Δ${fmt(c.update[r][i])}`, kind: 'update', value: c.update[r][i],
          extra: { grad: c.gradient[r][i], row: r, delta: c.rowDeltas[r], input: c.inputs[i] } });
      else entries.push({ to: j, from: i, text: fmt(c.weight[r][i]), kind: 'weight', value: c.weight[r][i], extra: { row: r } });
    }
  }
  return entries;
}

const sub = (name, s) => [name, el('sub', { text: s })];

function eq(...parts) { return el('div', { class: 'eq' }, ...parts); }

function explain(walk, ph, f) {
  const s = walk.sample, L = walk.layers.length - 1;
  const out = [];
  if (ph.kind === 'sample') {
    const inputs = walk.layers[0].neurons.map(n => `${n.name} = ${fmt(n.output)}`).join(',  ');
    out.push(el('div', { text: `Sample #${s.index} (${s.split} point) at (${fmt(s.x1)}, ${fmt(s.x2)}), target t = ${s.label}. Its features enter the network:` }), eq(inputs));
    out.push(el('div', { class: 'muted', text: 'Next: each neuron sums its weighted inputs into z and passes z through its activation φ.' }));
    return out;
  }
  const layer = walk.layers[ph.layer], n = layer.neurons[f], c = layer.incoming;
  const r = f * c.pieces + (n.piece ?? 0);
  const prev = walk.layers[ph.layer - 1].neurons;
  const isOutput = ph.layer === L;
  if (ph.kind === 'forward') {
    const terms = c.inputs.map((o, i) => `${fmt(c.weight[r][i])}·${fmt(o)}`).join(' + ');
    const bias = (n.z ?? 0) - c.inputs.reduce((a, o, i) => a + c.weight[r][i] * o, 0);
    out.push(el('div', { text: `Neuron ${n.name}${n.piece !== null && n.piece !== undefined ? ` (maxout: piece ${n.piece + 1} wins)` : ''}: z is the weighted sum of the outputs before it plus the bias, then o = ${isOutput ? 'σ(z)' : 'φ(z)'}.` }));
    out.push(eq(`z_${n.name} = ${terms} + ${fmt(bias)} = `, el('b', { text: fmt(n.z) }), `     o_${n.name} = ${isOutput ? 'σ' : 'φ'}(${fmt(n.z)}) = `, el('b', { text: fmt(n.output) })));
    if (isOutput) out.push(el('div', { class: 'muted', text: `o is the network's P(class 1) for this sample; the loss L = ${fmt(walk.loss)} (${walk.lossKind}).` }));
    return out;
  }
  if (ph.kind === 'delta-out') {
    if (walk.lossKind === 'squared-error')
      out.push(el('div', { text: 'The output delta is ∂L/∂z: with L = ½(o − t)², δ = (o − t) · σ\'(z).' }),
        eq(`δ_${n.name} = (${fmt(n.output)} − ${s.label}) · ${fmt(n.derivative)} = `, el('b', { text: fmt(n.delta) })));
    else
      out.push(el('div', { text: 'The output delta is ∂L/∂z: with cross-entropy on σ(z) it is simply o − t.' }),
        eq(`δ_${n.name} = o − t = ${fmt(n.output)} − ${s.label} = `, el('b', { text: fmt(n.delta) })));
    out.push(el('div', { class: 'muted', text: 'Next: the delta travels back along the same weights.' }));
    return out;
  }
  if (ph.kind === 'back') {
    const next = walk.layers[ph.layer + 1], nc = next.incoming;
    const terms = next.neurons.map((k, kk) => {
      const rr = kk * nc.pieces + (k.piece ?? 0);
      return `${fmt(nc.weight[rr][f])}·${fmt(nc.rowDeltas[rr])}`;
    }).join(' + ');
    out.push(el('div', { text: `Neuron ${n.name}: its delta is the weighted sum of the next layer's deltas times the activation's slope at z.` }));
    if (n.piece !== null && n.piece !== undefined)
      out.push(eq(`δ_${n.name} = 1 · (${terms}) = `, el('b', { text: fmt(n.delta) }), `   (goes to piece ${n.piece + 1}, the one that won)`));
    else out.push(eq(`δ_${n.name} = φ'(${fmt(n.z)}) · (${terms}) = ${fmt(n.derivative)} · ${fmt(n.backSum)} = `, el('b', { text: fmt(n.delta) })));
    if (n.derivative === 0) out.push(el('div', { class: 'muted', text: 'φ\' = 0 here: no delta passes this neuron (a step or sign unit never passes one: it cannot learn by backpropagation).' }));
    return out;
  }
  const list = c.inputs.map((o, i) => `Δw_${n.name}${prev[i].name} = −${fmt(walk.learningRate)} · ${fmt(c.rowDeltas[r])} · ${fmt(o)} = ${fmt(c.update[r][i])}`);
  out.push(el('div', { text: `Each weight into ${n.name} moves by −η · δ_${n.name} · (the output it multiplies); the bias by −η · δ_${n.name}:` }));
  out.push(eq(list.join('     '), `     Δb_${n.name} = `, el('b', { text: fmt(-walk.learningRate * c.biasGradient[r]) })));
  out.push(el('div', { class: 'muted', text: 'These are plain gradient descent on this one sample; training averages them over a batch, adds the penalty\'s gradient, and other optimizers rescale them.' }));
  return out;
}

export { sub };
