import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  articleVersions,
  dayStart,
  derivedUlid,
  resolveAttachment,
  solvedTicketIds,
  solvesRelationId,
  tallyFeedback,
  totalViews,
  versionLabels,
  viewsActivityId,
} from './articleUse';
import { ULID_PATTERN } from './ids';
import type { ActivityDoc, FileDoc, RelationDoc } from './model';

const T0 = 1_700_000_000_000;

function activity(fields: Partial<ActivityDoc> & Pick<ActivityDoc, 'id' | 'kind'>): ActivityDoc {
  return {
    type: 'activity',
    parentId: 'kb_1',
    body: '',
    minutes: 0,
    changes: [],
    createdAt: T0,
    createdBy: 'per_a',
    updatedAt: T0,
    updatedBy: 'per_a',
    ...fields,
  };
}

describe('feedback', () => {
  it("counts each person's latest answer once", () => {
    const answers = [
      activity({ id: 'act_3', kind: 'feedback', helpful: false, createdBy: 'per_a', createdAt: T0 + 3 }),
      activity({ id: 'act_1', kind: 'feedback', helpful: true, createdBy: 'per_a', createdAt: T0 + 1 }),
      activity({ id: 'act_2', kind: 'feedback', helpful: true, createdBy: 'per_b', createdAt: T0 + 2 }),
      activity({ id: 'act_4', kind: 'comment', body: 'not feedback', createdBy: 'per_c' }),
    ];
    expect(tallyFeedback(answers, 'per_a')).toEqual({ helpful: 1, notHelpful: 1, mine: false });
    expect(tallyFeedback(answers, 'per_c')).toEqual({ helpful: 1, notHelpful: 1, mine: null });
  });

  it('gives the same tally whatever order the answers arrive in (property)', () => {
    const answer = fc.record({
      who: fc.constantFrom('per_a', 'per_b', 'per_c'),
      helpful: fc.boolean(),
      at: fc.integer({ min: 0, max: 5 }),
    });
    fc.assert(
      fc.property(fc.array(answer, { maxLength: 12 }), (list) => {
        const docs = list.map((a, i) =>
          activity({
            id: `act_${String(i).padStart(3, '0')}`,
            kind: 'feedback',
            helpful: a.helpful,
            createdBy: a.who,
            createdAt: T0 + a.at,
          }),
        );
        expect(tallyFeedback([...docs].reverse(), 'per_a')).toEqual(tallyFeedback(docs, 'per_a'));
        const tally = tallyFeedback(docs);
        expect(tally.helpful + tally.notHelpful).toBe(new Set(list.map((a) => a.who)).size);
      }),
    );
  });
});

describe('views', () => {
  it('sums the daily counts, each recorded day once', () => {
    const day = activity({ id: viewsActivityId('kb_1', 'K7Q2', T0), kind: 'views', count: 4 });
    const other = activity({ id: viewsActivityId('kb_1', 'AB12', T0), kind: 'views', count: 2 });
    expect(totalViews([day, other, day, activity({ id: 'act_c', kind: 'comment' })])).toBe(6);
  });

  it('derives one valid activity id per article, device and UTC day', () => {
    const id = viewsActivityId('kb_1', 'K7Q2', T0);
    expect(id).toMatch(/^act_/);
    expect(id.slice(4)).toMatch(ULID_PATTERN);
    expect(viewsActivityId('kb_1', 'K7Q2', dayStart(T0) + 86_399_999)).toBe(id);
    expect(viewsActivityId('kb_1', 'K7Q2', dayStart(T0) + 86_400_000)).not.toBe(id);
    expect(viewsActivityId('kb_1', 'AB12', T0)).not.toBe(id);
    expect(viewsActivityId('kb_2', 'K7Q2', T0)).not.toBe(id);
  });

  it('derives distinct, well-formed ids for distinct keys (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        fc.pre(a !== b);
        expect(derivedUlid(T0, a)).toMatch(ULID_PATTERN);
        expect(derivedUlid(T0, a)).not.toBe(derivedUlid(T0, b));
      }),
    );
  });
});

describe('solved tickets and versions', () => {
  it('lists each solved ticket once, for this article only', () => {
    const rel = (
      id: string,
      fromId: string,
      toId: string,
      relType: RelationDoc['relType'],
      createdAt: number,
    ) =>
      ({
        id,
        type: 'relation',
        fromId,
        toId,
        relType,
        createdAt,
        updatedAt: createdAt,
        updatedBy: 'per_a',
      }) as RelationDoc;
    expect(
      solvedTicketIds(
        [
          rel('rel_2', 'kb_1', 'tkt_b', 'solves', 2),
          rel('rel_1', 'kb_1', 'tkt_a', 'solves', 1),
          rel('rel_3', 'kb_1', 'tkt_a', 'solves', 3),
          rel('rel_4', 'kb_2', 'tkt_c', 'solves', 1),
          rel('rel_5', 'kb_1', 'tkt_d', 'affects', 1),
        ],
        'kb_1',
      ),
    ).toEqual(['tkt_a', 'tkt_b']);
    expect(solvesRelationId('kb_1', 'tkt_a')).toBe(solvesRelationId('kb_1', 'tkt_a'));
    expect(solvesRelationId('kb_1', 'tkt_a')).not.toBe(solvesRelationId('kb_1', 'tkt_b'));
  });

  it('labels a number published twice apart', () => {
    const v = (id: string, version: number, createdAt: number) =>
      activity({
        id,
        kind: 'version',
        body: id,
        createdAt,
        snapshot: { title: 't', category: '', tags: [], version },
      });
    const versions = articleVersions([v('act_b', 2, 3), v('act_a', 1, 1), v('act_c', 2, 2)]);
    expect([...versionLabels(versions).entries()]).toEqual([
      ['act_a', 'v1'],
      ['act_c', 'v2'],
      ['act_b', 'v2 (2)'],
    ]);
  });
});

describe('image attachments', () => {
  const file = (
    id: string,
    name: string,
    contentType: string,
    parentId = 'kb_1',
    createdAt = T0,
  ): FileDoc => ({
    id,
    type: 'file',
    parentId,
    parentType: 'ticket',
    name,
    contentType,
    size: 10,
    createdAt,
    createdBy: 'per_a',
    updatedAt: createdAt,
    updatedBy: 'per_a',
  });
  const files = [
    file('fil_2', 'Port.jpg', 'image/jpeg', 'kb_1', T0 + 2),
    file('fil_1', 'port.jpg', 'image/png', 'kb_1', T0 + 1),
    file('fil_3', 'notes.pdf', 'application/pdf'),
    file('fil_4', 'other.png', 'image/png', 'kb_2'),
  ];

  it('resolves by id, then by name, only to images of the same article', () => {
    expect(resolveAttachment('fil_2', files, 'kb_1')?.id).toBe('fil_2');
    expect(resolveAttachment('PORT.JPG', files, 'kb_1')?.id).toBe('fil_1');
    expect(resolveAttachment('notes.pdf', files, 'kb_1')).toBeNull();
    expect(resolveAttachment('other.png', files, 'kb_1')).toBeNull();
    expect(resolveAttachment('fil_4', files, 'kb_1')).toBeNull();
  });
});
