// Gradient-boosted regression trees with logistic loss (Newton leaves, exact greedy splits): a
// small learner for the re-rank when a linear model underfits. Trees are plain data, so the model
// can be written out as a source file and evaluated without this module.

export interface TreeNode {
  /** Leaf value when `feature` is -1; else go left when x[feature] <= threshold. */
  feature: number;
  threshold: number;
  left: number;
  right: number;
  value: number;
}

export type Tree = TreeNode[];

export interface BoostOptions {
  trees?: number;
  depth?: number;
  rate?: number;
  minLeaf?: number;
  l2?: number;
  /** Share of rows each tree sees (stochastic boosting). */
  subsample?: number;
  seed?: number;
}

export function predictTree(tree: Tree, x: ArrayLike<number>): number {
  let node = tree[0];
  while (node.feature >= 0) node = tree[x[node.feature] <= node.threshold ? node.left : node.right];
  return node.value;
}

export function predictForest(forest: readonly Tree[], x: ArrayLike<number>, base = 0): number {
  let z = base;
  for (const tree of forest) z += predictTree(tree, x);
  return z;
}

function random(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

/** Fits trees to rows `x` (label y in {0,1}, weight w) by logistic loss. */
export function fitBoosted(x: readonly Float64Array[], y: readonly number[], w: readonly number[], opts: BoostOptions = {}): { base: number; forest: Tree[] } {
  const trees = opts.trees ?? 200;
  const depth = opts.depth ?? 3;
  const rate = opts.rate ?? 0.1;
  const minLeaf = opts.minLeaf ?? 20;
  const l2 = opts.l2 ?? 1;
  const subsample = opts.subsample ?? 0.8;
  const rnd = random(opts.seed ?? 7);
  const n = x.length;
  const d = x[0]?.length ?? 0;
  let pos = 0;
  let all = 0;
  for (let i = 0; i < n; i++) {
    pos += w[i] * y[i];
    all += w[i];
  }
  const p0 = Math.min(0.999, Math.max(0.001, pos / all));
  const base = Math.log(p0 / (1 - p0));
  const z = new Float64Array(n).fill(base);
  const g = new Float64Array(n);
  const h = new Float64Array(n);
  // Rows sorted by each feature once: splits scan them in order.
  const sorted = Array.from({ length: d }, (_, f) => Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => x[a][f] - x[b][f]));
  const forest: Tree[] = [];
  for (let t = 0; t < trees; t++) {
    for (let i = 0; i < n; i++) {
      const p = 1 / (1 + Math.exp(-z[i]));
      g[i] = w[i] * (y[i] - p);
      h[i] = w[i] * p * (1 - p);
    }
    const inTree = new Uint8Array(n);
    for (let i = 0; i < n; i++) inTree[i] = rnd() < subsample ? 1 : 0;
    const node = new Int32Array(n).fill(0); // which node each row is in (-1: out)
    for (let i = 0; i < n; i++) if (!inTree[i]) node[i] = -1;
    const tree: Tree = [{ feature: -1, threshold: 0, left: -1, right: -1, value: 0 }];
    let frontier = [0];
    for (let level = 0; level < depth && frontier.length > 0; level++) {
      const next: number[] = [];
      // Sums per frontier node.
      const G = new Map<number, number>();
      const H = new Map<number, number>();
      const N = new Map<number, number>();
      for (let i = 0; i < n; i++) {
        const k = node[i];
        if (k < 0) continue;
        G.set(k, (G.get(k) ?? 0) + g[i]);
        H.set(k, (H.get(k) ?? 0) + h[i]);
        N.set(k, (N.get(k) ?? 0) + 1);
      }
      const best = new Map<number, { gain: number; feature: number; threshold: number }>();
      for (let f = 0; f < d; f++) {
        const gl = new Map<number, number>();
        const hl = new Map<number, number>();
        const nl = new Map<number, number>();
        const last = new Map<number, number>();
        for (const i of sorted[f]) {
          const k = node[i];
          if (k < 0 || !frontier.includes(k)) continue;
          const v = x[i][f];
          const prev = last.get(k);
          const cl = nl.get(k) ?? 0;
          if (prev !== undefined && v > prev && cl >= minLeaf && (N.get(k) ?? 0) - cl >= minLeaf) {
            const GL = gl.get(k) ?? 0;
            const HL = hl.get(k) ?? 0;
            const GR = (G.get(k) ?? 0) - GL;
            const HR = (H.get(k) ?? 0) - HL;
            const Gt = G.get(k) ?? 0;
            const Ht = H.get(k) ?? 0;
            const gain = (GL * GL) / (HL + l2) + (GR * GR) / (HR + l2) - (Gt * Gt) / (Ht + l2);
            const b = best.get(k);
            if (!b || gain > b.gain) best.set(k, { gain, feature: f, threshold: (prev + v) / 2 });
          }
          gl.set(k, (gl.get(k) ?? 0) + g[i]);
          hl.set(k, (hl.get(k) ?? 0) + h[i]);
          nl.set(k, cl + 1);
          last.set(k, v);
        }
      }
      for (const k of frontier) {
        const b = best.get(k);
        if (!b || b.gain <= 1e-9) continue;
        const left = tree.length;
        tree.push({ feature: -1, threshold: 0, left: -1, right: -1, value: 0 }, { feature: -1, threshold: 0, left: -1, right: -1, value: 0 });
        tree[k] = { feature: b.feature, threshold: b.threshold, left, right: left + 1, value: 0 };
        next.push(left, left + 1);
      }
      for (let i = 0; i < n; i++) {
        const k = node[i];
        if (k < 0) continue;
        const t2 = tree[k];
        if (t2.feature >= 0) node[i] = x[i][t2.feature] <= t2.threshold ? t2.left : t2.right;
      }
      frontier = next;
    }
    // Leaf values (Newton step), over the rows that reached each leaf.
    const G = new Map<number, number>();
    const H = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      const k = node[i];
      if (k < 0) continue;
      G.set(k, (G.get(k) ?? 0) + g[i]);
      H.set(k, (H.get(k) ?? 0) + h[i]);
    }
    tree.forEach((leaf, k) => {
      if (leaf.feature >= 0) return;
      leaf.value = (rate * (G.get(k) ?? 0)) / ((H.get(k) ?? 0) + l2);
    });
    forest.push(tree);
    for (let i = 0; i < n; i++) z[i] += predictTree(tree, x[i]);
  }
  return { base, forest };
}
