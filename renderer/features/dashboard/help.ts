/** What each figure means, in a line; the exact rules live in shared/domain/kpi/dashboard.ts. */
export const KPI_HELP = {
  opened: 'Tickets created in the period.',
  resolved: 'Tickets whose latest resolution falls in the period, counted once even if reopened.',
  backlog: 'Tickets still open when the figures stand, whatever their age.',
  'resolution-time':
    'Business hours from creation to resolution, time on hold left out, for tickets resolved in the period.',
  'first-response':
    'Business hours to the first public reply by staff or the first move out of New, for responses in the period.',
  'sla-response':
    'Tickets opened in the period under an SLA: answered in time, deadline passed, or clock still running. Rate = met ÷ (met + breached).',
  'sla-resolution':
    'Tickets opened in the period under an SLA: resolved in time, deadline passed, or clock still running. Rate = met ÷ (met + breached).',
  csat: 'Each ticket’s latest satisfaction answer, when given in the period: share of 4 and 5, and the mean score.',
  fcr: 'Tickets resolved in the period that stayed with one person, never waited in Pending and were never reopened.',
  reopen: 'Tickets resolved in the period that have been reopened at least once.',
  problems: 'Problems resolved in the period: mean working time from creation to resolution.',
  changes: 'Changes closed in the period with a closure code: the share that went in successfully.',
  assets: 'Every asset in the CMDB by lifecycle state, as it stands now.',
  audits: 'Audit campaigns closed in the period: expected assets found, as a share of all expected.',
} as const;

export type KpiId = keyof typeof KPI_HELP;
