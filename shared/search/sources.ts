/**
 * What each collection contributes to the index. Readers of replicated documents cannot trust
 * their shape completely (another version may have written them), so every field is read
 * defensively and missing text is simply empty.
 */
import {
  ARTICLE_STATE_LABELS,
  CI_CLASS_LABELS,
  CI_STATE_LABELS,
  KIND_LABELS,
  ROLE_LABELS,
  STATUS_LABELS,
  labelOf,
} from '../domain/labels';
import type { ArticleDoc, CiDoc, PersonDoc, TicketDoc } from '../domain/model';
import type { SearchSource } from './types';

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x) => typeof x === 'string') : []);
const join = (...parts: string[]) => parts.filter(Boolean).join(' · ');

export function ticketSource(t: TicketDoc, lwt: number): SearchSource {
  const kind = labelOf(KIND_LABELS, str(t.kind));
  const status = str(t.status);
  return {
    type: 'ticket',
    id: t.id,
    lwt,
    title: str(t.title),
    subtitle: join(str(t.number), kind, labelOf(STATUS_LABELS, status)),
    idents: [str(t.number)].filter(Boolean),
    keywords: [str(t.category), ...strings(t.tags), kind].join(' '),
    body: [
      str(t.description),
      str(t.resolutionNotes),
      str(t.rootCause),
      str(t.workaround),
      str(t.implementationPlan),
      str(t.backoutPlan),
      str(t.testPlan),
      str(t.version),
    ]
      .filter(Boolean)
      .join('\n'),
    status,
    updatedAt: num(t.updatedAt),
  };
}

export function ciSource(ci: CiDoc, lwt: number): SearchSource {
  const cls = labelOf(CI_CLASS_LABELS, str(ci.ciClass));
  const attributes =
    ci.attributes && typeof ci.attributes === 'object'
      ? Object.values(ci.attributes)
          .filter((v) => typeof v === 'string' || typeof v === 'number')
          .join(' ')
      : '';
  const status = str(ci.state);
  return {
    type: 'ci',
    id: ci.id,
    lwt,
    title: str(ci.name),
    subtitle: join(cls, str(ci.assetTag), str(ci.serial), labelOf(CI_STATE_LABELS, status)),
    idents: [str(ci.assetTag), str(ci.serial)].filter(Boolean),
    keywords: cls,
    body: attributes,
    status,
    updatedAt: num(ci.updatedAt),
  };
}

/** Markdown source as plain words: markup characters and link targets add nothing to search. */
export function markdownText(source: string): string {
  return source
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}(?:#{1,6}|>|[-*+]|\d+[.)])\s+/gm, '')
    .replace(/[*_`~|]+/g, '')
    .replace(/\s*\n\s*/g, '\n');
}

export function articleSource(a: ArticleDoc, lwt: number): SearchSource {
  const status = str(a.state);
  const category = str(a.category);
  return {
    type: 'article',
    id: a.id,
    lwt,
    title: str(a.title),
    subtitle: join('Article', category, labelOf(ARTICLE_STATE_LABELS, status)),
    idents: [],
    keywords: [category, ...strings(a.tags)].join(' '),
    body: markdownText(str(a.body)),
    status,
    updatedAt: num(a.updatedAt),
  };
}

const PERSON_KIND_LABELS: Record<string, string> = { user: 'Person', group: 'Group', location: 'Location' };

export function personSource(p: PersonDoc, lwt: number): SearchSource {
  const kind = str(p.personKind);
  const roles = strings(p.roles).map((r) => labelOf(ROLE_LABELS, r));
  return {
    type: 'person',
    id: p.id,
    lwt,
    title: str(p.name),
    subtitle: join(PERSON_KIND_LABELS[kind] ?? kind, str(p.email), roles.join(', ')),
    idents: [str(p.email)].filter(Boolean),
    keywords: roles.join(' '),
    body: '',
    status: kind,
    updatedAt: num(p.updatedAt),
  };
}
