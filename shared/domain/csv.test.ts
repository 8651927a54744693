import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  CSV_DELIMITERS,
  CsvStreamParser,
  csvCell,
  detectDelimiter,
  escapeFormula,
  parseCsv,
  toCsv,
  unescapeFormula,
  type CsvDelimiter,
  type CsvRecord,
} from './csv';
import { Utf8StreamDecoder, decodeUtf8 } from './utf8';

/** Characters that break naive CSV code, mixed with ordinary and non-ASCII text. */
const tricky = fc.constantFrom(
  ',',
  ';',
  '\t',
  '"',
  '\r',
  '\n',
  '=',
  '+',
  '-',
  '@',
  '\0',
  ' ',
  'a',
  'Z',
  '7',
  'é',
  '😀',
  "'",
);
const cell = fc.oneof(
  fc.string({ unit: tricky, maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
);
const rows = fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 12 });
const delimiter = fc.constantFrom<CsvDelimiter>(...CSV_DELIMITERS);

function fieldsOf(records: CsvRecord[]): string[][] {
  return records.map((r) => r.fields);
}

/** Feeds `text` to a parser in pieces cut at `cuts` (fractions of the length). */
function parseInPieces(text: string, cuts: number[], delimiter?: CsvDelimiter): string[][] {
  const out: string[][] = [];
  const parser = new CsvStreamParser({ delimiter, onRecord: (r) => out.push(r.fields) });
  const points = [...new Set(cuts.map((f) => Math.floor(f * text.length)))].sort((a, b) => a - b);
  let from = 0;
  for (const at of points) {
    parser.push(text.slice(from, at));
    from = at;
  }
  parser.push(text.slice(from));
  parser.end();
  return out;
}

