import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyTemplate,
  readTicketTemplates,
  validateTicketTemplates,
  type TicketTemplate,
} from './templates';
import { validateTicketInput, type TicketInput } from './validation';

function template(overrides: Partial<TicketTemplate> = {}): TicketTemplate {
  return {
    id: 'tpl1',
    name: 'New starter laptop',
    kind: 'request',
    title: 'Laptop for a new starter',
    description: 'Model, start date, desk:',
    category: 'Hardware/Laptop',
    impact: 3,
    urgency: 2,
    groupId: 'grp_field',
    tags: ['onboarding'],
    ...overrides,
  };
}

const form: TicketInput = {
  kind: 'incident',
  title: '',
  description: '',
  impact: 2,
  urgency: 2,
  category: '',
  requesterId: 'per_req',
  assigneeId: '',
  groupId: '',
  ciIds: ['ci_1'],
  tags: ['VIP'],
};

describe('validateTicketTemplates', () => {
  it('accepts valid templates and normalises the category', () => {
    const result = validateTicketTemplates([template({ category: ' Hardware / Laptop ' })]);
    expect(result).toEqual({ ok: true, templates: [template()] });
  });

  it('reports each bad field by position', () => {
    const result = validateTicketTemplates(
      [
        template({ name: '' }),
        template({ id: 'tpl2', title: 'ab', category: 'A//B' }),
        { ...template({ id: 'tpl3', name: 'Other' }), kind: 'printer', impact: 7 },
        template({ id: 'tpl4', name: 'new starter LAPTOP', groupId: 'nope' }),
        template({ id: 'tpl5', name: 'Tags', tags: ['x'.repeat(41)] }),
      ],
      (id) => id.startsWith('grp_'),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toMatchObject({
      '0.name': 'Give the template a name.',
      '1.title': 'Leave the title empty or write at least 3 characters.',
      '1.category': expect.stringContaining('empty'),
      '2.kind': 'Choose the kind of ticket.',
      '2.impact': 'Impact must be 1 (high), 2 (medium) or 3 (low).',
      '3.name': 'Another template has this name.',
      '3.groupId': 'This group does not exist.',
      '4.tags': 'Each tag must be one line of at most 40 characters.',
    });
  });

  it('refuses anything but a list', () => {
    expect(validateTicketTemplates({})).toEqual({
      ok: false,
      errors: { form: 'The templates must be a list.' },
    });
  });
});

describe('readTicketTemplates', () => {
  it('keeps valid templates from another device and drops the rest', () => {
    const stored = [template(), { id: 'x', name: 'No kind' }, 'junk', template({ name: 'Same id' })];
    expect(readTicketTemplates(stored)).toEqual([template()]);
    expect(readTicketTemplates(undefined)).toEqual([]);
  });

  it('never throws on arbitrary JSON (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const read = readTicketTemplates(value);
        expect(validateTicketTemplates(read).ok).toBe(true);
      }),
    );
  });
});

describe('applyTemplate', () => {
  it('fills the form and keeps the requester and CIs', () => {
    const filled = applyTemplate(form, template());
    expect(filled).toEqual({
      ...form,
      kind: 'request',
      title: 'Laptop for a new starter',
      description: 'Model, start date, desk:',
      category: 'Hardware/Laptop',
      impact: 3,
      urgency: 2,
      groupId: 'grp_field',
      tags: ['VIP', 'onboarding'],
    });
  });

  it('keeps what the user typed where the template has nothing', () => {
    const typed = { ...form, title: 'Broken screen', groupId: 'grp_desk', assigneeId: 'per_a' };
    const filled = applyTemplate(typed, template({ title: '', groupId: '', tags: ['vip'] }));
    expect(filled.title).toBe('Broken screen');
    expect(filled.groupId).toBe('grp_desk');
    expect(filled.assigneeId).toBe('per_a');
    expect(filled.tags).toEqual(['VIP']);
  });

  it('drops an assignee who belonged to the group the template replaces', () => {
    const typed = { ...form, groupId: 'grp_desk', assigneeId: 'per_a' };
    expect(applyTemplate(typed, template()).assigneeId).toBe('');
  });

  it('a valid template on a form with a requester gives valid ticket input', () => {
    const filled = applyTemplate(form, template());
    expect(validateTicketInput(filled)).toEqual({});
  });
});
