import { describe, expect, it } from 'vitest';
import { validateTicketInput, type TicketInput } from './validation';

const valid: TicketInput = {
  kind: 'incident',
  title: 'VPN drops every 10 minutes',
  description: 'Since Monday.',
  impact: 2,
  urgency: 3,
  category: 'Network & Connectivity',
  requesterId: 'per_1',
  assigneeId: '',
  groupId: '',
  ciIds: ['ci_1'],
  tags: ['vpn'],
};

const errorsOf = (patch: Record<string, unknown>) => validateTicketInput({ ...valid, ...patch });

describe('validateTicketInput', () => {
  it('accepts a complete valid ticket', () => {
    expect(validateTicketInput(valid)).toEqual({});
  });

  it('accepts optional fields left out', () => {
    const { ciIds: _c, tags: _t, ...rest } = valid;
    expect(validateTicketInput({ ...rest, description: undefined, category: undefined })).toEqual({});
  });

  it('refuses input that is not an object', () => {
    expect(validateTicketInput(null)).toEqual({ form: 'Ticket details are missing.' });
    expect(validateTicketInput('ticket')).toEqual({ form: 'Ticket details are missing.' });
    expect(validateTicketInput([valid])).toEqual({ form: 'Ticket details are missing.' });
  });

  describe('title', () => {
    it.each([
      [undefined, 'Title is required.'],
      ['', 'Title is required.'],
      ['    ', 'Title is required.'],
      ['ab', 'Title must be at least 3 characters.'],
      ['  ab  ', 'Title must be at least 3 characters.'],
      ['x'.repeat(201), 'Title must be at most 200 characters.'],
      ['Line one\nline two', 'Title must be a single line without control characters.'],
      ['Tab\there', 'Title must be a single line without control characters.'],
      ['Bell\u0007', 'Title must be a single line without control characters.'],
      ['C1\u0085char', 'Title must be a single line without control characters.'],
      [42, 'Title must be text.'],
    ])('%j -> %s', (title, message) => {
      expect(errorsOf({ title })).toEqual({ title: message });
    });

    it('measures length after trimming', () => {
      expect(errorsOf({ title: `  ${'x'.repeat(200)}  ` })).toEqual({});
      expect(errorsOf({ title: ' abc ' })).toEqual({});
    });
  });

  it('limits the description to 20,000 characters', () => {
    expect(errorsOf({ description: 'x'.repeat(20_000) })).toEqual({});
    expect(errorsOf({ description: 'x'.repeat(20_001) })).toEqual({
      description: 'Description must be at most 20,000 characters.',
    });
    expect(errorsOf({ description: 'Line one\n\tindented' })).toEqual({});
    expect(errorsOf({ description: 5 })).toEqual({ description: 'Description must be text.' });
  });

  it('requires a known kind', () => {
    expect(errorsOf({ kind: undefined })).toEqual({ kind: 'Kind is required.' });
    expect(errorsOf({ kind: 'bug' })).toEqual({
      kind: 'Kind must be one of: Incident, Request, Question, Problem, Change, Release, Project, Task.',
    });
  });

  it.each([0, 4, 1.5, '1', null, undefined])('requires impact and urgency in 1..3 (%j)', (level) => {
    expect(errorsOf({ impact: level, urgency: level })).toEqual({
      impact: 'Impact must be 1 (high), 2 (medium) or 3 (low).',
      urgency: 'Urgency must be 1 (high), 2 (medium) or 3 (low).',
    });
  });

  it('requires a requester', () => {
    expect(errorsOf({ requesterId: '' })).toEqual({ requesterId: 'Requester is required.' });
    expect(errorsOf({ requesterId: '  ' })).toEqual({ requesterId: 'Requester is required.' });
    expect(errorsOf({ requesterId: undefined })).toEqual({ requesterId: 'Requester is required.' });
  });

  it('limits the category to 80 characters', () => {
    expect(errorsOf({ category: 'x'.repeat(80) })).toEqual({});
    expect(errorsOf({ category: 'x'.repeat(81) })).toEqual({
      category: 'Category must be at most 80 characters.',
    });
    expect(errorsOf({ category: 'a\nb' })).toEqual({
      category: 'Category must not contain control characters.',
    });
  });

  it('checks assignee and group are text', () => {
    expect(errorsOf({ assigneeId: 3, groupId: {} })).toEqual({
      assigneeId: 'Assignee must be text.',
      groupId: 'Group must be text.',
    });
  });

  describe('tags', () => {
    it('allows up to 20 tags of 1..40 characters', () => {
      expect(errorsOf({ tags: Array.from({ length: 20 }, (_, i) => `tag${i}`) })).toEqual({});
      expect(errorsOf({ tags: ['x'.repeat(40)] })).toEqual({});
      expect(errorsOf({ tags: [] })).toEqual({});
    });

    it.each([
      [Array.from({ length: 21 }, (_, i) => `tag${i}`), 'A ticket can have at most 20 tags.'],
      [['ok', ''], 'Tags cannot be empty.'],
      [['  '], 'Tags cannot be empty.'],
      [[7], 'Tags cannot be empty.'],
      [['x'.repeat(41)], 'Each tag must be at most 40 characters ("xxxxxxxxxxxx…" is longer).'],
      [['a\tb'], 'Tags must not contain control characters.'],
      ['vpn', 'Tags must be a list.'],
    ])('%j -> %s', (tags, message) => {
      expect(errorsOf({ tags })).toEqual({ tags: message });
    });
  });

  it('checks linked CIs', () => {
    expect(errorsOf({ ciIds: ['ci_1', ''] })).toEqual({ ciIds: 'Linked configuration items are invalid.' });
    expect(errorsOf({ ciIds: 'ci_1' })).toEqual({ ciIds: 'Linked configuration items are invalid.' });
    expect(errorsOf({ ciIds: Array.from({ length: 101 }, (_, i) => `ci_${i}`) })).toEqual({
      ciIds: 'A ticket can link at most 100 configuration items.',
    });
  });

  it('checks status, pending reason and resolution fields are known values', () => {
    expect(
      errorsOf({ status: 'resolved', pendingReason: '', resolutionCode: 'solved', resolutionNotes: 'ok' }),
    ).toEqual({});
    expect(
      errorsOf({
        status: 'done',
        pendingReason: 'waiting',
        resolutionCode: 'mended',
        resolutionNotes: 'x'.repeat(20_001),
      }),
    ).toEqual({
      status: 'Status is not a known status.',
      pendingReason: 'Pending reason is not a known reason.',
      resolutionCode: 'Resolution code is not a known code.',
      resolutionNotes: 'Resolution notes must be at most 20,000 characters.',
    });
  });

  it('reports every invalid field at once', () => {
    expect(Object.keys(validateTicketInput({})).sort()).toEqual([
      'impact',
      'kind',
      'requesterId',
      'title',
      'urgency',
    ]);
  });
});
