/**
 * Text analysis shared by indexing, querying and highlighting, so a word is reduced the same
 * way wherever it is seen: lower case, no diacritics, a light English stemmer, no stop words.
 * Identifiers (ticket numbers, serials, asset tags, addresses) also keep their whole form so
 * an exact number finds its record first.
 */

/** Words too common to tell documents apart; dropping them shrinks postings a lot. */
const STOP_WORDS = new Set(
  (
    'a an and are as at be been but by can could did do does for from had has have he her his ' +
    'how i if in into is it its me my no not of on or our she so than that the their them then ' +
    'there these they this to too was we were what when where which while who why will with ' +
    'would you your yours am any all also just our ours off out over up very via'
  ).split(' '),
);

export const MAX_TERM_LENGTH = 40;

const DIACRITICS = /\p{M}/gu;
const NON_ASCII = /[^ -~\t\n\r]/;
// eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
export const CONTROL_CHARS = /[\u0000-\u001f\u007f]+/g;
const ALPHA_ONLY = /^[a-z]+$/;

export function normalize(text: string): string {
  if (!NON_ASCII.test(text)) return text.toLowerCase();
  return text.normalize('NFD').replace(DIACRITICS, '').toLowerCase();
}

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}

export function isAlphaTerm(term: string): boolean {
  if (term.length === 0) return false;
  for (let i = 0; i < term.length; i++) {
    const c = term.charCodeAt(i);
    if (c < 97 || c > 122) return false;
  }
  return true;
}

function undouble(stem: string): string {
  const n = stem.length;
  const last = stem[n - 1];
  if (
    n >= 4 &&
    last === stem[n - 2] &&
    last !== 'l' &&
    last !== 's' &&
    last !== 'z' &&
    !/[aeiou]/.test(last!)
  ) {
    return stem.slice(0, -1);
  }
  return stem;
}

/**
 * A deliberately light stemmer: plurals, -ing, -ed and a final e, so "printers", "printing"
 * and "printed" meet "print" while short words stay as typed. Only plain a-z words change.
 */
export function stem(word: string): string {
  if (word.length <= 3 || !ALPHA_ONLY.test(word)) return word;
  let w = word;
  if (w.endsWith('ies') && w.length > 4) w = w.slice(0, -3) + 'y';
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (/(?:ss|x|z|ch|sh)es$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(?:ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.endsWith('ing') && w.length >= 7) w = undouble(w.slice(0, -3));
  else if (w.endsWith('ed') && w.length >= 6) w = undouble(w.slice(0, -2));
  if (w.endsWith('e') && w.length > 4) w = w.slice(0, -1);
  return w;
}

/** The index term of one word (already normalized), or null when the word is not indexed. */
export function wordTerm(word: string): string | null {
  if (word.length < 2 || word.length > MAX_TERM_LENGTH || STOP_WORDS.has(word)) return null;
  return stem(word);
}

/** The index term of a whole identifier value: normalized, inner spaces removed. */
export function identTerm(value: string): string | null {
  const t = normalize(value.trim()).replace(CONTROL_CHARS, '').replace(/\s+/g, '');
  return t.length >= 2 && t.length <= 2 * MAX_TERM_LENGTH ? t : null;
}

export interface Token {
  /** Index term (stemmed word, or normalized compound). */
  term: string;
  /** Normalized surface form before stemming: what prefixes are matched against. */
  surface: string;
  start: number;
  end: number;
  compound: boolean;
}

// Character classes: 0 other, 1 letter or mark, 2 digit, 3 compound separator (- _ . /).
const ASCII_CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  ASCII_CLASS[c] = /[a-zA-Z]/.test(ch) ? 1 : /[0-9]/.test(ch) ? 2 : /[-_./]/.test(ch) ? 3 : 0;
}
const OTHER_CLASS = new Map<number, number>();
const LETTER = /[\p{L}\p{M}]/u;
const NUMBER = /\p{N}/u;

