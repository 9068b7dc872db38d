import type { RecordStore } from './recordStore';

/**
 * One Int32 slot per applicant-list id of each RecordStore met (all `initial` at first), for the passes that
 * count or code a store's records by their list: the last store's slots are kept at hand, since records come
 * in runs of one store, so a record costs no Map lookup.
 */
export class ListSlots {
  private readonly byStore = new Map<RecordStore, Int32Array>();
  private last: RecordStore | undefined;
  private lastSlots: Int32Array = new Int32Array(0);

  constructor(private readonly initial = 0) {}

  /** The store's slots, indexed by list id. */
  of(store: RecordStore): Int32Array {
    if (store !== this.last) {
      let slots = this.byStore.get(store);
      if (slots === undefined) {
        slots = new Int32Array(store.applicantLists.length);
        if (this.initial !== 0) slots.fill(this.initial);
        this.byStore.set(store, slots);
      }
      this.last = store;
      this.lastSlots = slots;
    }
    return this.lastSlots;
  }

  /** Every store met, with its slots. */
  entries(): IterableIterator<[RecordStore, Int32Array]> {
    return this.byStore.entries();
  }
}
