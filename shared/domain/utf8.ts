/**
 * A streaming UTF-8 decoder that counts what it had to replace. Imports read files chunk by
 * chunk; TextDecoder would replace bad bytes silently, and the user must hear that some
 * characters were lost (a spreadsheet saved as Windows-1252 is the usual cause).
 *
 * Replacement follows the WHATWG Encoding Standard ("maximal subpart" rule), so the text is
 * exactly what a browser's TextDecoder would produce for the same bytes.
 */

export const REPLACEMENT_CHAR = '\uFFFD';

/** Byte offsets kept for the report; the count goes on past it. */
const MAX_REPORTED_OFFSETS = 20;

export class Utf8StreamDecoder {
  private needed = 0;
  private seen = 0;
  private codePoint = 0;
  private lower = 0x80;
  private upper = 0xbf;
  /** Byte offset (in the whole stream) where the pending sequence started. */
  private sequenceStart = 0;
  private consumed = 0;
  /** Number of U+FFFD characters produced for invalid or truncated sequences. */
  invalidCount = 0;
  /** Stream byte offsets of the first invalid sequences. */
  readonly invalidOffsets: number[] = [];

  /** Decodes one chunk; `final` flushes a sequence cut off at the end of the stream. */
  decode(bytes: Uint8Array, final = false): string {
    // Output never has more UTF-16 units than input bytes, plus the errors of a sequence carried
    // over from the previous chunk and of one cut off at the end.
    const out = new Uint16Array(bytes.length + 2);
    let n = 0;
    for (let i = 0; i < bytes.length; i++) {
      const byte = bytes[i]!;
      const offset = this.consumed + i;
      if (this.needed === 0) {
        if (byte <= 0x7f) {
          out[n++] = byte;
        } else if (byte >= 0xc2 && byte <= 0xdf) {
          this.start(1, byte & 0x1f, offset);
        } else if (byte >= 0xe0 && byte <= 0xef) {
          if (byte === 0xe0) this.lower = 0xa0;
          if (byte === 0xed) this.upper = 0x9f;
          this.start(2, byte & 0x0f, offset);
        } else if (byte >= 0xf0 && byte <= 0xf4) {
          if (byte === 0xf0) this.lower = 0x90;
          if (byte === 0xf4) this.upper = 0x8f;
          this.start(3, byte & 0x07, offset);
        } else {
          out[n++] = this.invalid(offset);
        }
        continue;
      }
      if (byte < this.lower || byte > this.upper) {
        // The sequence so far is one error; this byte starts over on its own.
        out[n++] = this.invalid(this.sequenceStart);
        this.reset();
        i--;
        continue;
      }
      this.lower = 0x80;
      this.upper = 0xbf;
      this.codePoint = (this.codePoint << 6) | (byte & 0x3f);
      this.seen++;
      if (this.seen === this.needed) {
        const cp = this.codePoint;
        this.reset();
        if (cp > 0xffff) {
          out[n++] = 0xd800 + ((cp - 0x10000) >> 10);
          out[n++] = 0xdc00 + ((cp - 0x10000) & 0x3ff);
        } else {
          out[n++] = cp;
        }
      }
    }
    this.consumed += bytes.length;
    if (final && this.needed !== 0) {
      out[n++] = this.invalid(this.sequenceStart);
      this.reset();
    }
    return unitsToString(out, n);
  }

  private start(needed: number, bits: number, offset: number): void {
    this.needed = needed;
    this.seen = 0;
    this.codePoint = bits;
    this.sequenceStart = offset;
  }

  private reset(): void {
    this.needed = 0;
    this.seen = 0;
    this.codePoint = 0;
    this.lower = 0x80;
    this.upper = 0xbf;
  }

  private invalid(offset: number): number {
    this.invalidCount++;
    if (this.invalidOffsets.length < MAX_REPORTED_OFFSETS) this.invalidOffsets.push(offset);
    return 0xfffd;
  }
}

/** String.fromCharCode over slices: one call per unit would be slow, one call for all overflows. */
function unitsToString(units: Uint16Array, length: number): string {
  const SLICE = 8192;
  let out = '';
  for (let i = 0; i < length; i += SLICE) {
    out += String.fromCharCode(...units.subarray(i, Math.min(length, i + SLICE)));
  }
  return out;
}

/** Decodes a whole buffer (tests, small files). */
export function decodeUtf8(bytes: Uint8Array): { text: string; invalidCount: number } {
  const decoder = new Utf8StreamDecoder();
  const text = decoder.decode(bytes, true);
  return { text, invalidCount: decoder.invalidCount };
}
