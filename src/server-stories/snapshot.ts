/**
 * Moving a built object graph (a Library: its stories and search index) from a worker thread to
 * the main thread without knowing its classes. `takeSnapshot` turns the graph into one that
 * structured clone (postMessage) can carry: each class instance becomes a tagged record of its own
 * fields, and objects both threads already hold (the lexicon, the word vectors, the shipped
 * stories) become named references. `restoreSnapshot` gives the instances back their prototypes,
 * found by class name in a template graph built on this thread, and puts the shared objects back.
 * Shared references and cycles survive (structured clone keeps them, and so do both walks).
 *
 * It refuses what it cannot carry faithfully (functions, subclassed built-ins, unknown classes)
 * by throwing SnapshotError; callers then build on their own thread instead.
 */

export class SnapshotError extends Error {
  override name = 'SnapshotError';
}

const CLASS = '\u0000class';
const FIELDS = '\u0000fields';
const SHARED = '\u0000shared';

type Tagged = { [CLASS]: string; [FIELDS]: Record<string, unknown> } | { [SHARED]: string };

const PLAIN_PROTOTYPES = new Set<object | null>([Object.prototype, null]);

function isTypedData(value: object): boolean {
  return ArrayBuffer.isView(value) || value instanceof ArrayBuffer || (typeof SharedArrayBuffer !== 'undefined' && value instanceof SharedArrayBuffer);
}

/** Built-ins structured clone carries as they are (exact prototypes only: subclasses would lose theirs). */
function isCloneableBuiltin(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as object | null;
  if (isTypedData(value)) return proto === Object.getPrototypeOf(new (value.constructor as new () => object)());
  return proto === Date.prototype || proto === RegExp.prototype;
}

function className(value: object): string {
  const proto = Object.getPrototypeOf(value) as { constructor?: { name?: string } } | null;
  return proto?.constructor?.name ?? '';
}

/** The graph under `root`, ready for postMessage; `shared` names objects the receiver already has. */
export function takeSnapshot(root: unknown, shared: ReadonlyMap<object, string>): unknown {
  const memo = new Map<object, unknown>();
  const walk = (value: unknown, path: string): unknown => {
    if (typeof value === 'function') throw new SnapshotError(`${path} is a function`);
    if (typeof value === 'symbol') throw new SnapshotError(`${path} is a symbol`);
    if (value === null || typeof value !== 'object') return value;
    const known = memo.get(value);
    if (known !== undefined) return known;
    const name = shared.get(value);
    if (name !== undefined) {
      const ref = { [SHARED]: name };
      memo.set(value, ref);
      return ref;
    }
    if (isCloneableBuiltin(value)) {
      memo.set(value, value);
      return value;
    }
    const proto = Object.getPrototypeOf(value) as object | null;
    if (proto === Array.prototype) {
      const array = value as unknown[];
      const out: unknown[] = new Array(array.length);
      memo.set(value, out);
      for (let i = 0; i < array.length; i++) {
        const item = array[i];
        // Most array items are strings or numbers: skip the call for them.
        out[i] = item === null || typeof item !== 'object' ? (typeof item === 'function' ? walk(item, `${path}[${i}]`) : item) : walk(item, `${path}[${i}]`);
      }
      return out;
    }
    if (proto === Map.prototype) {
      const out = new Map<unknown, unknown>();
      memo.set(value, out);
      for (const [k, v] of value as Map<unknown, unknown>) out.set(walk(k, `${path}.key`), walk(v, `${path}.get(${String(k)})`));
      return out;
    }
    if (proto === Set.prototype) {
      const out = new Set<unknown>();
      memo.set(value, out);
      for (const v of value as Set<unknown>) out.add(walk(v, `${path}.item`));
      return out;
    }
    if (value instanceof Map || value instanceof Set || Array.isArray(value) || value instanceof Promise || value instanceof WeakMap || value instanceof WeakSet) {
      throw new SnapshotError(`${path} is a ${className(value)} that cannot be carried`);
    }
    if (Object.getOwnPropertySymbols(value).length > 0) throw new SnapshotError(`${path} has symbol-keyed fields`);
    const fields: Record<string, unknown> = {};
    const out: unknown = PLAIN_PROTOTYPES.has(proto) ? fields : { [CLASS]: className(value), [FIELDS]: fields };
    if (!PLAIN_PROTOTYPES.has(proto) && !className(value)) throw new SnapshotError(`${path} is an instance of an anonymous class`);
    memo.set(value, out);
    for (const key of Object.getOwnPropertyNames(value)) {
      const descriptor = Object.getOwnPropertyDescriptor(value, key)!;
      if (descriptor.get || descriptor.set) throw new SnapshotError(`${path}.${key} is an accessor`);
      fields[key] = walk(descriptor.value, `${path}.${key}`);
    }
    return out;
  };
  return walk(root, 'root');
}

