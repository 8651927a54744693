/**
 * The server revision of each document state this device has seen, so a push can name the
 * revision it builds on without first asking the server for it.
 *
 * An entry is trusted only for the exact state it was recorded with (a signature of the body):
 * when RxDB pushes an edit based on that state, its revision is the right one. Any doubt (no
 * entry, another state) falls back to asking the server, and a revision the server has moved
 * past is answered with a conflict: a stale entry can cost a request, never an edit.
 */
import { stableHash } from '../data/conflicts';

interface Entry {
  rev: string;
  signature: number;
  /**
   * For our own accepted writes, the body as sent, until the server's feed lists that revision:
   * the feed then needs no download, yet RxDB still sees the state in feed order (an older
   * revision read before our write must not be the last word).
   */
  sent: Record<string, unknown> | null;
}

/** Body fields only: RxDB's bookkeeping (`_meta`, `_rev`, `_attachments`) is not content. */
function signatureOf(doc: Record<string, unknown>): number {
  return stableHash(
    JSON.stringify(doc, (key, value: unknown) =>
      key.startsWith('_') && key !== '_deleted' && key !== '' ? undefined : value,
    ),
  );
}

export class RevisionCache {
  private readonly entries = new Map<string, Entry>();
  /** How many of our own writes the feed has not listed yet. */
  private unseenSent = 0;

  /** A state pulled from the server. */
  rememberPulled(id: string, rev: string, doc: Record<string, unknown>): void {
    const previous = this.entries.get(id);
    if (previous?.sent) this.unseenSent--;
    this.entries.set(id, { rev, signature: signatureOf(doc), sent: null });
  }

  /** A state this device wrote and the server accepted as `rev` (`wire` is what was sent). */
  rememberSent(id: string, rev: string, doc: Record<string, unknown>, wire: Record<string, unknown>): void {
    if (!this.entries.get(id)?.sent) this.unseenSent++;
    this.entries.set(id, { rev, signature: signatureOf(doc), sent: { ...wire, _rev: rev } });
  }

  /** True while some of our own writes may still come back through the feed. */
  hasUnseenSent(): boolean {
    return this.unseenSent > 0;
  }

  /** The server revision of exactly this state, if known. */
  revisionOf(id: string, state: Record<string, unknown>): string | null {
    const entry = this.entries.get(id);
    return entry && entry.signature === signatureOf(state) ? entry.rev : null;
  }

  /** The body of a revision this device wrote itself, once, when the feed lists it. */
  takeSent(id: string, rev: string): Record<string, unknown> | null {
    const entry = this.entries.get(id);
    if (!entry || entry.rev !== rev || !entry.sent) return null;
    const body = entry.sent;
    entry.sent = null;
    this.unseenSent--;
    return body;
  }

  forget(id: string): void {
    if (this.entries.get(id)?.sent) this.unseenSent--;
    this.entries.delete(id);
  }
}
