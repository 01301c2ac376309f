import type { LinkRecord } from '../../contract/link-records.js';
import { byTime, foldLink, foldStep, type FoldedLink } from './linked-fold.js';
import type { LinkStore } from './link-store.js';

/**
 * Each link's fold of its records, kept between records: a record that comes after the rest
 * (the usual case) is one step of it; any other change makes it again from the store when next
 * asked for.
 */
export class LinkFolds {
  private readonly folds = new Map<string, FoldedLink>();

  constructor(private readonly store: LinkStore) {}

  of(link: string): FoldedLink {
    let f = this.folds.get(link);
    if (!f) this.folds.set(link, (f = foldLink(this.store.records(link))));
    return f;
  }

  /** Another room's record just stored on its link. */
  stored(record: LinkRecord): void {
    const f = this.folds.get(record.link);
    if (f?.last && byTime(f.last, record) < 0) foldStep(f, record);
    else this.folds.delete(record.link);
  }

  /** The link's records changed otherwise (one of this room's stored, a record rolled back, the link forgotten). */
  stale(link: string): void {
    this.folds.delete(link);
  }
}
