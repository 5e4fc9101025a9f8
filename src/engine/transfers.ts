import type { Transfer } from './sim';

/**
 * The transfers in flight, in the order they started: what the map draws. A transfer is published
 * as its flow starts and flow ids only grow, so the list is sorted by id: removing one finds it by
 * binary search and leaves a hole, and the holes are squeezed out once they outnumber the live
 * entries. (A `Map` by id did the same with a hash insert and delete per flow, ~2–3 % of the
 * engine benchmark's loop.) An id that arrives out of order is inserted in its place.
 */
export class TransferTable implements Iterable<Transfer> {
  /** Ids of `items`, ascending, including those of removed entries until they are squeezed out. */
  private ids: number[] = [];
  private items: Array<Transfer | undefined> = [];
  private live = 0;

  get size(): number {
    return this.live;
  }

  add(t: Transfer): void {
    const n = this.ids.length;
    if (n === 0 || this.ids[n - 1]! < t.id) {
      this.ids.push(t.id);
      this.items.push(t);
    } else {
      const at = this.indexOf(t.id);
      if (this.ids[at] === t.id) {
        if (this.items[at] === undefined) this.live++;
        this.items[at] = t;
        return;
      }
      this.ids.splice(at, 0, t.id);
      this.items.splice(at, 0, t);
    }
    this.live++;
  }

  /** Removes the transfer with this id; returns whether there was one. */
  delete(id: number): boolean {
    const at = this.indexOf(id);
    if (this.ids[at] !== id || this.items[at] === undefined) return false;
    this.items[at] = undefined;
    this.live--;
    if (this.live * 2 < this.items.length && this.items.length > 16) this.squeeze();
    return true;
  }

  *values(): IterableIterator<Transfer> {
    for (const t of this.items) if (t !== undefined) yield t;
  }

  [Symbol.iterator](): IterableIterator<Transfer> {
    return this.values();
  }

  /** The first position whose id is at least `id`. */
  private indexOf(id: number): number {
    const ids = this.ids;
    let lo = 0;
    let hi = ids.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ids[mid]! < id) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private squeeze(): void {
    const ids: number[] = [];
    const items: Transfer[] = [];
    for (let i = 0; i < this.items.length; i++) {
      const t = this.items[i];
      if (t === undefined) continue;
      ids.push(this.ids[i]!);
      items.push(t);
    }
    this.ids = ids;
    this.items = items;
  }
}
