/** Process fields: which kind takes which field, how bad values are reported, how patches apply. */
import { describe, expect, it } from 'vitest';
import { MAX_TIME, TICKET_KINDS, type TicketDoc, type TicketKind } from './model';
import {
  DEPENDENCIES_MAX,
  ESTIMATE_MAX_MINUTES,
  PARENT_KIND,
  PLAN_MAX,
  PROCESS_FIELDS,
  VERSION_MAX,
  applyProcessPatch,
  changeFacts,
  validateProcessPatch,
  type ProcessField,
  type ProcessPatch,
} from './process';

const T0 = Date.UTC(2026, 2, 2, 18, 0);
const HOUR = 3_600_000;

/** A valid value for every process field. */
const GOOD: Required<ProcessPatch> = {
  parentId: 'tkt_01JPARENT',
  slaPolicyId: 'default-p3',
  rootCause: 'A driver leaks memory.',
  workaround: 'Restart the spooler.',
  knownError: true,
  changeType: 'normal',
  riskAnswers: { scope: 2, outage: 0 },
  risk: 'moderate',
  implementationPlan: 'Patch, reboot, check.',
  backoutPlan: 'Restore the snapshot.',
  testPlan: 'Open the login page.',
  plannedStart: T0,
  plannedEnd: T0 + 2 * HOUR,
  version: '24.3.1',
  targetDate: T0 + 48 * HOUR,
  stage: 'test',
  dueAt: T0 + 72 * HOUR,
  estimateMinutes: 90,
  dependsOn: ['tkt_01JTASKA', 'tkt_01JTASKB'],
};

// Written out here, independently of process.ts.
const ACCEPTS: Record<TicketKind, ProcessField[]> = {
  incident: ['parentId', 'slaPolicyId'],
  request: ['parentId', 'slaPolicyId'],
  question: ['slaPolicyId'],
  problem: ['slaPolicyId', 'rootCause', 'workaround', 'knownError'],
  change: [
    'parentId',
    'changeType',
    'riskAnswers',
    'risk',
    'implementationPlan',
    'backoutPlan',
    'testPlan',
    'plannedStart',
    'plannedEnd',
  ],
  release: ['version', 'targetDate', 'stage'],
  project: ['plannedStart', 'plannedEnd', 'dueAt'],
  task: ['parentId', 'plannedStart', 'plannedEnd', 'dueAt', 'estimateMinutes', 'dependsOn'],
};

const FIELDS = Object.keys(GOOD) as ProcessField[];

function ticket(kind: TicketKind, overrides: Partial<TicketDoc> = {}): TicketDoc {
  return {
    id: 'tkt_01JSELF',
    type: 'ticket',
    kind,
    number: 'TSK-K7Q2-0001',
    title: 'Label the new printers',
    description: '',
    status: 'new',
    pendingReason: '',
    impact: 2,
    urgency: 2,
    priority: 3,
    category: '',
    requesterId: 'per_req',
    assigneeId: '',
    groupId: '',
    ciIds: [],
    tags: [],
    resolutionCode: '',
    resolutionNotes: '',
    phase: 'open',
    sortDesc: MAX_TIME - T0,
    createdAt: T0,
    createdBy: 'per_req',
    updatedAt: T0,
    updatedBy: 'per_req',
    resolvedAt: 0,
    closedAt: 0,
    ...overrides,
  };
}

describe('PROCESS_FIELDS and PARENT_KIND', () => {
  it('lists exactly the fields each kind uses', () => {
    for (const kind of TICKET_KINDS)
      expect([...PROCESS_FIELDS[kind]].sort(), kind).toEqual(ACCEPTS[kind].sort());
  });

  it('links incidents and requests to problems, changes to releases, tasks to projects', () => {
    expect(PARENT_KIND).toEqual({
      incident: 'problem',
      request: 'problem',
      change: 'release',
      task: 'project',
    });
    for (const kind of TICKET_KINDS)
      expect(ACCEPTS[kind].includes('parentId'), kind).toBe(kind in PARENT_KIND);
  });
});

