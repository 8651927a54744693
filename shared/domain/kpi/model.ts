/**
 * Types of the on-device KPIs. A ticket's timeline is folded once into `TicketFacts` (when it
 * was opened, each spell resolved, its first response, its SLA deadlines, its latest survey);
 * every figure of the dashboard is then a pass over the facts for a period and filters. Facts
 * hold instants rather than outcomes, so one set of facts answers any period: "breached" at the
 * end of last month is "the deadline fell before that instant".
 */
import type { CiState, Priority, TicketKind, TicketStatus } from '../model';

/** One stretch of time a ticket spent resolved or closed. */
export interface DoneSpell {
  /** When it was resolved (or closed straight from an open status). */
  at: number;
  /** Business working time it had been open by then, paused (Pending) time left out. */
  workMs: number;
  /** When it was reopened; null while it stays resolved or closed. */
  endedAt: number | null;
}

export interface TicketFacts {
  id: string;
  number: string;
  kind: TicketKind;
  priority: Priority;
  groupId: string;
  assigneeId: string;
  category: string;
  status: TicketStatus;
  resolutionCode: string;
  createdAt: number;
  /** Every spell resolved, closed or cancelled, oldest first. */
  done: DoneSpell[];
  /** First public reply by staff or first move out of New (the SLA response rule); null = none. */
  respondedAt: number | null;
  /** Business working time from creation to `respondedAt`. */
  responseWorkMs: number | null;
  /**
   * When each SLA clock breached or, while it runs, will breach if nothing changes; null = it
   * never breached (met, or paused). `sla` itself is null when no policy applies.
   */
  sla: { responseBreachAt: number | null; resolutionBreachAt: number | null } | null;
  /** The latest satisfaction answer (1-5). */
  survey: { at: number; score: number } | null;
  /** Never handed to another person or group after the first assignment, and never Pending. */
  singleTouch: boolean;
}

export type PeriodPreset =
  'last7' | 'last30' | 'last90' | 'thisMonth' | 'lastMonth' | 'thisQuarter' | 'last12Months' | 'custom';

/** [from, to): instants. */
export interface Period {
  from: number;
  to: number;
}

export type Granularity = 'day' | 'week' | 'month';

/** Empty list = no filter. */
export interface KpiFilters {
  kinds: TicketKind[];
  groupIds: string[];
  assigneeIds: string[];
  categories: string[];
  priorities: Priority[];
}

/** The service-desk kinds the volume, backlog, time, SLA and satisfaction figures count by default. */
export const DESK_KINDS: readonly TicketKind[] = ['incident', 'request'];

export const NO_KPI_FILTERS: KpiFilters = Object.freeze({
  kinds: [],
  groupIds: [],
  assigneeIds: [],
  categories: [],
  priorities: [],
}) as KpiFilters;

export interface KpiQuery {
  period: Period;
  granularity: Granularity;
  filters: KpiFilters;
  /** The zone whose local days, weeks and months the series buckets follow. */
  timeZone: string;
  now: number;
}

export const AGE_BUCKETS = ['lt1d', '1to3d', '3to7d', '7to30d', 'gt30d'] as const;
export type AgeBucket = (typeof AGE_BUCKETS)[number];

/**
 * What a figure counts, named so the ticket list can show exactly the tickets behind it.
 * `@<instant>` names a series bucket by its start.
 */
export type DrillKey =
  | 'opened'
  | 'resolved'
  | `opened@${number}`
  | `resolved@${number}`
  | 'backlog'
  | `backlog.p${Priority}`
  | `backlog.age.${AgeBucket}`
  | `backlog.p${Priority}.age.${AgeBucket}`
  | 'resolutionTime'
  | 'firstResponse'
  | `sla.${'response' | 'resolution'}.${'met' | 'breached' | 'inProgress'}`
  | 'csat'
  | `csat.${1 | 2 | 3 | 4 | 5}`
  | 'fcr'
  | 'fcr.yes'
  | 'reopen'
  | 'reopen.yes'
  | 'problems.resolved'
  | 'changes.closed'
  | `changes.${string}`;

/** Count, mean and median of durations; null means and medians when nothing was counted. */
export interface DurationStats {
  count: number;
  meanMs: number | null;
  medianMs: number | null;
}

export interface Compliance {
  met: number;
  breached: number;
  inProgress: number;
  /** met / (met + breached); null when neither. */
  rate: number | null;
}

export interface SeriesPoint {
  start: number;
  end: number;
  opened: number;
  resolved: number;
}

export interface AuditFigure {
  id: string;
  name: string;
  closedAt: number;
  expected: number;
  /** Expected assets scanned, wherever they were found. */
  found: number;
}

export interface Dashboard {
  query: KpiQuery;
  /** Figures stand as of this instant: the period's end, or now for a period still running. */
  asOf: number;
  volume: { opened: number; resolved: number; series: SeriesPoint[] };
  backlog: {
    total: number;
    byPriority: { priority: Priority; count: number }[];
    byAge: { bucket: AgeBucket; count: number }[];
    /** matrix[priority - 1][age bucket index] */
    matrix: number[][];
  };
  resolutionTime: DurationStats;
  firstResponse: DurationStats;
  sla: { response: Compliance; resolution: Compliance };
  csat: {
    answers: number;
    /** Answers of 4 or 5. */
    satisfied: number;
    share: number | null;
    mean: number | null;
    /** byScore[score - 1] */
    byScore: number[];
  };
  fcr: { resolved: number; firstContact: number; rate: number | null };
  reopen: { resolved: number; reopened: number; rate: number | null };
  problems: { resolved: number; timeToResolve: DurationStats };
  changes: {
    closed: number;
    byCode: { code: string; count: number }[];
    successful: number;
    rate: number | null;
  };
  assets: { total: number; byState: { state: CiState; count: number }[] };
  audits: { closed: number; expected: number; found: number; rate: number | null; list: AuditFigure[] };
}