describe('CSV round trip (generated)', () => {
  it('writing then reading gives back every cell, with any delimiter', () => {
    fc.assert(
      fc.property(rows, delimiter, (data, d) => {
        const text = toCsv(data, { delimiter: d, escapeFormulas: false });
        expect(fieldsOf(parseCsv(text, d).records)).toEqual(data);
      }),
      { numRuns: 200 },
    );
  });

  it('reading in arbitrary chunks gives the same records as reading at once', () => {
    fc.assert(
      fc.property(
        rows,
        delimiter,
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 8 }),
        (data, d, cuts) => {
          const text = toCsv(data, { delimiter: d, escapeFormulas: false, bom: true });
          expect(parseInPieces(text, cuts, d)).toEqual(data);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('mixed CR, LF and CRLF line ends read as the same rows', () => {
    const plain = fc.string({ unit: fc.constantFrom('a', 'b', ' ', '1', 'é', '"', '\n'), maxLength: 6 });
    fc.assert(
      fc.property(
        fc.array(fc.array(plain, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 10 }),
        fc.array(fc.constantFrom('\r', '\n', '\r\n'), { minLength: 10, maxLength: 10 }),
        (data, ends) => {
          const text = data.map((r, i) => r.map((c) => csvCell(c)).join(',') + (ends[i] ?? '\n')).join('');
          expect(fieldsOf(parseCsv(text, ',').records)).toEqual(data);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('detects the delimiter of a consistent file, quoted line breaks and quotes included', () => {
    const plain = fc.string({ unit: fc.constantFrom('a', 'b', ' ', '"', '\n', 'x'), maxLength: 5 });
    fc.assert(
      fc.property(
        fc
          .integer({ min: 2, max: 5 })
          .chain((width) =>
            fc.array(fc.array(plain, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 8 }),
          ),
        delimiter,
        (data, d) => {
          const text = toCsv(data, { delimiter: d });
          expect(detectDelimiter(text)).toBe(d);
          expect(fieldsOf(parseCsv(text).records)).toEqual(data);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('escaped formula cells never start with a formula character and read back unchanged', () => {
    fc.assert(
      fc.property(cell, (value) => {
        const escaped = escapeFormula(value);
        expect(escaped).not.toMatch(/^[=+\-@\t\r\0]/);
        const [record] = parseCsv(`${csvCell(value)},x\r\n`, ',').records;
        expect(unescapeFormula(record?.fields[0] ?? '')).toBe(value);
      }),
      { numRuns: 100 },
    );
  });
});

describe('UTF-8 decoding (generated)', () => {
  it('matches the platform decoder on any bytes, cut anywhere, and counts the bad ones', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.array(fc.nat(64), { maxLength: 5 }), (bytes, cuts) => {
        const decoder = new Utf8StreamDecoder();
        let text = '';
        let from = 0;
        for (const at of [...cuts].sort((a, b) => a - b)) {
          const to = Math.min(at, bytes.length);
          text += decoder.decode(bytes.subarray(from, Math.max(from, to)));
          from = Math.max(from, to);
        }
        text += decoder.decode(bytes.subarray(from), true);
        expect(text).toBe(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes));
        let valid = true;
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        } catch {
          valid = false;
        }
        expect(decoder.invalidCount === 0).toBe(valid);
      }),
      { numRuns: 150 },
    );
  });

  it('decodes any valid text without reporting anything', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (s) => {
        const result = decodeUtf8(new TextEncoder().encode(s));
        expect(result).toEqual({ text: s, invalidCount: 0 });
      }),
      { numRuns: 100 },
    );
  });
});

describe('CSV reader details', () => {
  it('drops a BOM, keeps quoted line breaks and doubled quotes, counts blank rows', () => {
    const { records, summary } = parseCsv('\uFEFFtag;name\r\n\r\nA1;"Line 1\r\nLine ""2"""\rA2;x');
    expect(summary.delimiter).toBe(';');
    expect(records).toEqual([
      { fields: ['tag', 'name'], row: 1 },
      { fields: ['A1', 'Line 1\r\nLine "2"'], row: 3 },
      { fields: ['A2', 'x'], row: 4 },
    ]);
  });

  it('reports a stray quote and a quote left open, keeping the text', () => {
    const { records, summary } = parseCsv('a,b\n"x"y,z\n"open,w\nmore');
    expect(fieldsOf(records)).toEqual([['a', 'b'], ['xy', 'z'], ['open,w\nmore']]);
    expect(summary.issues.map((i) => [i.kind, i.row])).toEqual([
      ['stray_quote', 2],
      ['unclosed_quote', 3],
    ]);
  });

  it('keeps a trailing empty field, a quoted empty row, and a quote inside an unquoted field', () => {
    expect(fieldsOf(parseCsv('a,b,\n""\nsay "hi",x', ',').records)).toEqual([
      ['a', 'b', ''],
      [''],
      ['say "hi"', 'x'],
    ]);
  });

  it('a file of one column reads with a comma', () => {
    expect(detectDelimiter('name\nAlpha\nBeta')).toBe(',');
  });

  it('replaces invalid bytes and says where they were', () => {
    const decoder = new Utf8StreamDecoder();
    const text = decoder.decode(new Uint8Array([0x41, 0xe9, 0x42, 0xe2, 0x82]), true);
    expect(text).toBe('A\uFFFDB\uFFFD');
    expect(decoder.invalidCount).toBe(2);
    expect(decoder.invalidOffsets).toEqual([1, 3]);
  });

  it('streams 100,000 rows holding only the current record', () => {
    let count = 0;
    let lastTag = '';
    const parser = new CsvStreamParser({
      onRecord: (r) => {
        count++;
        lastTag = r.fields[0] ?? '';
      },
    });
    let held = 0;
    let chunk = 'tag,name,notes\r\n';
    for (let i = 0; i < 100_000; i++) {
      chunk += `AT-${i},"Laptop ${i}, spare","note ""${i}""\nsecond line"\r\n`;
      if (chunk.length > 64 * 1024) {
        parser.push(chunk);
        held = Math.max(held, parser.bufferedChars);
        chunk = '';
      }
    }
    parser.push(chunk);
    const summary = parser.end();
    expect(count).toBe(100_001);
    expect(summary.rows).toBe(100_001);
    expect(lastTag).toBe('AT-99999');
    // Once the delimiter is known, only a partial record stays between chunks.
    expect(parser.bufferedChars).toBe(0);
    expect(held).toBeLessThan(200);
  });
});
