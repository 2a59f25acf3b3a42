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
const BUFFER = '\u0000buffer';

const PLAIN_PROTOTYPES = new Set<object | null>([Object.prototype, null]);

function isTypedData(value: object): boolean {
  return (
    ArrayBuffer.isView(value) ||
    value instanceof ArrayBuffer ||
    (typeof SharedArrayBuffer !== 'undefined' && value instanceof SharedArrayBuffer)
  );
}

/** Built-ins structured clone carries as they are (exact prototypes only: subclasses would lose theirs). */
function isCloneableBuiltin(value: object): boolean {
  if (Buffer.isBuffer(value)) return false;
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
    if (Buffer.isBuffer(value)) {
      // A Buffer (a TextStore's bytes) arrives as a Uint8Array: tagged, to be made a Buffer again.
      const ref = { [BUFFER]: new Uint8Array(value.buffer, value.byteOffset, value.byteLength) };
      memo.set(value, ref);
      return ref;
    }
    const proto = Object.getPrototypeOf(value) as object | null;
    if (proto === Array.prototype) {
      const array = value as unknown[];
      const out: unknown[] = new Array(array.length);
      memo.set(value, out);
      for (let i = 0; i < array.length; i++) {
        const item = array[i];
        // Most array items are strings or numbers: skip the call for them.
        out[i] =
          item === null || typeof item !== 'object'
            ? typeof item === 'function'
              ? walk(item, `${path}[${i}]`)
              : item
            : walk(item, `${path}[${i}]`);
      }
      return out;
    }
    if (proto === Map.prototype) {
      const out = new Map<unknown, unknown>();
      memo.set(value, out);
      for (const [k, v] of value as Map<unknown, unknown>)
        out.set(walk(k, `${path}.key`), walk(v, `${path}.get(${String(k)})`));
      return out;
    }
    if (proto === Set.prototype) {
      const out = new Set<unknown>();
      memo.set(value, out);
      for (const v of value as Set<unknown>) out.add(walk(v, `${path}.item`));
      return out;
    }
    if (
      value instanceof Map ||
      value instanceof Set ||
      Array.isArray(value) ||
      value instanceof Promise ||
      value instanceof WeakMap ||
      value instanceof WeakSet
    ) {
      throw new SnapshotError(`${path} is a ${className(value)} that cannot be carried`);
    }
    if (Object.getOwnPropertySymbols(value).length > 0) throw new SnapshotError(`${path} has symbol-keyed fields`);
    const fields: Record<string, unknown> = {};
    const out: unknown = PLAIN_PROTOTYPES.has(proto) ? fields : { [CLASS]: className(value), [FIELDS]: fields };
    if (!PLAIN_PROTOTYPES.has(proto) && !className(value))
      throw new SnapshotError(`${path} is an instance of an anonymous class`);
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
export function collectPrototypes(
  template: unknown,
  into = new Map<string, object>(),
  skip: ReadonlySet<object> = new Set(),
): Map<string, object> {
  const seen = new Set<object>(skip);
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

/** The graph a snapshot stands for, rebuilt in place on this thread. */
export function restoreSnapshot(
  snapshot: unknown,
  shared: ReadonlyMap<string, object>,
  prototypes: ReadonlyMap<string, object>,
): unknown {
  // After structured clone a snapshot holds only plain objects (some of them tagged), arrays,
  // Maps, Sets and data (typed arrays, dates): dispatch on the prototype, once per object.
  const instances = new Map<object, unknown>();
  const visited = new Set<object>();
  const walk = (value: unknown): unknown => {
    if (value === null || typeof value !== 'object') return value;
    const proto = Object.getPrototypeOf(value) as object | null;
    if (proto === Array.prototype) {
      if (visited.has(value)) return value;
      visited.add(value);
      const array = value as unknown[];
      for (let i = 0; i < array.length; i++) {
        const item = array[i];
        if (item !== null && typeof item === 'object') {
          const restored = walk(item);
          if (restored !== item) array[i] = restored;
        }
      }
      return value;
    }
    if (proto === Object.prototype || proto === null) {
      const record = value as Record<string, unknown>;
      if (CLASS in record || SHARED in record || BUFFER in record) {
        const known = instances.get(value);
        if (known !== undefined) return known;
        if (BUFFER in record) {
          const bytes = record[BUFFER] as Uint8Array;
          const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
          instances.set(value, buffer);
          return buffer;
        }
        if (SHARED in record) {
          const object = shared.get(record[SHARED] as string);
          if (!object) throw new SnapshotError(`no shared object called ${String(record[SHARED])}`);
          instances.set(value, object);
          return object;
        }
        const prototype = prototypes.get(record[CLASS] as string);
        if (!prototype) throw new SnapshotError(`no prototype for class ${String(record[CLASS])} in the template`);
        const instance = Object.create(prototype) as Record<string, unknown>;
        instances.set(value, instance);
        const fields = record[FIELDS] as Record<string, unknown>;
        for (const key in fields) instance[key] = walk(fields[key]);
        return instance;
      }
      if (visited.has(value)) return value;
      visited.add(value);
      for (const key in record) {
        const field = record[key];
        if (field !== null && typeof field === 'object') {
          const restored = walk(field);
          if (restored !== field) record[key] = restored;
        }
      }
      return value;
    }
    if (proto === Map.prototype) {
      if (visited.has(value)) return value;
      visited.add(value);
      const map = value as Map<unknown, unknown>;
      let changed: Array<[unknown, unknown, unknown]> | undefined;
      for (const [k, v] of map) {
        const key = k !== null && typeof k === 'object' ? walk(k) : k;
        const item = v !== null && typeof v === 'object' ? walk(v) : v;
        if (key !== k || item !== v) (changed ??= []).push([k, key, item]);
      }
      for (const [old, key, item] of changed ?? []) {
        if (key !== old) map.delete(old);
        map.set(key, item);
      }
      return value;
    }
    if (proto === Set.prototype) {
      if (visited.has(value)) return value;
      visited.add(value);
      const set = value as Set<unknown>;
      const items = [...set];
      const restored = items.map(walk);
      if (restored.some((item, i) => item !== items[i])) {
        set.clear();
        for (const item of restored) set.add(item);
      }
      return value;
    }
    return value; // typed arrays, buffers, dates, regular expressions: as cloned
  };
  return walk(snapshot);
}
