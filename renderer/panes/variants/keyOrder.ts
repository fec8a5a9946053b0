/**
 * Stable orders of numeric keys over typed arrays, for sorting a million table rows without a
 * comparator (tableModel's sortRows). NaN is "no key": last, in its order. Keys hold no -0 (the
 * caller adds 0, which makes it plain 0).
 *
 * Most sort columns have few distinct keys (ranks of text values, VAFs to three decimals, depths):
 * each key then gets a bucket, and one counting pass places the rows straight into the answer,
 * reading them in order and writing into one run per bucket, which the cache holds. Keys with more
 * distinct values than that go through an LSD radix sort of their bits.
 */

/** At most this many distinct keys are placed by bucket (a 16-bit digit's worth). */
const MAX_BUCKETS = 65536;

/** What the radix sort needs to know of the keys. */
export type KeyRange = { integers: boolean; min: number; max: number };

/**
 * How to order the keys: `sorted` (already in order: non-decreasing, any NaN only after every key);
 * `buckets`, when they have at most MAX_BUCKETS distinct values: `ids` (per key, its bucket),
 * `counts` (per bucket, its keys) and `order` (the buckets in ascending key order, the NaN bucket
 * last), views of scratch arrays valid until the next call; else `radix`, with their range.
 */
export type KeyPlan =
  | { kind: 'sorted' }
  | { kind: 'buckets'; ids: Uint32Array; counts: Uint32Array; order: Uint32Array }
  | { kind: 'radix'; range: KeyRange };

/**
 * The plan for the keys: keys in order are seen as such in one pass that stops at the first key out
 * of order; otherwise one pass buckets the keys by hashing (buckets numbered as first seen, then put
 * in key order) and takes their range. On a first sort each pass over a million keys runs before
 * the JIT has optimized it, so fewer passes is what makes it fast.
 */
export function planKeys(keys: Float64Array): KeyPlan {
  const n = keys.length;
  // While the keys are in order, only that is checked: a file sorted by position needs no buckets.
  let previous = -Infinity;
  let inOrder = 0;
  for (; inOrder < n; inOrder++) {
    const key = keys[inOrder]!;
    if (key !== key)
      previous = NaN; // every key after a NaN breaks the order
    else if (key >= previous) previous = key;
    else break;
  }
  if (inOrder === n) return { kind: 'sorted' };
  const ids = scratch.u32('ids', n).subarray(0, n);
  const counts = COUNTS;
  const bits = new Uint32Array(keys.buffer, keys.byteOffset, n * 2); // little-endian: [low, high] per key
  const mask = SLOTS - 1;
  slotIds.fill(-1);
  let hashing = true;
  let count = 0;
  let nanId = -1;
  let lastKey = NaN;
  let lastId = -1;
  let integers = true;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const key = keys[i]!;
    if (key !== key) {
      if (!hashing) continue;
      if (nanId < 0) {
        nanId = count++;
        counts[nanId] = 0;
      }
      ids[i] = nanId;
      counts[nanId]!++;
      continue;
    }
    if (key < min) min = key;
    if (key > max) max = key;
    if (integers && !Number.isInteger(key)) integers = false;
    if (!hashing) continue;
    let id = lastId;
    if (key !== lastKey) {
      // neighbours often share a key: hashed only when it changes
      let slot = (Math.imul(bits[2 * i]! ^ Math.imul(bits[2 * i + 1]!, 0x9e3779b1), 0x85ebca6b) >>> 15) & mask;
      id = slotIds[slot]!;
      while (id >= 0 && slotKeys[slot] !== key) {
        slot = (slot + 1) & mask;
        id = slotIds[slot]!;
      }
      if (id < 0) {
        if (count === MAX_BUCKETS) {
          hashing = false; // too many distinct keys: the rest of the pass only checks the order
          continue;
        }
        id = count++;
        slotIds[slot] = id;
        slotKeys[slot] = key;
        bucketKeys[id] = key;
        counts[id] = 0;
      }
      lastKey = key;
      lastId = id;
    }
    ids[i] = id;
    counts[id]!++;
  }
  if (!hashing) return { kind: 'radix', range: { integers, min, max } };
  // The buckets in key order: the distinct keys sorted, each bucket's place found among them.
  const distinct = count - (nanId >= 0 ? 1 : 0);
  const ordered = scratch.f64('ordered', distinct).subarray(0, distinct);
  for (let id = 0, k = 0; id < count; id++) if (id !== nanId) ordered[k++] = bucketKeys[id]!;
  ordered.sort();
  const order = scratch.u32('order', count).subarray(0, count);
  for (let id = 0; id < count; id++) {
    if (id === nanId) continue;
    const key = bucketKeys[id]!;
    let lo = 0;
    let hi = distinct - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (ordered[mid]! < key) lo = mid + 1;
      else hi = mid;
    }
    order[lo] = id;
  }
  if (nanId >= 0) order[distinct] = nanId;
  return { kind: 'buckets', ids, counts, order };
}

/** The items in bucket order, stable (one counting pass): `items[i]` goes with `ids[i]`. */
export function placeByBuckets<T>(items: readonly T[], buckets: Extract<KeyPlan, { kind: 'buckets' }>): T[] {
  const { ids, counts, order } = buckets;
  const starts = STARTS;
  let sum = 0;
  for (let k = 0; k < order.length; k++) {
    const id = order[k]!;
    starts[id] = sum;
    sum += counts[id]!;
  }
  const out: T[] = new Array(items.length);
  for (let i = 0; i < items.length; i++) out[starts[ids[i]!]!++] = items[i]!;
  return out;
}

