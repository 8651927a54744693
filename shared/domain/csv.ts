/**
 * CSV reading and writing (RFC 4180 plus what real files contain). The reader is a state
 * machine fed text chunk by chunk: it holds the record being read and nothing else, so a
 * 100,000-row file never exists as a whole string or as a list of rows.
 *
 * Accepted beyond RFC 4180: a byte-order mark, CR, LF and CRLF line ends mixed in one file,
 * `;` or tab instead of `,` (detected from the first lines), a quote inside an unquoted field
 * (kept as text), text after a closing quote (kept, reported), a quote left open at the end
 * (reported). Row numbers count every record from 1 (the header), blank lines included, so they
 * match the row numbers a spreadsheet shows.
 */

export const CSV_DELIMITERS = [',', ';', '\t'] as const;
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];

export interface CsvRecord {
  fields: string[];
  /** 1-based record number; blank records are counted but not delivered. */
  row: number;
}

export type CsvIssueKind = 'stray_quote' | 'unclosed_quote';

export interface CsvIssue {
  kind: CsvIssueKind;
  row: number;
  message: string;
}

export interface CsvSummary {
  delimiter: CsvDelimiter;
  /** Records read, blank ones included. */
  rows: number;
  issues: CsvIssue[];
}

const QUOTE = 34;
const CR = 13;
const LF = 10;

const START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
/** A quote seen inside a quoted field: doubled quote, end of field, or stray text follows. */
const QUOTE_IN_QUOTED = 3;

/** Text held back to guess the delimiter: enough for a header and a few rows. */
const SAMPLE_CHARS = 64 * 1024;
const SAMPLE_LINES = 20;

export interface CsvParserOptions {
  /** Detected from the first lines when absent. */
  delimiter?: CsvDelimiter;
  onRecord: (record: CsvRecord) => void;
}

export class CsvStreamParser {
  private delimiterCode = -1;
  private chosen: CsvDelimiter | null;
  private sample = '';
  private sampleLines = 0;
  private started = false;
  private state = START;
  private skipLf = false;
  private field = '';
  private fields: string[] = [];
  private heldChars = 0;
  /** `""` on its own is an empty value, not a blank line. */
  private quotedSeen = false;
  private rowCount = 0;
  private readonly issues: CsvIssue[] = [];

  constructor(private readonly options: CsvParserOptions) {
    this.chosen = options.delimiter ?? null;
    if (this.chosen) this.delimiterCode = this.chosen.charCodeAt(0);
  }

  get delimiter(): CsvDelimiter | null {
    return this.chosen;
  }

  /** Characters held between chunks: the current record (and the delimiter sample at first). */
  get bufferedChars(): number {
    return this.sample.length + this.field.length + this.heldChars;
  }

  push(text: string): void {
    if (text === '') return;
    if (!this.started) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (this.chosen) {
      this.process(text);
      return;
    }
    this.sample += text;
    this.sampleLines += countLineEnds(text);
    if (this.sample.length >= SAMPLE_CHARS || this.sampleLines >= SAMPLE_LINES) {
      this.flushSample(false);
    }
  }

  end(): CsvSummary {
    if (!this.chosen) this.flushSample(true);
    if (this.state === QUOTED) {
      this.report('unclosed_quote', 'A quoted field is not closed before the end of the file.');
    }
    if (this.state !== START || this.fields.length > 0) {
      this.endField();
      this.endRecord();
    }
    this.state = START;
    return { delimiter: this.chosen ?? ',', rows: this.rowCount, issues: this.issues.slice() };
  }

  private flushSample(final: boolean): void {
    this.chosen = detectDelimiter(this.sample, final);
    this.delimiterCode = this.chosen.charCodeAt(0);
    const text = this.sample;
    this.sample = '';
    this.process(text);
  }

  private process(text: string): void {
    const delimiter = this.delimiterCode;
    const length = text.length;
    let i = 0;
    while (i < length) {
      if (this.skipLf) {
        this.skipLf = false;
        if (text.charCodeAt(i) === LF) {
          i++;
          continue;
        }
      }
      if (this.state === START) {
        if (text.charCodeAt(i) === QUOTE) {
          this.state = QUOTED;
          this.quotedSeen = true;
          i++;
          continue;
        }
        this.state = UNQUOTED;
      }
      if (this.state === UNQUOTED) {
        let j = i;
        let c = 0;
        while (j < length) {
          c = text.charCodeAt(j);
          if (c === delimiter || c === CR || c === LF) break;
          j++;
        }
        if (j > i) this.field += text.slice(i, j);
        if (j === length) return;
        this.endField();
        if (c !== delimiter) {
          this.endRecord();
          if (c === CR) this.skipLf = true;
        }
        this.state = START;
        i = j + 1;
        continue;
      }
      if (this.state === QUOTED) {
        const j = text.indexOf('"', i);
        if (j < 0) {
          this.field += text.slice(i);
          return;
        }
        this.field += text.slice(i, j);
        this.state = QUOTE_IN_QUOTED;
        i = j + 1;
        continue;
      }
      // QUOTE_IN_QUOTED
      const c = text.charCodeAt(i);
      if (c === QUOTE) {
        this.field += '"';
        this.state = QUOTED;
        i++;
      } else if (c === delimiter) {
        this.endField();
        this.state = START;
        i++;
      } else if (c === CR || c === LF) {
        this.endField();
        this.endRecord();
        this.state = START;
        this.skipLf = c === CR;
        i++;
      } else {
        // `"abc"def`: keep the text after the quote rather than lose it.
        this.report('stray_quote', 'Text follows a closing quote; the quote was dropped.');
        this.state = UNQUOTED;
      }
    }
  }

