// Shared drawing helpers of the lab and the dashboard: colours, base64 grids, heat maps, line charts.
export const ORANGE = [232, 131, 58];
export const BLUE = [43, 123, 186];
export const NEUTRAL = [246, 244, 240];

export function bytes(base64) {
  const s = atob(base64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

// v in [-1, 1]: orange for negative, blue for positive, paper for zero.
export function diverging(v) {
  const t = Math.min(1, Math.abs(v));
  const c = v < 0 ? ORANGE : BLUE;
  return [NEUTRAL[0] + (c[0] - NEUTRAL[0]) * t, NEUTRAL[1] + (c[1] - NEUTRAL[1]) * t, NEUTRAL[2] + (c[2] - NEUTRAL[2]) * t];
}

export function rgb(c, alpha = 1) {
  return alpha === 1 ? `rgb(${c[0] | 0},${c[1] | 0},${c[2] | 0})` : `rgba(${c[0] | 0},${c[1] | 0},${c[2] | 0},${alpha})`;
}

// Paints a size x size grid of values in [-1, 1] (f gives the colour) onto a canvas, smoothly scaled.
export function paintGrid(canvas, size, valueAt, colour = diverging) {
  const scratch = paintGrid.scratch || (paintGrid.scratch = document.createElement('canvas'));
  scratch.width = size;
  scratch.height = size;
  const sctx = scratch.getContext('2d');
  const img = sctx.createImageData(size, size);
  for (let i = 0; i < size * size; i++) {
    const c = colour(valueAt(i));
    img.data[4 * i] = c[0];
    img.data[4 * i + 1] = c[1];
    img.data[4 * i + 2] = c[2];
    img.data[4 * i + 3] = c.length > 3 ? c[3] : 255;
  }
  sctx.putImageData(img, 0, 0);
  const ctx = canvas.getContext('2d');
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(scratch, 0, 0, canvas.width, canvas.height);
}

// A signed map encoded as bytes (128 = 0) painted relative to its own largest magnitude.
export function paintSigned(canvas, size, base64) {
  const b = bytes(base64);
  paintGrid(canvas, size, i => (b[i] - 128) / 127);
}

export function fmt(v, digits = 3) {
  if (v === null || v === undefined) return '–';
  const n = Number(v);
  if (!Number.isFinite(n)) return String(v);
  if (n === 0) return '0';
  const a = Math.abs(n);
  if (a >= 1000 || a < 0.001) return n.toExponential(1);
  return n.toFixed(a >= 100 ? 1 : a >= 10 ? 2 : digits);
}

export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (v !== false && v !== null && v !== undefined) e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) if (c !== null && c !== undefined) e.append(c);
  return e;
}

export const SVG = 'http://www.w3.org/2000/svg';
export function svg(tag, attrs = {}) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}

// Sizes a canvas for the screen's pixel density; returns its 2-D context scaled to CSS pixels.
export function hiDpi(canvas, width, height) {
  const r = window.devicePixelRatio || 1;
  canvas.width = Math.round(width * r);
  canvas.height = Math.round(height * r);
  canvas.style.width = width + 'px';
  canvas.style.height = height + 'px';
  const ctx = canvas.getContext('2d');
  ctx.setTransform(r, 0, 0, r, 0, 0);
  return ctx;
}

// A line chart: series = [{ xs, ys, colour, dash, width, label }], drawn with nice axes.
export function lineChart(canvas, series, opts = {}) {
  const w = opts.width || canvas.clientWidth || 300, h = opts.height || canvas.clientHeight || 120;
  const ctx = hiDpi(canvas, w, h);
  const pad = { l: opts.axes === false ? 4 : 50, r: 8, t: 8, b: opts.axes === false ? 4 : 20 };
  ctx.clearRect(0, 0, w, h);
  let xmin = Infinity, xmax = -Infinity, ymin = Infinity, ymax = -Infinity;
  for (const s of series)
    for (let i = 0; i < s.xs.length; i++) {
      const y = Number(s.ys[i]);
      if (s.ys[i] === null || !Number.isFinite(y)) continue;
      xmin = Math.min(xmin, s.xs[i]); xmax = Math.max(xmax, s.xs[i]);
      ymin = Math.min(ymin, y); ymax = Math.max(ymax, y);
    }
  if (!Number.isFinite(xmin)) {
    ctx.fillStyle = '#97a1ad'; ctx.font = '12px system-ui, sans-serif';
    ctx.fillText(opts.empty || 'no data yet', pad.l + 6, h / 2);
    return;
  }
  if (opts.yMin !== undefined) ymin = Math.min(ymin, opts.yMin);
  if (opts.yMax !== undefined) ymax = Math.max(ymax, opts.yMax);
  if (opts.zero !== false) ymin = Math.min(0, ymin);
  if (ymax - ymin < 1e-9) ymax = ymin + 1;
  if (xmax - xmin < 1e-9) xmax = xmin + 1;
  const X = x => pad.l + (x - xmin) / (xmax - xmin) * (w - pad.l - pad.r);
  const Y = y => h - pad.b - (y - ymin) / (ymax - ymin) * (h - pad.t - pad.b);
  if (opts.axes !== false) {
    ctx.strokeStyle = '#e3e7ec'; ctx.fillStyle = '#5b6776'; ctx.lineWidth = 1; ctx.font = '11px system-ui, sans-serif';
    for (const t of ticks(ymin, ymax, 4)) {
      ctx.beginPath(); ctx.moveTo(pad.l, Y(t) + .5); ctx.lineTo(w - pad.r, Y(t) + .5); ctx.stroke();
      ctx.textAlign = 'right'; ctx.fillText(fmt(t, 2), pad.l - 5, Y(t) + 4);
    }
    ctx.textAlign = 'center';
    for (const t of ticks(xmin, xmax, Math.max(1, Math.min(5, Math.floor(xmax - xmin))))) ctx.fillText(opts.xFormat ? opts.xFormat(t) : String(Math.round(t)), X(t), h - 5);
  }
  for (const s of series) {
    ctx.strokeStyle = s.colour; ctx.lineWidth = s.width || 2; ctx.setLineDash(s.dash || []);
    ctx.beginPath();
    let started = false;
    for (let i = 0; i < s.xs.length; i++) {
      const y = Number(s.ys[i]);
      if (s.ys[i] === null || !Number.isFinite(y)) { started = false; continue; }
      if (!started) { ctx.moveTo(X(s.xs[i]), Y(y)); started = true; } else ctx.lineTo(X(s.xs[i]), Y(y));
    }
    ctx.stroke();
    ctx.setLineDash([]);
  }
}

export function ticks(lo, hi, count) {
  const span = hi - lo, step0 = span / count, mag = Math.pow(10, Math.floor(Math.log10(step0)));
  const step = [1, 2, 2.5, 5, 10].map(m => m * mag).find(s => span / s <= count) || 10 * mag;
  const out = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) out.push(Math.abs(t) < step * 1e-9 ? 0 : t);
  return out;
}

export async function api(method, url, body) {
  const res = await fetch(url, {
    method, headers: body ? { 'Content-Type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  const data = text ? JSON.parse(text) : null;
  if (!res.ok) throw new Error((data && data.error) || `${res.status} ${res.statusText}`);
  return data;
}

let errorTimer = 0;
export function showError(message) {
  let banner = document.getElementById('error');
  if (!banner) return;
  banner.textContent = message;
  banner.hidden = false;
  clearTimeout(errorTimer);
  errorTimer = setTimeout(() => { banner.hidden = true; }, 6000);
}