describe('validateProcessPatch', () => {
  it.each(TICKET_KINDS)('accepts every field a %s uses and refuses the others by name', (kind) => {
    for (const field of FIELDS) {
      const errors = validateProcessPatch(kind, { [field]: GOOD[field] });
      if (ACCEPTS[kind].includes(field)) expect(errors, field).toEqual({});
      else {
        expect(Object.keys(errors), field).toEqual([field]);
        const article = /^[aeiou]/.test(kind) ? 'An' : 'A';
        expect(errors[field], field).toMatch(
          new RegExp(`^${article} ${kind} has no field "[A-Za-z -]+"\\.$`),
        );
      }
    }
  });

  it('accepts a whole valid patch, and an empty one', () => {
    for (const kind of TICKET_KINDS) {
      const patch = Object.fromEntries(ACCEPTS[kind].map((f) => [f, GOOD[f]])) as ProcessPatch;
      expect(validateProcessPatch(kind, patch), kind).toEqual({});
      expect(validateProcessPatch(kind, {}), kind).toEqual({});
    }
  });

  it('ignores fields set to undefined, even on kinds that do not use them', () => {
    expect(validateProcessPatch('incident', { rootCause: undefined, version: undefined })).toEqual({});
  });

  it('checks text fields: strings up to the limit', () => {
    for (const [kind, field] of [
      ['problem', 'rootCause'],
      ['problem', 'workaround'],
      ['change', 'implementationPlan'],
      ['change', 'backoutPlan'],
      ['change', 'testPlan'],
    ] as [TicketKind, ProcessField][]) {
      const message = { [field]: `At most ${PLAN_MAX.toLocaleString('en')} characters.` };
      expect(validateProcessPatch(kind, { [field]: 'x'.repeat(PLAN_MAX) }), field).toEqual({});
      expect(validateProcessPatch(kind, { [field]: '' }), field).toEqual({});
      expect(validateProcessPatch(kind, { [field]: 'x'.repeat(PLAN_MAX + 1) }), field).toEqual(message);
      expect(validateProcessPatch(kind, { [field]: 42 } as never), field).toEqual(message);
    }
    expect(PLAN_MAX.toLocaleString('en')).toBe('20,000');
  });

  it('checks dates: whole, non-negative epoch milliseconds (0 = not set)', () => {
    for (const [kind, field] of [
      ['change', 'plannedStart'],
      ['change', 'plannedEnd'],
      ['release', 'targetDate'],
      ['task', 'dueAt'],
      ['project', 'dueAt'],
    ] as [TicketKind, ProcessField][]) {
      expect(validateProcessPatch(kind, { [field]: 0 }), field).toEqual({});
      expect(validateProcessPatch(kind, { [field]: T0 }), field).toEqual({});
      for (const bad of [-1, 1.5, Number.NaN, MAX_TIME, '2026-03-02', null]) {
        expect(validateProcessPatch(kind, { [field]: bad } as never), `${field}=${String(bad)}`).toEqual({
          [field]: 'Not a valid date.',
        });
      }
    }
  });

  it('checks references', () => {
    expect(validateProcessPatch('incident', { parentId: '' })).toEqual({});
    expect(validateProcessPatch('incident', { slaPolicyId: 'custom_1' })).toEqual({});
    for (const bad of ['has space', 'x'.repeat(65), 'semi;colon', 7]) {
      expect(validateProcessPatch('incident', { parentId: bad } as never)).toEqual({
        parentId: 'Not a valid reference.',
      });
      expect(validateProcessPatch('question', { slaPolicyId: bad } as never)).toEqual({
        slaPolicyId: 'Not a valid reference.',
      });
    }
  });

  it('checks the known-error flag, change type, risk level and stage', () => {
    expect(validateProcessPatch('problem', { knownError: false })).toEqual({});
    expect(validateProcessPatch('problem', { knownError: 'yes' } as never)).toEqual({
      knownError: 'Must be yes or no.',
    });
    for (const changeType of ['standard', 'normal', 'emergency'] as const)
      expect(validateProcessPatch('change', { changeType })).toEqual({});
    expect(validateProcessPatch('change', { changeType: 'urgent' } as never)).toEqual({
      changeType: 'Unknown change type.',
    });
    expect(validateProcessPatch('change', { changeType: '' } as never)).toEqual({
      changeType: 'Unknown change type.',
    });
    for (const risk of ['', 'low', 'moderate', 'high', 'very_high'] as const)
      expect(validateProcessPatch('change', { risk })).toEqual({});
    expect(validateProcessPatch('change', { risk: 'extreme' } as never)).toEqual({
      risk: 'Unknown risk level.',
    });
    for (const stage of ['', 'build', 'test', 'production'] as const)
      expect(validateProcessPatch('release', { stage })).toEqual({});
    expect(validateProcessPatch('release', { stage: 'staging' } as never)).toEqual({
      stage: 'Unknown stage.',
    });
  });

  it('checks versions: short, one line', () => {
    const message = {
      version: `A version is at most ${VERSION_MAX} characters, without control characters.`,
    };
    expect(validateProcessPatch('release', { version: 'v'.repeat(VERSION_MAX) })).toEqual({});
    expect(validateProcessPatch('release', { version: 'v'.repeat(VERSION_MAX + 1) })).toEqual(message);
    expect(validateProcessPatch('release', { version: '1.0\n2.0' })).toEqual(message);
    expect(validateProcessPatch('release', { version: 3 } as never)).toEqual(message);
  });

  it('checks estimates: whole minutes up to 1,000 days', () => {
    const message = { estimateMinutes: 'The estimate must be a whole number of minutes, up to 1,000 days.' };
    expect(ESTIMATE_MAX_MINUTES).toBe(1000 * 24 * 60);
    for (const good of [0, 1, ESTIMATE_MAX_MINUTES])
      expect(validateProcessPatch('task', { estimateMinutes: good })).toEqual({});
    for (const bad of [-5, 2.5, ESTIMATE_MAX_MINUTES + 1, '90'])
      expect(validateProcessPatch('task', { estimateMinutes: bad } as never), String(bad)).toEqual(message);
  });

  it('checks dependencies: a short list of references', () => {
    const message = { dependsOn: `At most ${DEPENDENCIES_MAX} dependencies.` };
    expect(validateProcessPatch('task', { dependsOn: [] })).toEqual({});
    const most = Array.from({ length: DEPENDENCIES_MAX }, (_, i) => `tkt_${i}`);
    expect(validateProcessPatch('task', { dependsOn: most })).toEqual({});
    expect(validateProcessPatch('task', { dependsOn: [...most, 'tkt_x'] })).toEqual(message);
    expect(validateProcessPatch('task', { dependsOn: [''] })).toEqual(message);
    expect(validateProcessPatch('task', { dependsOn: ['bad id'] })).toEqual(message);
    expect(validateProcessPatch('task', { dependsOn: 'tkt_1' } as never)).toEqual(message);
  });

  it('checks risk answers: question id to a score from 0 to 100', () => {
    const message = { riskAnswers: 'Risk answers are invalid.' };
    expect(validateProcessPatch('change', { riskAnswers: {} })).toEqual({});
    expect(validateProcessPatch('change', { riskAnswers: { scope: 0, outage: 100 } })).toEqual({});
    for (const bad of [{ scope: 101 }, { scope: -1 }, { scope: 1.5 }, { 'bad key': 1 }, [1, 2], null, 'low'])
      expect(validateProcessPatch('change', { riskAnswers: bad } as never), JSON.stringify(bad)).toEqual(
        message,
      );
  });

  it('wants a window that ends after it starts', () => {
    const message = { plannedEnd: 'The end must be after the start.' };
    for (const kind of ['change', 'project', 'task'] as TicketKind[]) {
      expect(validateProcessPatch(kind, { plannedStart: T0, plannedEnd: T0 - HOUR }), kind).toEqual(message);
      expect(validateProcessPatch(kind, { plannedStart: T0, plannedEnd: T0 }), kind).toEqual(message);
      expect(validateProcessPatch(kind, { plannedStart: T0, plannedEnd: T0 + 1 }), kind).toEqual({});
      // Either end may still be open.
      expect(validateProcessPatch(kind, { plannedStart: T0, plannedEnd: 0 }), kind).toEqual({});
      expect(validateProcessPatch(kind, { plannedStart: 0, plannedEnd: T0 }), kind).toEqual({});
    }
  });

  it('reports every bad field at once', () => {
    expect(
      validateProcessPatch('change', {
        changeType: 'big',
        risk: 'huge',
        plannedStart: -1,
        version: '1.0',
      } as never),
    ).toEqual({
      changeType: 'Unknown change type.',
      risk: 'Unknown risk level.',
      plannedStart: 'Not a valid date.',
      version: 'A change has no field "version".',
    });
  });
});

