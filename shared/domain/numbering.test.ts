import { describe, expect, it } from 'vitest';
import { KIND_PREFIX, TICKET_KINDS } from './model';
import { formatTicketNumber, nextCounter, parseTicketNumber } from './numbering';

describe('formatTicketNumber', () => {
  it('joins kind prefix, device and a counter padded to 4 digits', () => {
    expect(formatTicketNumber('incident', 'K7Q2', 42)).toBe('INC-K7Q2-0042');
    expect(formatTicketNumber('request', 'K7Q2', 1)).toBe('REQ-K7Q2-0001');
    expect(formatTicketNumber('question', '0000', 9999)).toBe('QST-0000-9999');
  });

  it('lets the counter grow beyond 4 digits', () => {
    expect(formatTicketNumber('change', 'ZZZZ', 10_000)).toBe('CHG-ZZZZ-10000');
    expect(formatTicketNumber('task', 'AB12', 1_234_567)).toBe('TSK-AB12-1234567');
  });

  it('uses the prefix of every kind', () => {
    for (const kind of TICKET_KINDS) {
      expect(formatTicketNumber(kind, 'K7Q2', 7)).toBe(`${KIND_PREFIX[kind]}-K7Q2-0007`);
    }
  });

  it('refuses invalid device ids and counters', () => {
    expect(() => formatTicketNumber('incident', 'K7Q', 1)).toThrow(RangeError);
    expect(() => formatTicketNumber('incident', 'k7q2', 1)).toThrow(RangeError);
    expect(() => formatTicketNumber('incident', 'ILOU', 1)).toThrow(RangeError);
    expect(() => formatTicketNumber('incident', 'K7Q2', 0)).toThrow(RangeError);
    expect(() => formatTicketNumber('incident', 'K7Q2', -3)).toThrow(RangeError);
    expect(() => formatTicketNumber('incident', 'K7Q2', 1.5)).toThrow(RangeError);
  });
});

describe('parseTicketNumber', () => {
  it('parses what formatTicketNumber produces, for every kind', () => {
    for (const kind of TICKET_KINDS) {
      for (const counter of [1, 42, 9999, 10_000, 123_456]) {
        expect(parseTicketNumber(formatTicketNumber(kind, 'K7Q2', counter))).toEqual({
          kind,
          deviceId: 'K7Q2',
          counter,
        });
      }
    }
  });

  it('accepts surrounding spaces and lower case as typed in a search box', () => {
    expect(parseTicketNumber('  inc-k7q2-0042 ')).toEqual({
      kind: 'incident',
      deviceId: 'K7Q2',
      counter: 42,
    });
  });

  it('rejects anything that is not a number we could have issued', () => {
    for (const bad of [
      '',
      'INC',
      'INC-K7Q2',
      'INC-K7Q2-42',
      'INC-K7Q2-00042',
      'INC-K7Q2-0000',
      'XYZ-K7Q2-0042',
      'INC-K7Q-0042',
      'INC-K7QU-0042',
      'INC-K7Q2-0042-1',
      'INC_K7Q2_0042',
      'INC-K7Q2-12a4',
    ]) {
      expect(parseTicketNumber(bad), bad).toBeNull();
    }
  });
});

describe('nextCounter', () => {
  it('starts at 1 when the device has no numbers yet', () => {
    expect(nextCounter([], 'K7Q2')).toBe(1);
    expect(nextCounter(['INC-AAAA-0099'], 'K7Q2')).toBe(1);
  });

  it('is the highest counter of this device across all kinds, plus one', () => {
    const numbers = ['INC-K7Q2-0003', 'REQ-K7Q2-0041', 'QST-K7Q2-0007', 'INC-AAAA-0900', 'CHG-K7Q2-0012'];
    expect(nextCounter(numbers, 'K7Q2')).toBe(42);
    expect(nextCounter(numbers, 'AAAA')).toBe(901);
  });

  it('ignores malformed entries and handles counters past 9999', () => {
    expect(nextCounter(['garbage', 'INC-K7Q2-9999', 'REQ-K7Q2-10000'], 'K7Q2')).toBe(10_001);
  });

  it('matches the device id case-insensitively', () => {
    expect(nextCounter(['INC-K7Q2-0005'], 'k7q2')).toBe(6);
  });

  it('accepts any iterable, e.g. a generator over stored documents', () => {
    function* numbers() {
      yield 'INC-K7Q2-0001';
      yield 'INC-K7Q2-0002';
    }
    expect(nextCounter(numbers(), 'K7Q2')).toBe(3);
    expect(nextCounter(new Set(['TSK-K7Q2-0010']), 'K7Q2')).toBe(11);
  });
});
