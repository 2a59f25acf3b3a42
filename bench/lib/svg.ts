// A hand-written SVG line chart: median query latency against corpus size, both on log scales.

export interface Series {
  name: string;
  /** One point per corpus size; latency undefined = the engine did not finish (timeout). */
  points: { size: number; latencyMs: number | undefined }[];
}

const COLORS = ['#d62728', '#1f77b4', '#ff7f0e', '#2ca02c', '#9467bd', '#8c564b', '#e377c2'];
const W = 720;
const H = 440;
const M = { left: 70, right: 170, top: 40, bottom: 60 };

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function decades(min: number, max: number): number[] {
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(min)); e <= Math.ceil(Math.log10(max)); e++) out.push(10 ** e);
  return out;
}

function latencyLabel(ms: number): string {
  if (ms < 1) return `${+(ms * 1000).toPrecision(3)} µs`;
  if (ms < 1000) return `${+ms.toPrecision(3)} ms`;
  return `${+(ms / 1000).toPrecision(3)} s`;
}

const sizeLabel = (n: number) => (n >= 1000 ? `${+(n / 1000).toPrecision(3)}k` : String(n));

export function latencyChart(series: Series[], title: string): string {
  const sizes = [...new Set(series.flatMap((s) => s.points.map((p) => p.size)))].sort((a, b) => a - b);
  const values = series
    .flatMap((s) => s.points.map((p) => p.latencyMs))
    .filter((v): v is number => v !== undefined && v > 0);
  if (sizes.length === 0 || values.length === 0)
    return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="60"><text x="10" y="30">no data</text></svg>\n`;
  const yTicks = decades(Math.min(...values), Math.max(...values));
  // A little room either side of the sizes measured, rather than whole empty decades.
  const [x0, x1] = [Math.log10(sizes[0]) - 0.2, Math.log10(sizes[sizes.length - 1]) + 0.2];
  const xTicks = decades(sizes[0], sizes[sizes.length - 1]).filter((t) => Math.log10(t) >= x0 && Math.log10(t) <= x1);
  const [y0, y1] = [Math.log10(yTicks[0]), Math.log10(yTicks[yTicks.length - 1])];
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const x = (size: number) => M.left + ((Math.log10(size) - x0) / (x1 - x0 || 1)) * plotW;
  const y = (ms: number) => M.top + plotH - ((Math.log10(ms) - y0) / (y1 - y0 || 1)) * plotH;
  const f = (v: number) => v.toFixed(1);

  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
  );
  parts.push(`<rect width="${W}" height="${H}" fill="#fff"/>`);
  parts.push(
    `<text x="${W / 2 - M.right / 2}" y="22" text-anchor="middle" font-size="15" font-weight="bold">${escapeXml(title)}</text>`,
  );
  for (const t of yTicks) {
    parts.push(`<line x1="${M.left}" x2="${M.left + plotW}" y1="${f(y(t))}" y2="${f(y(t))}" stroke="#ddd"/>`);
    parts.push(`<text x="${M.left - 6}" y="${f(y(t) + 4)}" text-anchor="end">${latencyLabel(t)}</text>`);
  }
  for (const t of xTicks) {
    parts.push(`<line x1="${f(x(t))}" x2="${f(x(t))}" y1="${M.top}" y2="${M.top + plotH}" stroke="#eee"/>`);
  }
  for (const s of sizes) {
    parts.push(`<line x1="${f(x(s))}" x2="${f(x(s))}" y1="${M.top + plotH}" y2="${M.top + plotH + 5}" stroke="#333"/>`);
    parts.push(`<text x="${f(x(s))}" y="${M.top + plotH + 18}" text-anchor="middle">${sizeLabel(s)}</text>`);
  }
  parts.push(`<rect x="${M.left}" y="${M.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#333"/>`);
  parts.push(
    `<text x="${M.left + plotW / 2}" y="${H - 16}" text-anchor="middle">corpus size (paragraphs, log scale)</text>`,
  );
  parts.push(
    `<text transform="translate(16 ${M.top + plotH / 2}) rotate(-90)" text-anchor="middle">median query latency (log scale)</text>`,
  );

  let timeouts = 0;
  series.forEach((s, i) => {
    const color = COLORS[i % COLORS.length];
    const done = s.points.filter((p) => p.latencyMs !== undefined && p.latencyMs > 0);
    if (done.length > 1) {
      const d = done.map((p, j) => `${j ? 'L' : 'M'}${f(x(p.size))},${f(y(p.latencyMs!))}`).join(' ');
      parts.push(`<path class="line" d="${d}" fill="none" stroke="${color}" stroke-width="${i === 0 ? 3 : 2}"/>`);
    }
    for (const p of done)
      parts.push(
        `<circle cx="${f(x(p.size))}" cy="${f(y(p.latencyMs!))}" r="4" fill="${color}"><title>${escapeXml(`${s.name}, ${sizeLabel(p.size)}: ${latencyLabel(p.latencyMs!)}`)}</title></circle>`,
      );
    for (const p of s.points.filter((q) => q.latencyMs === undefined)) {
      // Did not finish within its time budget: an open marker at the top edge.
      const cx = x(p.size);
      parts.push(
        `<path class="timeout" d="M${f(cx - 5)},${M.top + 12} L${f(cx + 5)},${M.top + 12} L${f(cx)},${M.top + 2} Z" fill="none" stroke="${color}" stroke-width="2"><title>${escapeXml(`${s.name}, ${sizeLabel(p.size)}: timeout`)}</title></path>`,
      );
      parts.push(
        `<text x="${f(cx - 9)}" y="${M.top + 12 + timeouts++ * 12}" text-anchor="end" fill="${color}" font-size="10">${escapeXml(s.name)} timeout</text>`,
      );
    }
    const ly = M.top + 10 + i * 20;
    parts.push(
      `<line x1="${W - M.right + 15}" x2="${W - M.right + 40}" y1="${ly}" y2="${ly}" stroke="${color}" stroke-width="3"/>`,
    );
    parts.push(`<text x="${W - M.right + 46}" y="${ly + 4}">${escapeXml(s.name)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}
