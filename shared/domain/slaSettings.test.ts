import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALWAYS_ON } from './calendar';
import { TICKET_KINDS } from './model';
import { DEFAULT_SLA_POLICIES, type SlaPolicy } from './sla';
import {
  fromDraft,
  newCalendarDraft,
  newPolicyDraft,
  parseHolidays,
  parseHours,
  targetToDraft,
  toDraft,
  type SlaDraft,
} from './slaDraft';
import {
  DEFAULT_SLA_CALENDARS,
  DEFAULT_SLA_CONFIG,
  calendarFor,
  checkCalendars,
  checkPolicies,
  configFromSettings,
  type SlaCalendar,
  type SlaConfig,
} from './slaSettings';

const MIN = 60_000;
const HOUR = 60 * MIN;

const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const p1 = DEFAULT_SLA_POLICIES[0] as SlaPolicy;
const london = DEFAULT_SLA_CALENDARS[1] as SlaCalendar;

describe('reading stored SLA settings', () => {
  it('uses the defaults, silently, when nothing is stored', () => {
    expect(configFromSettings(undefined, undefined)).toEqual({ config: DEFAULT_SLA_CONFIG, warnings: [] });
  });

  it('reads well-formed settings as stored', () => {
    const calendars = [{ ...plain(london), id: 'ny', name: 'New York', timeZone: 'America/New_York' }];
    const policies = [{ ...plain(p1), calendarId: 'ny', match: { kinds: ['incident'] } }];
    const { config, warnings } = configFromSettings(policies, calendars);
    expect(warnings).toEqual([]);
    expect(config.calendars).toEqual(calendars);
    expect(config.policies).toEqual([
      { ...policies[0], match: { kinds: ['incident'], priorities: [], categories: [] } },
    ]);
  });

  it.each([
    ['not a list', { policies: [] }],
    ['a policy without a name', [{ ...plain(p1), name: ' ' }]],
    ['a bad id', [{ ...plain(p1), id: 'a b' }]],
    ['a repeated id', [plain(p1), plain(p1)]],
    ['an unknown kind', [{ ...plain(p1), match: { kinds: ['outage'] } }]],
    ['a priority out of range', [{ ...plain(p1), match: { priorities: [6] } }]],
    ['a zero target', [{ ...plain(p1), responseMs: 0 }]],
    ['a target of part minutes', [{ ...plain(p1), resolutionMs: HOUR + 1 }]],
    ['a warning share above 1', [{ ...plain(p1), warnAt: 1.5 }]],
    ['a missing warning share', [{ ...plain(p1), warnAt: undefined }]],
  ])('falls back to the default policies for %s, with a warning', (_name, stored) => {
    expect(checkPolicies(stored).ok).toBe(false);
    const { config, warnings } = configFromSettings(stored, undefined);
    expect(config.policies).toBe(DEFAULT_SLA_POLICIES);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^Ignoring the stored SLA policies: /);
  });

  it.each([
    ['an empty list', []],
    ['an unknown zone', [{ ...plain(london), timeZone: 'Mars/Olympus' }]],
    [
      'overlapping hours',
      [
        {
          ...plain(london),
          week: [
            [],
            [
              [540, 800],
              [700, 900],
            ],
            [],
            [],
            [],
            [],
            [],
          ],
        },
      ],
    ],
    ['a repeated id', [plain(london), plain(london)]],
    ['no name', [{ ...plain(london), name: '' }]],
    ['a false holiday', [{ ...plain(london), holidays: ['2026-02-30'] }]],
  ])('falls back to the default calendars for %s, with a warning', (_name, stored) => {
    expect(checkCalendars(stored).ok).toBe(false);
    const { config, warnings } = configFromSettings(undefined, stored);
    expect(config.calendars).toBe(DEFAULT_SLA_CALENDARS);
    expect(warnings[0]).toMatch(/^Ignoring the stored business calendars: /);
  });

  it('warns about a policy naming a missing calendar, whose clocks then fall back', () => {
    const { config, warnings } = configFromSettings([{ ...plain(p1), calendarId: 'gone' }], undefined);
    expect(warnings).toEqual(['SLA policy P1 Critical names the unknown calendar gone.']);
    expect(calendarFor(config, 'gone')).toBe(ALWAYS_ON);
    expect(calendarFor(config, 'business')).toBe(london);
    const own = { config: { ...config, calendars: [{ ...london, id: 'business', name: 'Ours' }] } };
    expect(calendarFor(own.config, 'business')).toEqual({ ...london, name: 'Ours' });
  });
});

