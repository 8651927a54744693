/**
 * The alphabetic words of the whole index, sorted: where typos are looked for. Built by merging
 * the segments' sorted term lists (no hashing of every term at start-up); words added later are
 * inserted by binary search.
 */
import { isAlphaTerm } from './analyze';
import { lowerBound } from './segment';

export class AlphaVocabulary {
  private sorted: string[] = [];
  private pending: string[] = [];

  /** Adds words (anything not purely a-z is ignored). */
  add(terms: readonly string[]): void {
    for (const t of terms) if (isAlphaTerm(t)) this.pending.push(t);
  }

  /** Merges sorted term lists (a segment's terms) in one linear pass. */
  mergeSorted(lists: readonly (readonly string[])[]): void {
    const sources = [this.words(), ...lists];
    const cursors = sources.map(() => 0);
    const out: string[] = [];
    for (;;) {
      let next: string | undefined;
      for (let k = 0; k < sources.length; k++) {
        const list = sources[k]!;
        let c = cursors[k]!;
        while (c < list.length && !isAlphaTerm(list[c]!)) c++;
        cursors[k] = c;
        const t = list[c];
        if (t !== undefined && (next === undefined || t < next)) next = t;
      }
      if (next === undefined) break;
      out.push(next);
      for (let k = 0; k < sources.length; k++) if (sources[k]![cursors[k]!] === next) cursors[k]!++;
    }
    this.sorted = out;
  }

  words(): readonly string[] {
    if (this.pending.length > 0) {
      if (this.pending.length < 64) {
        for (const t of this.pending) {
          const at = lowerBound(this.sorted, t);
          if (this.sorted[at] !== t) this.sorted.splice(at, 0, t);
        }
      } else {
        const all = this.sorted.concat(this.pending).sort();
        this.sorted = all.filter((t, i) => i === 0 || t !== all[i - 1]);
      }
      this.pending = [];
    }
    return this.sorted;
  }
}
