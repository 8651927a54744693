/**
 * How articles are used, read from append-only records so replicas never conflict:
 * - published versions are `version` activities (the article's content when it was published);
 * - helpful / not helpful answers are `feedback` activities: each person's latest one counts;
 * - views are `views` activities, one per device, article and day, holding that day's count.
 *   A device counts its views locally and records a day once the day is over, so reading an
 *   article never writes a synced document, and a day recorded twice (two windows) has the
 *   same id and is stored once;
 * - "solved by" links are `solves` relations from the article to the ticket, with an id
 *   derived from the pair, so two people linking the same ticket offline make one link.
 */
import type { ArticleVersion } from './articles';
import { CROCKFORD, encodeUlidTime, ID_PREFIX } from './ids';
import type { ActivityDoc, FileDoc, RelationDoc } from './model';

const DAY = 86_400_000;

/** Newest last: by time, then id, so every replica lists the same order. */
function chronological(a: ActivityDoc, b: ActivityDoc): number {
  return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function articleVersions(activities: readonly ActivityDoc[]): ArticleVersion[] {
  return activities
    .filter((a) => a.kind === 'version' && a.snapshot)
    .sort(chronological)
    .map((a) => ({
      id: a.id,
      title: a.snapshot?.title ?? '',
      category: a.snapshot?.category ?? '',
      tags: [...(a.snapshot?.tags ?? [])],
      version: a.snapshot?.version ?? 1,
      body: a.body,
      publishedAt: a.createdAt,
      publishedBy: a.createdBy,
    }));
}

/** "v3", or "v3 (2)" for the second version published under the same number. */
export function versionLabels(versions: readonly ArticleVersion[]): Map<string, string> {
  const seen = new Map<number, number>();
  const labels = new Map<string, string>();
  for (const v of versions) {
    const n = (seen.get(v.version) ?? 0) + 1;
    seen.set(v.version, n);
    labels.set(v.id, n === 1 ? `v${v.version}` : `v${v.version} (${n})`);
  }
  return labels;
}

export interface FeedbackTally {
  helpful: number;
  notHelpful: number;
  /** The given person's current answer, null when they gave none. */
  mine: boolean | null;
}

export function tallyFeedback(activities: readonly ActivityDoc[], personId = ''): FeedbackTally {
  const latest = new Map<string, boolean>();
  for (const a of [...activities].sort(chronological)) {
    if (a.kind === 'feedback' && typeof a.helpful === 'boolean') latest.set(a.createdBy, a.helpful);
  }
  let helpful = 0;
  for (const value of latest.values()) if (value) helpful++;
  return { helpful, notHelpful: latest.size - helpful, mine: latest.get(personId) ?? null };
}

export function totalViews(activities: readonly ActivityDoc[]): number {
  const counted = new Set<string>();
  let total = 0;
  for (const a of activities) {
    if (a.kind !== 'views' || counted.has(a.id)) continue;
    counted.add(a.id);
    total += a.count ?? 0;
  }
  return total;
}

/** The distinct tickets an article solved, in the order they were linked. */
export function solvedTicketIds(relations: readonly RelationDoc[], articleId: string): string[] {
  const ids: string[] = [];
  const sorted = [...relations].sort((a, b) => a.createdAt - b.createdAt);
  for (const r of sorted) {
    if (r.relType === 'solves' && r.fromId === articleId && !ids.includes(r.toId)) ids.push(r.toId);
  }
  return ids;
}

/** Start of the UTC day holding `ts`: days are the same on every device, whatever its zone. */
export function dayStart(ts: number): number {
  return Math.floor(ts / DAY) * DAY;
}

function mix(text: string, seed: number): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/**
 * A ULID whose random part is derived from `key`: the same key and time give the same id on
 * every device, which turns "record this once" into "write this id" (a second write is refused
 * as a duplicate instead of counted twice).
 */
export function derivedUlid(time: number, key: string): string {
  let out = encodeUlidTime(time);
  for (let round = 0; out.length < 26; round++) {
    let h = mix(key, round);
    for (let i = 0; i < 8 && out.length < 26; i++) {
      out += CROCKFORD.charAt(h % 32);
      h = Math.floor(h / 32);
    }
  }
  return out;
}

export function viewsActivityId(articleId: string, deviceId: string, day: number): string {
  return `${ID_PREFIX.activity}_${derivedUlid(dayStart(day), `views|${articleId}|${deviceId}|${dayStart(day)}`)}`;
}

export function solvesRelationId(articleId: string, ticketId: string): string {
  return `${ID_PREFIX.relation}_${derivedUlid(0, `solves|${articleId}|${ticketId}`)}`;
}

/**
 * The file an image reference of an article points at: an attached image of that article,
 * by file id or else by file name (case-insensitive; the first one attached wins). Null for
 * anything else, which the article then shows as the image's alt text.
 */
export function resolveAttachment(ref: string, files: readonly FileDoc[], articleId: string): FileDoc | null {
  const images = files.filter((f) => f.parentId === articleId && f.contentType.startsWith('image/'));
  const byId = images.find((f) => f.id === ref);
  if (byId) return byId;
  const name = ref.toLowerCase();
  return (
    [...images].sort((a, b) => a.createdAt - b.createdAt).find((f) => f.name.toLowerCase() === name) ?? null
  );
}