describe('working hours and holidays as text', () => {
  it.each([
    ['', []],
    ['09:00-17:00', [[540, 1020]]],
    [
      ' 13:00 - 17:30 , 8:00-12:00 ',
      [
        [480, 720],
        [780, 1050],
      ],
    ],
    ['00:00-24:00', [[0, 1440]]],
    ['09:00–12:00', [[540, 720]]],
  ])('reads %j', (text, intervals) => {
    expect(parseHours(text)).toEqual({ ok: true, intervals });
  });

  it.each([
    ['9-5', /Write hours like 09:00-17:00/],
    ['09:00-17:60', /Write hours like/],
    ['09:00-25:00', /Write hours like/],
    ['17:00-09:00', /ends before it starts/],
    ['09:00-13:00, 12:00-17:00', /09:00-13:00 and 12:00-17:00 overlap/],
  ])('refuses %j', (text, message) => {
    const result = parseHours(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });

  it('reads holidays separated any way, sorted and each once', () => {
    expect(parseHolidays('2026-12-25, 2026-01-01\n2026-12-25  2026-04-03')).toEqual({
      ok: true,
      dates: ['2026-01-01', '2026-04-03', '2026-12-25'],
    });
    expect(parseHolidays('2026-12-25, 25/12/2026')).toEqual({
      ok: false,
      error: '"25/12/2026" is not a real date written YYYY-MM-DD.',
    });
  });

  it('states targets in the largest exact unit', () => {
    expect(targetToDraft(24 * HOUR, true)).toEqual({ amount: 3, unit: 'businessDays' });
    expect(targetToDraft(24 * HOUR, false)).toEqual({ amount: 24, unit: 'hours' });
    expect(targetToDraft(90 * MIN, true)).toEqual({ amount: 90, unit: 'minutes' });
  });
});

describe('the settings form draft', () => {
  it('turns the defaults into a draft and back unchanged', () => {
    const draft = toDraft(DEFAULT_SLA_CONFIG);
    expect(draft.policies[4]?.resolution).toEqual({ amount: 5, unit: 'businessDays' });
    expect(draft.calendars[1]?.hours).toEqual(['', ...Array(5).fill('09:00-17:00'), '']);
    // Stored settings spell out every match list; an empty one still means "any".
    const expected = plain(DEFAULT_SLA_CONFIG);
    for (const policy of expected.policies) policy.match.categories = [];
    expect(fromDraft(draft)).toEqual({ ok: true, config: expected });
  });

  it('round-trips any valid settings', () => {
    const calendarArb = fc.record({
      timeZone: fc.constantFrom('UTC', 'Europe/London', 'America/New_York', 'Asia/Kolkata'),
      holidays: fc.uniqueArray(fc.constantFrom('2026-01-01', '2026-04-03', '2026-12-25'), { maxLength: 3 }),
      open: fc.array(fc.boolean(), { minLength: 7, maxLength: 7 }),
    });
    const policyArb = fc.record({
      name: fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim() === s && s !== ''),
      kinds: fc.uniqueArray(fc.constantFrom(...TICKET_KINDS)),
      responseMinutes: fc.integer({ min: 1, max: 10_000 }),
      resolutionMinutes: fc.integer({ min: 1, max: 100_000 }),
      warn: fc.integer({ min: 1, max: 99 }),
      calendar: fc.nat(),
    });
    fc.assert(
      fc.property(
        fc.array(calendarArb, { minLength: 1, maxLength: 3 }),
        fc.uniqueArray(policyArb, { maxLength: 5, selector: (p) => p.name.toLowerCase() }),
        (rawCalendars, rawPolicies) => {
          const calendars = rawCalendars.map((c, i) => ({
            id: `cal-${i}`,
            name: `Calendar ${i}`,
            timeZone: c.timeZone,
            week: c.open.map((open, d) => (open || d === 3 ? [[540, 1020] as [number, number]] : [])),
            holidays: [...c.holidays].sort(),
          }));
          const policies: SlaPolicy[] = rawPolicies.map((p, i) => ({
            id: `policy-${i}`,
            name: p.name,
            match: { kinds: p.kinds, priorities: [], categories: [] },
            responseMs: p.responseMinutes * MIN,
            resolutionMs: p.resolutionMinutes * MIN,
            calendarId: `cal-${p.calendar % calendars.length}`,
            warnAt: p.warn / 100,
          }));
          const config: SlaConfig = { policies, calendars };
          expect(fromDraft(toDraft(config))).toEqual({ ok: true, config });
        },
      ),
      { numRuns: 100 },
    );
  });

  const valid = (): SlaDraft => toDraft(DEFAULT_SLA_CONFIG);
  const errorsOf = (draft: SlaDraft) => {
    const result = fromDraft(draft);
    return result.ok ? {} : result.errors;
  };

  it('names every bad field and returns nothing to save', () => {
    const draft = valid();
    const [policy, second] = draft.policies;
    const [, office] = draft.calendars;
    if (!policy || !second || !office) throw new Error('defaults changed');
    policy.name = '';
    second.response = { amount: 0, unit: 'hours' };
    second.resolution = { amount: 0.5, unit: 'minutes' };
    second.warnPercent = 100;
    office.timeZone = 'Europe/Atlantis';
    office.hours[2] = '09:00-13:00, 12:00-17:00';
    office.holidays = '2026-13-01';
    expect(errorsOf(draft)).toEqual({
      'policies.0.name': 'Give the policy a name.',
      'policies.1.response': 'Enter a target greater than zero.',
      'policies.1.resolution': 'The target must come to whole minutes.',
      'policies.1.warnPercent': 'Warn at a whole percentage from 1 to 99.',
      'calendars.1.timeZone': 'Choose a known time zone, e.g. Europe/London or America/New_York.',
      'calendars.1.hours.2': '09:00-13:00 and 12:00-17:00 overlap.',
      'calendars.1.holidays': '"2026-13-01" is not a real date written YYYY-MM-DD.',
    });
  });

  it('refuses repeated names and ids, a calendar without hours and a policy whose calendar was removed', () => {
    const draft = valid();
    draft.policies[1]!.name = ' p1 critical ';
    draft.calendars[0]!.hours = Array(7).fill('');
    draft.calendars[1]!.id = '24x7';
    expect(errorsOf(draft)).toMatchObject({
      'policies.1.name': 'Another policy already has this name.',
      'calendars.0.hours': 'The calendar must have some working hours in the week.',
      'calendars.1.id': 'Another calendar already has this id.',
    });
    const removed = valid();
    removed.calendars.splice(1, 1);
    expect(errorsOf(removed)).toEqual({
      'policies.3.calendarId': 'The calendar "business" is not in the list below; choose another.',
      'policies.4.calendarId': 'The calendar "business" is not in the list below; choose another.',
    });
    expect(errorsOf({ policies: [], calendars: [] })).toEqual({
      form: 'Keep at least one business calendar.',
    });
  });

  it('adds policies and calendars with fresh ids and sensible defaults', () => {
    const draft = valid();
    const policy = newPolicyDraft(draft);
    const calendar = newCalendarDraft(draft);
    expect(policy).toMatchObject({ id: 'policy-6', calendarId: '24x7', warnPercent: 75 });
    expect(calendar).toMatchObject({ id: 'calendar-3', timeZone: 'UTC' });
    const result = fromDraft({
      policies: [...draft.policies, { ...policy, name: 'VIP', categories: [' vip ', 'vip'] }],
      calendars: [...draft.calendars, { ...calendar, name: 'Weekdays' }],
    });
    expect(result.ok && result.config.policies[5]).toMatchObject({
      name: 'VIP',
      match: { kinds: ['incident', 'request', 'question', 'problem'], priorities: [], categories: ['vip'] },
      responseMs: HOUR,
      resolutionMs: 8 * HOUR,
      warnAt: 0.75,
    });
    expect(result.ok && result.config.calendars[2]?.week[1]).toEqual([[540, 1020]]);
  });
});
