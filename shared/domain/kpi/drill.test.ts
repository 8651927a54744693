import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeDrill, drillText, encodeDrill, isDrillKey, type DrillSpec } from './drill';

const spec: DrillSpec = {
  key: 'backlog.p2.age.7to30d',
  period: { from: 1_790_000_000_000, to: 1_792_592_000_000 },
  granularity: 'day',
  timeZone: 'Europe/London',
  filters: {
    kinds: ['incident', 'request'],
    groupIds: ['grp-1'],
    assigneeIds: ['usr_2', 'usr-3'],
    categories: ['Hardware/Laptop', 'Odd, name & more=%'],
    priorities: [1, 2],
  },
};

describe('drill links', () => {
  it('round-trip through the address bar', () => {
    const text = encodeDrill(spec);
    expect(text.startsWith('key=backlog.p2.age.7to30d&from=1790000000000&')).toBe(true);
    expect(decodeDrill(text)).toEqual(spec);
  });

  it('round-trip any category text', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ minLength: 1, maxLength: 20, unit: 'grapheme' }), { maxLength: 5 }),
        (categories) => {
          const s = { ...spec, filters: { ...spec.filters, categories } };
          expect(decodeDrill(encodeDrill(s))).toEqual(s);
        },
      ),
    );
  });

  it('refuse edited or hostile links', () => {
    const good = encodeDrill(spec);
    const bad = [
      '',
      good.replace('key=backlog.p2.age.7to30d', 'key=backlog.p9'),
      good.replace('key=backlog.p2.age.7to30d', 'key=constructor'),
      good.replace('g=day', 'g=year'),
      good.replace('tz=Europe%2FLondon', 'tz=Mars%2FOlympus'),
      good.replace('kinds=incident', 'kinds=virus'),
      good.replace('groups=grp-1', 'groups=%3Cscript%3E'),
      good.replace('prio=1', 'prio=7'),
      good.replace('from=1790000000000', 'from=1792592000001'),
      good.replace('cats=', 'cats=%E0%A4%A'),
    ];
    for (const text of bad) expect(decodeDrill(text)).toBeNull();
  });

  it('know every key the dashboard emits and no other', () => {
    for (const key of [
      'opened',
      'resolved@1790000000000',
      'sla.resolution.inProgress',
      'csat.4',
      'fcr.yes',
      'changes.rolled_back',
    ])
      expect(isDrillKey(key)).toBe(true);
    for (const key of ['opened@x', 'csat.6', 'sla.response.late', 'changes.', 'backlog.age.old', '__proto__'])
      expect(isDrillKey(key)).toBe(false);
  });

  it('say what a list shows', () => {
    const day = (t: number) => new Date(t).toISOString().slice(0, 10);
    expect(drillText('backlog.p2.age.7to30d', day)).toBe(
      'Open at the end of the period · P2 · 7–30 days old',
    );
    expect(drillText('opened@1793577600000', day)).toBe('Opened from 2026-11-02');
    expect(drillText('changes.rolled_back', day)).toBe('Changes closed as rolled back');
    expect(drillText('fcr.yes', day)).toBe('Resolved at first contact');
  });
});
