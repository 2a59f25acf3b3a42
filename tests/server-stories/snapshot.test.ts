import { describe, expect, it } from 'vitest';
import { collectPrototypes, restoreSnapshot, SnapshotError, takeSnapshot } from '../../src/server-stories/snapshot.js';

class Point {
  constructor(
    public x: number,
    public y: number,
  ) {}
  length(): number {
    return Math.hypot(this.x, this.y);
  }
}

class Shape {
  readonly points: Point[];
  readonly byName = new Map<string, Point>();
  readonly weights = new Float32Array([0.5, 1.5]);
  self?: Shape;
  constructor(
    points: Point[],
    readonly shared: object,
  ) {
    this.points = points;
    points.forEach((p, i) => this.byName.set(`p${i}`, p));
  }
  area(): number {
    return this.points.reduce((sum, p) => sum + p.length(), 0);
  }
}

/** What postMessage does to a value. */
const clone = <T>(value: T): T => structuredClone(value);

describe('snapshot', () => {
  const lexicon = { big: 'shared, never copied' };
  const make = () => {
    const a = new Point(3, 4);
    const shape = new Shape([a, new Point(6, 8), a], lexicon);
    shape.self = shape;
    return shape;
  };

  it('carries class instances, Maps, typed arrays, shared references and cycles, and restores their prototypes', () => {
    const original = make();
    const sent = clone(takeSnapshot(original, new Map([[lexicon, 'lexicon']])));
    const here = { big: "the receiver's own copy" };
    const restored = restoreSnapshot(sent, new Map([['lexicon', here]]), collectPrototypes(make())) as Shape;
    expect(restored).toBeInstanceOf(Shape);
    expect(restored.points[0]).toBeInstanceOf(Point);
    expect(restored.area()).toBe(original.area());
    expect(restored.points[0]).toBe(restored.points[2]); // one object, as before
    expect(restored.byName.get('p0')).toBe(restored.points[0]);
    expect(restored.self).toBe(restored);
    expect(restored.weights).toBeInstanceOf(Float32Array);
    expect([...restored.weights]).toEqual([0.5, 1.5]);
    expect(restored.shared).toBe(here);
  });

  it('carries a Buffer (a text store holds one) back as a Buffer of the same bytes, shared where it was', () => {
    const bytes = Buffer.from('caf\u00e9 text', 'utf8');
    const sent = clone(takeSnapshot({ bytes, again: bytes, view: bytes.subarray(0, 3) }, new Map()));
    const restored = restoreSnapshot(sent, new Map(), new Map()) as { bytes: Buffer; again: Buffer; view: Buffer };
    expect(Buffer.isBuffer(restored.bytes)).toBe(true);
    expect(restored.bytes.toString('utf8')).toBe('caf\u00e9 text');
    expect(restored.again).toBe(restored.bytes);
    expect(Buffer.isBuffer(restored.view)).toBe(true);
    expect(restored.view.toString('utf8')).toBe('caf');
  });

  it('refuses what it cannot carry faithfully', () => {
    expect(() => takeSnapshot({ f: () => 1 }, new Map())).toThrow(SnapshotError);
    class Special extends Map<string, number> {}
    expect(() => takeSnapshot({ m: new Special() }, new Map())).toThrow(SnapshotError);
    expect(() =>
      takeSnapshot(
        {
          get x() {
            return 1;
          },
        },
        new Map(),
      ),
    ).toThrow(/accessor/);
  });

  it('refuses to restore a class the template does not have, or a shared object the receiver lacks', () => {
    const sent = clone(takeSnapshot(make(), new Map([[lexicon, 'lexicon']])));
    expect(() => restoreSnapshot(sent, new Map([['lexicon', {}]]), new Map())).toThrow(/no prototype for class/);
    const again = clone(takeSnapshot(make(), new Map([[lexicon, 'lexicon']])));
    expect(() => restoreSnapshot(again, new Map(), collectPrototypes(make()))).toThrow(/no shared object/);
  });
});
