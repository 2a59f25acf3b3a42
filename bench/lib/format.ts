// Number formatting and Markdown tables for bench/RESULTS.md.

export const pct = (x: number | undefined): string =>
  x === undefined || Number.isNaN(x) ? '—' : `${(x * 100).toFixed(1)}%`;

/** A duration given in ms, in the unit that reads best (µs below 1 ms, s above 10 s). */
export function duration(ms: number | undefined): string {
  if (ms === undefined || Number.isNaN(ms)) return '—';
  if (ms < 1) return `${(ms * 1000).toPrecision(3)} µs`;
  if (ms < 10_000) return `${ms < 100 ? ms.toPrecision(3) : Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(1)} s`;
}

export function bytes(n: number | undefined): string {
  if (n === undefined || Number.isNaN(n)) return '—';
  const mb = n / 2 ** 20;
  return mb >= 1000 ? `${(mb / 1024).toFixed(2)} GB` : `${mb.toPrecision(3)} MB`;
}

/** "12×" when the peer needs 12 times what storybot needs; "0.5×" when it needs half. */
export function ratio(peer: number | undefined, storybot: number | undefined): string {
  if (peer === undefined || storybot === undefined || !(storybot > 0) || Number.isNaN(peer)) return '—';
  const r = peer / storybot;
  return `${r >= 10 ? Math.round(r) : r.toPrecision(2)}×`;
}

export function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