/** Prototypes of every class instance reachable from `template`, by class name. */
export function collectPrototypes(template: unknown, into = new Map<string, object>()): Map<string, object> {
  const seen = new Set<object>();
  const conflicts = new Set<string>();
  const visit = (value: unknown): void => {
    if (value === null || typeof value !== 'object' || seen.has(value) || isTypedData(value)) return;
    seen.add(value);
    const proto = Object.getPrototypeOf(value) as object | null;
    if (proto === Array.prototype) {
      for (const item of value as unknown[]) if (item !== null && typeof item === 'object') visit(item);
      return;
    }
    if (value instanceof Map) {
      for (const [k, v] of value) {
        visit(k);
        visit(v);
      }
      return;
    }
    if (value instanceof Set) {
      for (const v of value) visit(v);
      return;
    }
    if (!PLAIN_PROTOTYPES.has(proto) && !isCloneableBuiltin(value)) {
      const name = className(value);
      const existing = into.get(name);
      if (existing && existing !== proto) conflicts.add(name);
      else into.set(name, proto!);
    }
    for (const key of Object.getOwnPropertyNames(value)) {
      const descriptor = Object.getOwnPropertyDescriptor(value, key);
      if (descriptor && 'value' in descriptor && typeof descriptor.value !== 'function') visit(descriptor.value);
    }
  };
  visit(template);
  for (const name of conflicts) into.delete(name);
  return into;
}

function isTagged(value: object): value is Tagged {
  return Object.getPrototypeOf(value) === Object.prototype && (CLASS in value || SHARED in value);
}

/** The graph a snapshot stands for, rebuilt in place on this thread. */
export function restoreSnapshot(snapshot: unknown, shared: ReadonlyMap<string, object>, prototypes: ReadonlyMap<string, object>): unknown {
  const memo = new Map<object, unknown>();
  const walk = (value: unknown): unknown => {
    if (value === null || typeof value !== 'object') return value;
    const known = memo.get(value);
    if (known !== undefined) return known;
    if (isTypedData(value) || isCloneableBuiltin(value)) {
      memo.set(value, value);
      return value;
    }
    if (isTagged(value)) {
      if (SHARED in value) {
        const object = shared.get(value[SHARED]);
        if (!object) throw new SnapshotError(`no shared object called ${value[SHARED]}`);
        memo.set(value, object);
        return object;
      }
      const proto = prototypes.get(value[CLASS]);
      if (!proto) throw new SnapshotError(`no prototype for class ${value[CLASS]} in the template`);
      const instance = Object.create(proto) as Record<string, unknown>;
      memo.set(value, instance);
      for (const [key, field] of Object.entries(value[FIELDS])) {
        Object.defineProperty(instance, key, { value: walk(field), writable: true, enumerable: true, configurable: true });
      }
      return instance;
    }
    memo.set(value, value);
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const item = value[i] as unknown;
        if (item !== null && typeof item === 'object') value[i] = walk(item);
      }
    } else if (value instanceof Map) {
      for (const [k, v] of [...value]) {
        const key = walk(k);
        if (key !== k) value.delete(k);
        value.set(key, walk(v));
      }
    } else if (value instanceof Set) {
      const items = [...value];
      value.clear();
      for (const item of items) value.add(walk(item));
    } else {
      const record = value as Record<string, unknown>;
      for (const key of Object.keys(record)) record[key] = walk(record[key]);
    }
    return value;
  };
  return walk(snapshot);
}
