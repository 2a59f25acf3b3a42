// Adam, the optimiser every fit here uses (full batch).

/** Adam steps on a weight vector, from its gradient (ascent: the gradient of what is maximised). */
export class Adam {
  private readonly m: Float64Array;
  private readonly v: Float64Array;
  private t = 0;
  constructor(
    size: number,
    private readonly rate: number,
  ) {
    this.m = new Float64Array(size);
    this.v = new Float64Array(size);
  }
  step(w: Float64Array, gradient: Float64Array, frozen: readonly boolean[] = []): void {
    this.t++;
    const b1 = 0.9;
    const b2 = 0.999;
    for (let f = 0; f < w.length; f++) {
      if (frozen[f]) continue;
      this.m[f] = b1 * this.m[f] + (1 - b1) * gradient[f];
      this.v[f] = b2 * this.v[f] + (1 - b2) * gradient[f] * gradient[f];
      const mHat = this.m[f] / (1 - b1 ** this.t);
      const vHat = this.v[f] / (1 - b2 ** this.t);
      w[f] += (this.rate * mHat) / (Math.sqrt(vHat) + 1e-8);
    }
  }
}