function classOf(code: number): number {
  if (code < 128) return ASCII_CLASS[code]!;
  let c = OTHER_CLASS.get(code);
  if (c === undefined) {
    const ch = String.fromCharCode(code);
    c = LETTER.test(ch) ? 1 : NUMBER.test(ch) ? 2 : 0;
    if (OTHER_CLASS.size < 65_536) OTHER_CLASS.set(code, c);
  }
  return c;
}

const isWordClass = (c: number) => c === 1 || c === 2;

/** Part boundaries of the current run, as start/end pairs (reused: no allocation per run). */
let parts = new Int32Array(64);

/**
 * Walks the runs of a text: letters and digits, possibly joined by single separators into a
 * compound (AT-000324, 10.16.1.2). Hand-written rather than a Unicode regex: this is the
 * indexing hot path.
 */
function scan(
  text: string,
  onRun: (start: number, end: number, partCount: number, compound: boolean, digit: boolean) => void,
): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    while (i < n && !isWordClass(classOf(text.charCodeAt(i)))) i++;
    if (i >= n) break;
    const start = i;
    let count = 0;
    let digit = false;
    for (;;) {
      const partStart = i;
      let c = classOf(text.charCodeAt(i));
      while (i < n && isWordClass(c)) {
        if (c === 2) digit = true;
        i++;
        c = i < n ? classOf(text.charCodeAt(i)) : 0;
      }
      if (count * 2 + 2 > parts.length) {
        const grown = new Int32Array(parts.length * 2);
        grown.set(parts);
        parts = grown;
      }
      parts[count * 2] = partStart;
      parts[count * 2 + 1] = i;
      count++;
      if (c === 3 && i + 1 < n && isWordClass(classOf(text.charCodeAt(i + 1)))) {
        i++;
        continue;
      }
      break;
    }
    onRun(start, i, count, count > 1, digit);
  }
}

/** Raw word -> index term (or null), remembered: real text repeats its words endlessly. */
const wordMemo = new Map<string, string | null>();

const MEMO_SIZE = 50_000;

function termOfRaw(raw: string, digit: boolean): string | null {
  // Words with digits are mostly one-off (numbers, serials): remembering them only costs memory.
  if (digit) return wordTerm(normalize(raw));
  let term = wordMemo.get(raw);
  if (term === undefined) {
    term = wordTerm(normalize(raw));
    if (wordMemo.size >= MEMO_SIZE) wordMemo.clear();
    wordMemo.set(raw, term);
  }
  return term;
}

/**
 * Every indexed token of a text with its position in the original string (positions are taken
 * before normalizing, so highlights land on the characters the user sees). A compound holding
 * a digit yields itself and its parts.
 */
export function tokenize(text: string, out: Token[] = []): Token[] {
  scan(text, (start, end, count, compound, digit) => {
    if (compound && digit && end - start <= 2 * MAX_TERM_LENGTH) {
      const surface = normalize(text.slice(start, end));
      out.push({ term: surface, surface, start, end, compound: true });
    }
    for (let k = 0; k < count; k++) {
      const a = parts[k * 2]!;
      const b = parts[k * 2 + 1]!;
      const raw = text.slice(a, b);
      const term = termOfRaw(raw, digit);
      if (term) out.push({ term, surface: normalize(raw), start: a, end: b, compound: false });
    }
  });
  return out;
}

/** Index terms of a text without positions (indexing hot path). */
export function terms(text: string, visit: (term: string) => void): void {
  scan(text, (start, end, count, compound, digit) => {
    if (compound && digit && end - start <= 2 * MAX_TERM_LENGTH) visit(normalize(text.slice(start, end)));
    for (let k = 0; k < count; k++) {
      const term = termOfRaw(text.slice(parts[k * 2]!, parts[k * 2 + 1]!), digit);
      if (term) visit(term);
    }
  });
}
