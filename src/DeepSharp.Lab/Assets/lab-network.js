// The network drawing: feature and neuron nodes with their heat maps, weighted edges, walk badges and edge labels.
import { bytes, paintGrid, paintSigned, svg, el, fmt, ORANGE, BLUE, rgb } from './common.js';

const NODE = 44;

export class NetworkView {
  constructor(container, edgesSvg, handlers) {
    this.container = container;
    this.edgesSvg = edgesSvg;
    this.handlers = handlers;
    this.nodes = [];   // nodes[layer][index] = { button, canvas, badge, x, y }
    this.edges = [];   // edges[layer][j][i] = path (layer >= 1)
    this.labels = null;
  }

  // (Re)builds the drawing for a snapshot's layout; allFeatures lists every feature, enabled ones first in layout order.
  build(snapshot, allFeatures) {
    const { layout } = snapshot;
    this.layout = layout;
    this.featureMaps = snapshot.featureMaps;
    this.container.querySelectorAll('.node, .layer-head').forEach(n => n.remove());
    this.edgesSvg.replaceChildren();
    this.edgeGroup = svg('g');
    this.labelGroup = svg('g');
    this.edgesSvg.append(this.edgeGroup, this.labelGroup);
    const w = this.container.clientWidth, h = this.container.clientHeight;
    const columns = layout.layers.length + 1;
    const left = 86, right = 34, top = 46;
    const colX = c => left + c * (w - left - right - NODE) / Math.max(1, columns - 1);
    const place = (count, c) => {
      const gap = Math.min(66, (h - top - 30) / Math.max(1, count));
      const start = top + (h - top - 30 - gap * count) / 2 + (gap - NODE) / 2;
      return Array.from({ length: count }, (_, i) => [colX(c), start + i * gap]);
    };
    this.nodes = [];
    // Inputs: every feature, the unused ones dimmed (a click toggles them).
    const inputPos = place(allFeatures.length, 0);
    const inputs = allFeatures.map((f, i) => {
      const used = layout.features.indexOf(f);
      const node = this.node(inputPos[i], f, 0, used, used < 0);
      node.button.classList.add('input');
      node.button.addEventListener('click', () => this.handlers.toggleFeature(f));
      node.feature = f;
      return node;
    });
    this.inputNodes = inputs;
    this.nodes.push(layout.features.map(f => inputs[allFeatures.indexOf(f)]));
    layout.layers.forEach((layer, l) => {
      const pos = place(layer.units, l + 1);
      const isOutput = l === layout.layers.length - 1;
      this.nodes.push(layer.names.map((name, j) => {
        const node = this.node(pos[j], name, l + 1, j, false);
        node.button.addEventListener('click', () => this.handlers.focus(l + 1, j));
        return node;
      }));
      const head = el('div', { class: 'layer-head' });
      head.style.left = (colX(l + 1) + NODE / 2) + 'px';
      if (isOutput) head.append(el('div', { text: 'output σ' }));
      else {
        head.append(el('div', { text: `${layer.units} neuron${layer.units === 1 ? '' : 's'}` }),
          el('button', { class: 'tiny', title: 'Add a neuron', text: '+', onclick: () => this.handlers.resize(l, +1) }),
          el('button', { class: 'tiny', title: 'Remove a neuron', text: '−', onclick: () => this.handlers.resize(l, -1) }));
      }
      this.container.append(head);
    });
    const featHead = el('div', { class: 'layer-head', text: 'features' });
    featHead.style.left = (colX(0) + NODE / 2) + 'px';
    this.container.append(featHead);
    // Edges into every layer.
    this.edges = [null];
    for (let l = 1; l < this.nodes.length; l++) {
      const rows = [];
      for (let j = 0; j < this.nodes[l].length; j++) {
        const row = [];
        for (let i = 0; i < this.nodes[l - 1].length; i++) {
          const p = svg('path', { d: this.curve(this.nodes[l - 1][i], this.nodes[l][j]) });
          p.dataset.layer = l; p.dataset.to = j; p.dataset.from = i;
          this.edgeGroup.append(p);
          row.push(p);
        }
        rows.push(row);
      }
      this.edges.push(rows);
    }
    snapshot.featureMaps.forEach((m, i) => paintSigned(this.nodes[0][i].canvas, layout.neuronSize, m.data));
    for (const node of inputs) if (node.off) node.canvas.getContext('2d').clearRect(0, 0, 84, 84);
  }

  node([x, y], name, layer, index, off) {
    const canvas = el('canvas', { width: 84, height: 84 });
    const badge = el('div', { class: 'badge', hidden: true });
    const button = el('button', { class: 'node' + (off ? ' off' : ''), 'data-layer': layer, 'data-index': index, 'data-name': name, title: name },
      canvas, el('span', { class: 'name', text: name }), badge);
    button.style.left = x + 'px';
    button.style.top = y + 'px';
    this.container.append(button);
    return { button, canvas, badge, x, y, off };
  }

  curve(a, b) {
    const x1 = a.x + NODE, y1 = a.y + NODE / 2, x2 = b.x, y2 = b.y + NODE / 2, mx = (x1 + x2) / 2;
    return `M${x1},${y1} C${mx},${y1} ${mx},${y2} ${x2},${y2}`;
  }

