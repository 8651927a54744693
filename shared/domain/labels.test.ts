import { describe, expect, it } from 'vitest';
import {
  ACTIVITY_KIND_LABELS,
  ARTICLE_STATE_LABELS,
  CHANGE_TYPE_LABELS,
  CI_CLASS_LABELS,
  CI_STATE_LABELS,
  KIND_LABELS,
  PENDING_REASON_LABELS,
  PRIORITY_LABELS,
  RELATION_TYPE_LABELS,
  RELEASE_STAGE_LABELS,
  RESOLUTION_CODE_LABELS,
  RISK_LEVEL_LABELS,
  ROLE_LABELS,
  STATUS_LABELS,
  VOTE_LABELS,
  labelOf,
  priorityLabel,
  resolutionCodeLabel,
} from './labels';
import {
  ACTIVITY_KINDS,
  ARTICLE_STATES,
  CHANGE_TYPES,
  CI_CLASSES,
  CI_STATES,
  PENDING_REASONS,
  RELATION_TYPES,
  RELEASE_STAGES,
  RISK_LEVELS,
  ROLES,
  TICKET_KINDS,
  TICKET_STATUSES,
  VOTES,
} from './model';
import { RESOLUTION_CODES } from './status';

const cases: [string, readonly string[], Readonly<Record<string, string>>][] = [
  ['kinds', TICKET_KINDS, KIND_LABELS],
  ['statuses', TICKET_STATUSES, STATUS_LABELS],
  ['pending reasons', PENDING_REASONS, PENDING_REASON_LABELS],
  ['resolution codes', RESOLUTION_CODES, RESOLUTION_CODE_LABELS],
  ['CI classes', CI_CLASSES, CI_CLASS_LABELS],
  ['CI states', CI_STATES, CI_STATE_LABELS],
  ['roles', ROLES, ROLE_LABELS],
  ['activity kinds', ACTIVITY_KINDS, ACTIVITY_KIND_LABELS],
  ['relation types', RELATION_TYPES, RELATION_TYPE_LABELS],
  ['article states', ARTICLE_STATES, ARTICLE_STATE_LABELS],
  ['change types', CHANGE_TYPES, CHANGE_TYPE_LABELS],
  ['risk levels', RISK_LEVELS, RISK_LEVEL_LABELS],
  ['release stages', RELEASE_STAGES, RELEASE_STAGE_LABELS],
  ['votes', VOTES, VOTE_LABELS],
];

describe('labels', () => {
  it.each(cases)('label every one of the %s, and nothing else', (_name, values, labels) => {
    expect(Object.keys(labels).sort()).toEqual([...values].sort());
    for (const value of values) {
      const label = labels[value] ?? '';
      expect(label.trim()).not.toBe('');
      expect(label.charAt(0)).toBe(label.charAt(0).toUpperCase());
    }
    expect(new Set(Object.values(labels)).size).toBe(values.length);
  });

  it('reads well for a few known values', () => {
    expect(STATUS_LABELS.in_progress).toBe('In progress');
    expect(PENDING_REASON_LABELS.awaiting_requester).toBe('Awaiting requester');
    expect(CI_CLASS_LABELS.business_service).toBe('Business service');
  });

  it('formats priorities as code and name', () => {
    expect([1, 2, 3, 4, 5].map((p) => priorityLabel(p as 1))).toEqual([
      'P1 Critical',
      'P2 High',
      'P3 Moderate',
      'P4 Low',
      'P5 Planning',
    ]);
    expect(PRIORITY_LABELS[3]).toBe('Moderate');
  });

  it('falls back to the raw value for values this version does not know', () => {
    expect(resolutionCodeLabel('solved')).toBe('Solved (permanently)');
    expect(resolutionCodeLabel('escalated_to_mars')).toBe('escalated_to_mars');
    expect(labelOf(STATUS_LABELS, 'archived')).toBe('archived');
    expect(labelOf(STATUS_LABELS, 'toString')).toBe('toString');
  });
});