describe('applyProcessPatch', () => {
  it('sets the fields and records each change with its old value (null when absent)', () => {
    const change = ticket('change');
    const result = applyProcessPatch(change, {
      changeType: 'normal',
      risk: 'high',
      plannedStart: T0,
      plannedEnd: T0 + HOUR,
    });
    expect(result.ticket).toMatchObject({
      changeType: 'normal',
      risk: 'high',
      plannedStart: T0,
      plannedEnd: T0 + HOUR,
    });
    expect(result.changes).toEqual([
      { field: 'changeType', from: null, to: 'normal' },
      { field: 'risk', from: null, to: 'high' },
      { field: 'plannedStart', from: null, to: T0 },
      { field: 'plannedEnd', from: null, to: T0 + HOUR },
    ]);
    const again = applyProcessPatch(result.ticket, { risk: 'low', changeType: 'normal' });
    expect(again.changes).toEqual([{ field: 'risk', from: 'high', to: 'low' }]);
  });

  it('records nothing for values that did not change, so echoing a form is free', () => {
    const problem = ticket('problem', { rootCause: 'Driver leak.', knownError: true });
    const result = applyProcessPatch(problem, {
      rootCause: 'Driver leak.',
      knownError: true,
      workaround: undefined,
    });
    expect(result.changes).toEqual([]);
    expect(result.ticket).toEqual(problem);
    const answers = ticket('change', { riskAnswers: { scope: 2 } });
    expect(applyProcessPatch(answers, { riskAnswers: { scope: 2 } }).changes).toEqual([]);
  });

  it('does not mutate the input, nor share the patch objects', () => {
    const task = ticket('task');
    const copy = structuredClone(task);
    const riskAnswers = { scope: 4 };
    const change = applyProcessPatch(ticket('change'), { riskAnswers }).ticket;
    riskAnswers.scope = 6;
    expect(change.riskAnswers).toEqual({ scope: 4 });
    applyProcessPatch(task, { dependsOn: ['tkt_a'], estimateMinutes: 30 });
    expect(task).toEqual(copy);
  });

  it('de-duplicates dependencies and never lets a task depend on itself', () => {
    const task = ticket('task');
    const result = applyProcessPatch(task, { dependsOn: ['tkt_a', 'tkt_b', 'tkt_a', task.id, 'tkt_b'] });
    expect(result.ticket.dependsOn).toEqual(['tkt_a', 'tkt_b']);
    expect(result.changes).toEqual([{ field: 'dependsOn', from: null, to: ['tkt_a', 'tkt_b'] }]);
    // Only itself, or the same list again once cleaned: nothing to record.
    expect(applyProcessPatch(ticket('task', { dependsOn: [] }), { dependsOn: [task.id] }).changes).toEqual(
      [],
    );
    expect(applyProcessPatch(result.ticket, { dependsOn: ['tkt_a', 'tkt_a', 'tkt_b'] }).changes).toEqual([]);
    const removed = applyProcessPatch(result.ticket, { dependsOn: ['tkt_b'] });
    expect(removed.changes).toEqual([{ field: 'dependsOn', from: ['tkt_a', 'tkt_b'], to: ['tkt_b'] }]);
  });

  it('records clearing a value', () => {
    const problem = ticket('problem', { knownError: true, workaround: 'Restart it.' });
    expect(applyProcessPatch(problem, { knownError: false, workaround: '' }).changes).toEqual([
      { field: 'knownError', from: true, to: false },
      { field: 'workaround', from: 'Restart it.', to: '' },
    ]);
  });
});

describe('changeFacts', () => {
  it('reads the change facts with empty defaults', () => {
    expect(changeFacts(ticket('change'))).toEqual({
      changeType: '',
      risk: '',
      implementationPlan: '',
      backoutPlan: '',
      plannedStart: 0,
      plannedEnd: 0,
    });
    const planned = ticket('change', {
      changeType: 'standard',
      risk: 'low',
      implementationPlan: 'a',
      backoutPlan: 'b',
      testPlan: 'c',
      plannedStart: T0,
      plannedEnd: T0 + HOUR,
    });
    expect(changeFacts(planned)).toEqual({
      changeType: 'standard',
      risk: 'low',
      implementationPlan: 'a',
      backoutPlan: 'b',
      plannedStart: T0,
      plannedEnd: T0 + HOUR,
    });
  });
});