/** The stable ascending order of `keys` (indices into it, no NaN among them), as a new array. */
export function radixOrder(keys: Float64Array): Uint32Array {
  return stableOrder(keys).slice();
}

/** The stable ascending order of `keys` (no NaN): a scratch array, valid until the next sort. */
function stableOrder(keys: Float64Array): Uint32Array {
  const n = keys.length;
  const order = scratch.u32('stable', n).subarray(0, n);
  const plan = planKeys(keys);
  if (plan.kind === 'radix') return radixSort(keys, plan.range, order);
  if (plan.kind === 'sorted') {
    for (let i = 0; i < n; i++) order[i] = i;
    return order;
  }
  const { ids, counts } = plan;
  const starts = STARTS;
  let sum = 0;
  for (const id of plan.order) {
    starts[id] = sum;
    sum += counts[id]!;
  }
  for (let i = 0; i < n; i++) order[starts[ids[i]!]!++] = i;
  return order;
}

/**
 * The stable ascending order of `keys` (no NaN; `range` theirs), into a scratch array by default:
 * an LSD radix sort in 16-bit passes over each key's 64 bits made order-preserving as an unsigned
 * integer: a double's bits, or for integer keys (positions by chromosome) its distance from the
 * smallest key, whose high digits are all zero, so their passes are skipped.
 */
export function radixSort(
  keys: Float64Array,
  range: KeyRange,
  into = scratch.u32('stable', keys.length).subarray(0, keys.length),
): Uint32Array {
  const n = keys.length;
  let order = into;
  for (let i = 0; i < n; i++) order[i] = i;
  let low = scratch.u32('low', n).subarray(0, n);
  let high = scratch.u32('high', n).subarray(0, n);
  const { min, max } = range;
  if (range.integers && max - min <= Number.MAX_SAFE_INTEGER) {
    for (let i = 0; i < n; i++) {
      const u = keys[i]! - min; // exact: both are integers, the distance a safe one
      const h = Math.floor(u / 4294967296);
      high[i] = h;
      low[i] = u - h * 4294967296;
    }
  } else {
    const bits = new Uint32Array(keys.buffer, keys.byteOffset, n * 2);
    for (let i = 0; i < n; i++) {
      const h = bits[2 * i + 1]!;
      const l = bits[2 * i]!;
      // Negative doubles: all bits inverted; positive: the sign bit set. Unsigned order is then numeric order.
      if (h & 0x80000000) {
        high[i] = ~h >>> 0;
        low[i] = ~l >>> 0;
      } else {
        high[i] = (h | 0x80000000) >>> 0;
        low[i] = l;
      }
    }
  }
  // The words travel with the order, so every pass reads them in sequence (not through the order).
  let nextOrder = scratch.u32('nextOrder', n).subarray(0, n);
  let nextLow = scratch.u32('nextLow', n).subarray(0, n);
  let nextHigh = scratch.u32('nextHigh', n).subarray(0, n);
  const counts = COUNTS;
  for (const [onHigh, shift] of [
    [false, 0],
    [false, 16],
    [true, 0],
    [true, 16],
  ] as const) {
    const word = onHigh ? high : low;
    counts.fill(0, 0, 65536);
    for (let k = 0; k < n; k++) counts[(word[k]! >>> shift) & 0xffff]!++;
    if (n === 0 || counts[(word[0]! >>> shift) & 0xffff] === n) continue; // every key has this digit: nothing to do
    let sum = 0;
    for (let d = 0; d < 65536; d++) {
      const c = counts[d]!;
      counts[d] = sum;
      sum += c;
    }
    const moveLow = !onHigh && shift === 0; // the low word is still needed by the next pass
    for (let k = 0; k < n; k++) {
      const at = counts[(word[k]! >>> shift) & 0xffff]!++;
      nextOrder[at] = order[k]!;
      nextHigh[at] = high[k]!;
      if (moveLow) nextLow[at] = low[k]!;
    }
    [order, nextOrder] = [nextOrder, order];
    [high, nextHigh] = [nextHigh, high];
    if (moveLow) [low, nextLow] = [nextLow, low];
  }
  if (order !== into) into.set(order);
  return into;
}

const SLOTS = MAX_BUCKETS * 2;
const slotKeys = new Float64Array(SLOTS);
const slotIds = new Int32Array(SLOTS);
const bucketKeys = new Float64Array(MAX_BUCKETS);
/** Per bucket (at most MAX_BUCKETS, plus NaN's): its count, then where its next item goes. */
const COUNTS = new Uint32Array(MAX_BUCKETS + 1);
const STARTS = new Uint32Array(MAX_BUCKETS + 1);

/**
 * Working arrays kept from one sort to the next: a million-row sort needs some 20 MB of them, and
 * allocating that afresh every time made the garbage collector the slowest step.
 */
const scratch = new (class {
  private readonly doubles = new Map<string, Float64Array>();
  private readonly words = new Map<string, Uint32Array>();
  f64(name: string, n: number): Float64Array {
    let array = this.doubles.get(name);
    if (!array || array.length < n) this.doubles.set(name, (array = new Float64Array(n)));
    return array;
  }
  u32(name: string, n: number): Uint32Array {
    let array = this.words.get(name);
    if (!array || array.length < n) this.words.set(name, (array = new Uint32Array(n)));
    return array;
  }
})();

/** A scratch array for the caller's keys, valid until the next sort. */
export const scratchKeys = (n: number): Float64Array => scratch.f64('keys', n).subarray(0, n);
/** A scratch array of row indices, valid until the next sort. */
export const scratchIndices = (n: number): Uint32Array => scratch.u32('indices', n).subarray(0, n);