  private endField(): void {
    this.fields.push(this.field);
    this.heldChars += this.field.length;
    this.field = '';
  }

  private endRecord(): void {
    this.rowCount++;
    const fields = this.fields;
    this.fields = [];
    this.heldChars = 0;
    const blank = fields.length === 1 && fields[0] === '' && !this.quotedSeen;
    this.quotedSeen = false;
    if (blank) return;
    this.options.onRecord({ fields, row: this.rowCount });
  }

  private report(kind: CsvIssueKind, message: string): void {
    this.issues.push({ kind, row: this.rowCount + 1, message });
  }
}

function countLineEnds(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === LF || c === CR) count++;
  }
  return count;
}

/**
 * The delimiter that splits the sample's records into the same number (more than one) of
 * fields most often; quotes are honoured, so a `;` inside a quoted address does not count.
 * Ties go to the wider split, then to `,`. A one-column file reads as `,`.
 */
export function detectDelimiter(sample: string, final = true): CsvDelimiter {
  let best: { delimiter: CsvDelimiter; agree: number; width: number } | null = null;
  for (const delimiter of CSV_DELIMITERS) {
    const widths: number[] = [];
    const probe = new CsvStreamParser({ delimiter, onRecord: (r) => widths.push(r.fields.length) });
    probe.push(sample);
    // An unfinished last line would skew the count; it is only complete at the end of the file.
    if (final) probe.end();
    const tally = new Map<number, number>();
    for (const w of widths) tally.set(w, (tally.get(w) ?? 0) + 1);
    for (const [width, agree] of tally) {
      if (width < 2) continue;
      if (!best || agree > best.agree || (agree === best.agree && width > best.width)) {
        best = { delimiter, agree, width };
      }
    }
  }
  return best?.delimiter ?? ',';
}

/** Parses a whole string (tests, pasted text). */
export function parseCsv(
  text: string,
  delimiter?: CsvDelimiter,
): { records: CsvRecord[]; summary: CsvSummary } {
  const records: CsvRecord[] = [];
  const parser = new CsvStreamParser({ delimiter, onRecord: (r) => records.push(r) });
  parser.push(text);
  return { records, summary: parser.end() };
}

// ---- Writing

/**
 * Characters that make a spreadsheet treat a cell as a formula (OWASP ASVS 1.2.10, CSV
 * injection): `=`, `+`, `-`, `@`, tab, carriage return and NUL. Quotes already in front count
 * too, so that unescaping stays exact: `'=x` is written `''=x`.
 */
const FORMULA_START = /^'*[=+\-@\t\r\0]/;

/** Prefixes a single quote to a cell a spreadsheet would run as a formula. */
export function escapeFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/** Undoes escapeFormula on import, so an exported file reads back to the same values. */
export function unescapeFormula(cell: string): string {
  return cell.charCodeAt(0) === 39 && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;
}

export interface CsvWriteOptions {
  delimiter?: CsvDelimiter;
  /** On by default: exports are opened in spreadsheets. */
  escapeFormulas?: boolean;
}

/** One cell, quoted when it holds the delimiter, a quote or a line break. */
export function csvCell(value: string, options: CsvWriteOptions = {}): string {
  const delimiter = options.delimiter ?? ',';
  const cell = options.escapeFormulas === false ? value : escapeFormula(value);
  const needsQuotes =
    cell.includes(delimiter) || cell.includes('"') || cell.includes('\n') || cell.includes('\r');
  return needsQuotes ? `"${cell.replace(/"/g, '""')}"` : cell;
}

export function csvLine(cells: readonly string[], options: CsvWriteOptions = {}): string {
  // A lone empty cell would be a blank line, which readers skip.
  if (cells.length === 1 && cells[0] === '') return '""';
  return cells.map((c) => csvCell(c, options)).join(options.delimiter ?? ',');
}

/** Whole file with CRLF line ends (RFC 4180); a BOM first so spreadsheets read UTF-8. */
export function toCsv(
  rows: readonly (readonly string[])[],
  options: CsvWriteOptions & { bom?: boolean } = {},
): string {
  const body = rows.map((r) => `${csvLine(r, options)}\r\n`).join('');
  return options.bom ? `\uFEFF${body}` : body;
}
