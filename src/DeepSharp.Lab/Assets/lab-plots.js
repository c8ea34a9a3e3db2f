// The output panel of the lab: decision boundary with the points on top, loss curves, data-set thumbnails.
import { bytes, diverging, paintGrid, lineChart, ORANGE, BLUE, rgb } from './common.js';

export function toCanvas(x, y, extent, size) {
  return [(x + extent) / (2 * extent) * size, (extent - y) / (2 * extent) * size];
}

// P(class 1) grid -> orange (0) .. paper (0.5) .. blue (1).
export function paintBoundary(canvas, frame, layout, discretize) {
  const p = bytes(frame.boundary);
  paintGrid(canvas, layout.boundarySize, i => {
    const v = 2 * p[i] / 255 - 1;
    return discretize ? Math.sign(v) * 0.75 : v * 0.85;
  });
}

export function paintPoints(canvas, data, layout, showTest, highlight) {
  const ctx = canvas.getContext('2d');
  const size = canvas.width, e = layout.extent;
  ctx.clearRect(0, 0, size, size);
  const draw = (i, test) => {
    const [cx, cy] = toCanvas(data.x[i], data.y[i], e, size);
    const c = data.label[i] === 1 ? BLUE : ORANGE;
    ctx.beginPath();
    ctx.arc(cx, cy, test ? 3.6 : 3.4, 0, 2 * Math.PI);
    if (test) { ctx.fillStyle = 'rgba(255,255,255,.85)'; ctx.fill(); ctx.lineWidth = 1.6; ctx.strokeStyle = rgb(c); ctx.stroke(); }
    else { ctx.fillStyle = rgb(c); ctx.fill(); ctx.lineWidth = 1; ctx.strokeStyle = '#fff'; ctx.stroke(); }
  };
  for (const i of data.train) draw(i, false);
  if (showTest) for (const i of data.test) draw(i, true);
  // Axes ticks at -1, 0, 1.
  ctx.fillStyle = 'rgba(31,42,55,.55)'; ctx.font = '10px system-ui, sans-serif';
  for (const t of [-1, 0, 1]) {
    const [x] = toCanvas(t, 0, e, size), [, y] = toCanvas(0, t, e, size);
    ctx.fillText(String(t), x - 3, size - 4);
    ctx.fillText(String(t), 3, y + 3);
  }
  if (highlight !== null && highlight !== undefined) {
    const [cx, cy] = toCanvas(data.x[highlight], data.y[highlight], e, size);
    ctx.beginPath(); ctx.arc(cx, cy, 9, 0, 2 * Math.PI);
    ctx.lineWidth = 2.5; ctx.strokeStyle = '#f5b301'; ctx.stroke();
    ctx.beginPath(); ctx.arc(cx, cy, 12.5, 0, 2 * Math.PI);
    ctx.lineWidth = 1; ctx.strokeStyle = 'rgba(31,42,55,.6)'; ctx.stroke();
  }
}

export function nearestPoint(data, layout, size, px, py, showTest) {
  let best = null, bestD = 14 * 14;
  const consider = i => {
    const [cx, cy] = toCanvas(data.x[i], data.y[i], layout.extent, size);
    const d = (cx - px) ** 2 + (cy - py) ** 2;
    if (d < bestD) { bestD = d; best = i; }
  };
  data.train.forEach(consider);
  if (showTest) data.test.forEach(consider);
  return best;
}

export function paintLoss(canvas, history) {
  const xs = history.map(p => p.step);
  lineChart(canvas, [
    { xs, ys: history.map(p => p.trainLoss), colour: '#97a1ad', width: 1.6 },
    { xs, ys: history.map(p => p.testLoss), colour: '#1f2a37', width: 2 },
  ], { empty: 'press play to train' });
}

export function paintThumbnail(canvas, preview) {
  const ctx = canvas.getContext('2d');
  const s = canvas.width, e = 1.6;
  ctx.fillStyle = '#fbfaf7'; ctx.fillRect(0, 0, s, s);
  for (let i = 0; i < preview.label.length; i++) {
    const [x, y] = toCanvas(preview.x[i], preview.y[i], e, s);
    ctx.fillStyle = rgb(preview.label[i] === 1 ? BLUE : ORANGE);
    ctx.beginPath(); ctx.arc(x, y, 1.9, 0, 2 * Math.PI); ctx.fill();
  }
}

export { diverging };
