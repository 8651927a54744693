/**
 * A drill-down as a URL (#/tickets?drill=...): the figure's key with the period and filters it
 * was counted under, so the ticket list recomputes the same tickets after a reload or from a
 * link. The text comes from the address bar, so decoding checks every part.
 */
import { isTimeZone } from '../calendar';
import { TICKET_KINDS, type Priority, type TicketKind } from '../model';
import { AGE_LABELS } from './report';
import {
  AGE_BUCKETS,
  type AgeBucket,
  type DrillKey,
  type Granularity,
  type KpiFilters,
  type Period,
} from './model';

export interface DrillSpec {
  key: DrillKey;
  period: Period;
  granularity: Granularity;
  filters: KpiFilters;
  timeZone: string;
}

const AGES = AGE_BUCKETS.join('|');
const DRILL_KEY = new RegExp(
  [
    '(opened|resolved)(@\\d{1,15})?',
    'backlog',
    `backlog\\.p[1-5]`,
    `backlog\\.age\\.(${AGES})`,
    `backlog\\.p[1-5]\\.age\\.(${AGES})`,
    'resolutionTime',
    'firstResponse',
    'sla\\.(response|resolution)\\.(met|breached|inProgress)',
    'csat(\\.[1-5])?',
    'fcr(\\.yes)?',
    'reopen(\\.yes)?',
    'problems\\.resolved',
    'changes\\.[a-z_]{1,40}',
  ]
    .map((p) => `^${p}$`)
    .join('|'),
);

export function isDrillKey(value: string): value is DrillKey {
  return DRILL_KEY.test(value);
}

const MAX_LIST = 200;
const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** `a=1&b=2` to a map; shared/ has no DOM, so no URLSearchParams. Parts stay encoded. */
function parseParams(text: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const part of text.replace(/^\?/, '').split('&')) {
    const eq = part.indexOf('=');
    if (eq > 0 && !params.has(part.slice(0, eq))) params.set(part.slice(0, eq), part.slice(eq + 1));
  }
  return params;
}

function list(params: Map<string, string>, name: string): string[] {
  const raw = params.get(name);
  if (!raw) return [];
  return raw
    .split(',')
    .slice(0, MAX_LIST)
    .map((v) => decodePart(v) ?? '\u0000');
}

export function encodeDrill(spec: DrillSpec): string {
  const { kinds, groupIds, assigneeIds, categories, priorities } = spec.filters;
  const parts: [string, readonly (string | number)[]][] = [
    ['key', [spec.key]],
    ['from', [spec.period.from]],
    ['to', [spec.period.to]],
    ['g', [spec.granularity]],
    ['tz', [spec.timeZone]],
    ['kinds', kinds],
    ['groups', groupIds],
    ['agents', assigneeIds],
    ['cats', categories],
    ['prio', priorities],
  ];
  // Each value is encoded on its own, so commas inside a category cannot split it.
  return parts
    .filter(([, values]) => values.length > 0)
    .map(([name, values]) => `${name}=${values.map((v) => encodeURIComponent(String(v))).join(',')}`)
    .join('&');
}

function decodePart(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

/** The spec, or null when any part is missing or malformed. */
export function decodeDrill(text: string): DrillSpec | null {
  const params = parseParams(text);
  const one = (name: string): string => list(params, name)[0] ?? '';
  const key = one('key');
  const from = Number(one('from'));
  const to = Number(one('to'));
  const g = one('g');
  const tz = one('tz');
  if (!isDrillKey(key) || !Number.isSafeInteger(from) || !Number.isSafeInteger(to) || to <= from) return null;
  if (g !== 'day' && g !== 'week' && g !== 'month') return null;
  if (!isTimeZone(tz)) return null;
  const kinds = list(params, 'kinds');
  if (!kinds.every((k) => (TICKET_KINDS as readonly string[]).includes(k))) return null;
  const groupIds = list(params, 'groups');
  const assigneeIds = list(params, 'agents');
  if (![...groupIds, ...assigneeIds].every((id) => ID.test(id))) return null;
  const categories = list(params, 'cats');
  if (categories.some((c) => c.includes('\u0000') || c.length > 80)) return null;
  const priorities = list(params, 'prio').map(Number);
  if (!priorities.every((p) => Number.isInteger(p) && p >= 1 && p <= 5)) return null;
  return {
    key,
    period: { from, to },
    granularity: g,
    timeZone: tz,
    filters: {
      kinds: kinds as TicketKind[],
      groupIds,
      assigneeIds,
      categories,
      priorities: priorities as Priority[],
    },
  };
}

const FIXED_TEXT: Readonly<Record<string, string>> = {
  opened: 'Opened in the period',
  resolved: 'Resolved in the period',
  backlog: 'Open at the end of the period',
  resolutionTime: 'Resolved in the period (resolution time)',
  firstResponse: 'First response in the period',
  'sla.response.met': 'Response target met',
  'sla.response.breached': 'Response target breached',
  'sla.response.inProgress': 'Response clock still running',
  'sla.resolution.met': 'Resolution target met',
  'sla.resolution.breached': 'Resolution target breached',
  'sla.resolution.inProgress': 'Resolution clock still running',
  csat: 'Satisfaction answers in the period',
  fcr: 'Resolved in the period (first-contact base)',
  'fcr.yes': 'Resolved at first contact',
  reopen: 'Resolved in the period (reopen base)',
  'reopen.yes': 'Resolved and reopened',
  'problems.resolved': 'Problems resolved in the period',
  'changes.closed': 'Changes closed in the period',
};

/** What a drill-down shows, in words ("Open at the end of the period · P1"). */
export function drillText(key: DrillKey, formatDate: (t: number) => string): string {
  const fixed = FIXED_TEXT[key];
  if (fixed) return fixed;
  const bucket = /^(opened|resolved)@(\d+)$/.exec(key);
  if (bucket)
    return `${bucket[1] === 'opened' ? 'Opened' : 'Resolved'} from ${formatDate(Number(bucket[2]))}`;
  const backlog = /^backlog(?:\.p(\d))?(?:\.age\.(\w+))?$/.exec(key);
  if (backlog) {
    const parts = ['Open at the end of the period'];
    if (backlog[1]) parts.push(`P${backlog[1]}`);
    if (backlog[2]) parts.push(`${AGE_LABELS[backlog[2] as AgeBucket] ?? backlog[2]} old`);
    return parts.join(' · ');
  }
  const csat = /^csat\.(\d)$/.exec(key);
  if (csat) return `Satisfaction answers of ${csat[1]}`;
  if (key.startsWith('changes.'))
    return `Changes closed as ${key.slice('changes.'.length).replace(/_/g, ' ')}`;
  return key;
}