  point(a, b, t) {
    const x1 = a.x + NODE, y1 = a.y + NODE / 2, x2 = b.x, y2 = b.y + NODE / 2, mx = (x1 + x2) / 2;
    const u = 1 - t;
    return [u * u * u * x1 + 3 * u * u * t * mx + 3 * u * t * t * mx + t * t * t * x2, u * u * u * y1 + 3 * u * u * t * y1 + 3 * u * t * t * y2 + t * t * t * y2];
  }

  // Heat maps and edge weights of a frame.
  update(frame) {
    const layout = this.layout;
    frame.neurons.forEach((maps, l) => {
      const isOutput = l === frame.neurons.length - 1;
      maps.forEach((m, j) => {
        const node = this.nodes[l + 1][j];
        if (isOutput) {
          const p = bytes(frame.boundary);
          paintGrid(node.canvas, layout.boundarySize, i => (2 * p[i] / 255 - 1) * 0.85);
        } else paintSigned(node.canvas, layout.neuronSize, m.data);
      });
    });
    let maxW = 0;
    for (const lw of frame.weights) for (const row of lw.w) for (const v of row) maxW = Math.max(maxW, Math.abs(v));
    const scale = 7 / Math.max(1, maxW);
    frame.weights.forEach((lw, l) => {
      const rows = this.edges[l + 1];
      for (let j = 0; j < rows.length; j++)
        for (let i = 0; i < rows[j].length; i++) {
          let w = 0;
          for (let p = 0; p < lw.pieces; p++) w += lw.w[j * lw.pieces + p][i];
          w /= lw.pieces;
          const e = rows[j][i];
          e.setAttribute('stroke', rgb(w >= 0 ? BLUE : ORANGE));
          e.setAttribute('stroke-width', Math.max(0.6, Math.min(8, Math.abs(w) * scale)).toFixed(2));
          e.setAttribute('stroke-opacity', (0.35 + 0.6 * Math.min(1, Math.abs(w) / Math.max(1e-6, maxW))).toFixed(2));
          e.dataset.weight = w;
        }
    });
  }

  setFocus(layer, index) {
    this.container.querySelectorAll('.node.focused').forEach(n => n.classList.remove('focused'));
    if (layer !== null && this.nodes[layer] && this.nodes[layer][index]) this.nodes[layer][index].button.classList.add('focused');
  }

  // Badges: per node, lines [{cls, text, kind, value}] or null to hide.
  setBadges(linesAt) {
    for (let l = 0; l < this.nodes.length; l++)
      this.nodes[l].forEach((node, j) => {
        const lines = linesAt(l, j);
        node.badge.replaceChildren();
        node.badge.hidden = !lines || lines.length === 0;
        if (!lines) return;
        for (const line of lines) {
          const d = el('div', { class: line.cls || '', text: line.text, 'data-kind': line.kind, 'data-value': line.value, 'data-layer': l, 'data-index': j });
          node.badge.append(d);
        }
      });
  }

  setActive(layer, direction) {
    this.container.querySelectorAll('.node.active').forEach(n => n.classList.remove('active'));
    this.edgesSvg.querySelectorAll('path.flow, path.flow-back').forEach(p => p.classList.remove('flow', 'flow-back'));
    if (layer === null) return;
    for (const node of this.nodes[layer]) node.button.classList.add('active');
    if (layer >= 1 && direction) for (const row of this.edges[layer]) for (const p of row) p.classList.add(direction === 'forward' ? 'flow' : 'flow-back');
  }

  // Number labels on the edges into `layer`: entries [{to, from, text, kind, value, extra}].
  setEdgeLabels(layer, entries, cls) {
    this.labelGroup.replaceChildren();
    if (layer === null) return;
    const nIn = this.nodes[layer - 1].length, nOut = this.nodes[layer].length;
    for (const e of entries) {
      const t = 0.22 + 0.56 * ((e.to * nIn + e.from + 0.5) / (nIn * nOut));
      const [x, y] = this.point(this.nodes[layer - 1][e.from], this.nodes[layer][e.to], t);
      const g = svg('g', { class: 'edge-label ' + (cls || '') });
      g.dataset.kind = e.kind; g.dataset.value = e.value; g.dataset.layer = layer; g.dataset.to = e.to; g.dataset.from = e.from;
      if (e.extra) for (const [k, v] of Object.entries(e.extra)) g.dataset[k] = v;
      const text = svg('text', { x: x, y: y + 3.5, 'text-anchor': 'middle' });
      text.textContent = e.text;
      g.append(svg('rect', { x: x - 3.2 * e.text.length - 3, y: y - 7, width: 6.4 * e.text.length + 6, height: 14, rx: 3 }), text);
      this.labelGroup.append(g);
    }
  }

  paintInspector(canvas, layer, index, frame) {
    const layout = this.layout;
    if (layer === 0) paintSigned(canvas, layout.neuronSize, this.featureMap(index));
    else if (layer === this.nodes.length - 1) {
      const p = bytes(frame.boundary);
      paintGrid(canvas, layout.boundarySize, i => (2 * p[i] / 255 - 1) * 0.85);
    } else paintSigned(canvas, layout.neuronSize, frame.neurons[layer - 1][index].data);
  }

  featureMap(index) { return this.featureMaps[index].data; }
}

export { fmt };
