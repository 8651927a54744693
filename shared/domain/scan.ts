/**
 * Reading asset tags: normalising what a scanner or a person typed, and telling a keyboard-wedge
 * scanner's burst of keystrokes from a person typing.
 *
 * A wedge scanner is a keyboard as far as the computer knows: it "types" the code a few
 * milliseconds per character and presses Enter. People rarely manage 4 keys in a row with less
 * than 50 ms between each, so the gap between key events (their own timestamps, not the time
 * they are handled) tells the two apart without any configuration on the scanner.
 */

/** Longest tag kept (the CMDB stores tags of at most 64 characters). */
export const TAG_MAX_LENGTH = 64;

/**
 * The canonical form of a tag, or null when nothing usable was read: surrounding whitespace and
 * control characters are dropped (scanners add prefixes such as STX or a trailing CR), runs of
 * inner whitespace become one space, letters become upper case (labels are printed in upper case
 * and people type either). Tags longer than TAG_MAX_LENGTH are refused, not cut, so a misread
 * never matches another asset by its prefix.
 */
export function normaliseTag(raw: string): string | null {
  // eslint-disable-next-line no-control-regex -- stripping control characters is the point
  const cleaned = raw.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ').trim();
  if (cleaned === '') return null;
  const tag = cleaned.replace(/\s+/g, ' ').toUpperCase();
  return tag.length > TAG_MAX_LENGTH ? null : tag;
}

/** Why a typed tag cannot be used, for the message next to the manual entry field. */
export function tagError(raw: string): string | null {
  if (raw.trim() === '') return 'Type or scan an asset tag.';
  if (normaliseTag(raw) === null) return `An asset tag has at most ${TAG_MAX_LENGTH} characters.`;
  return null;
}

export interface WedgeOptions {
  /** Largest gap between two keys of one burst, in ms. */
  maxGapMs: number;
  /** Fewest characters a burst must have before its Enter. */
  minLength: number;
}

export const DEFAULT_WEDGE_OPTIONS: WedgeOptions = { maxGapMs: 50, minLength: 4 };

/** What the detector needs of a keydown event. */
export interface WedgeKey {
  /** KeyboardEvent.key: one character, 'Enter', or a named key ('Shift', 'Tab', ...). */
  key: string;
  /** KeyboardEvent.timeStamp (ms). */
  time: number;
  /** The key went to a text field: it belongs to that field, the detector forgets its burst. */
  editable: boolean;
  /** Ctrl, Alt or Meta held: a shortcut, never part of a code. */
  modified: boolean;
}

export interface WedgeState {
  buffer: string;
  /** Time of the last character kept, or -1 before any. */
  last: number;
}

export const EMPTY_WEDGE: WedgeState = { buffer: '', last: -1 };

/**
 * - `ignore`: not the detector's business (let the event through untouched);
 * - `hold`: a character kept while a burst may be forming (the page keeps it from triggering
 *   single-key shortcuts, it has no other meaning outside a text field);
 * - `burst`: Enter closed a burst; `text` is what the scanner typed, the Enter is consumed;
 * - `drop`: Enter after slow or short typing; the held characters are forgotten and the
 *   Enter goes on as a normal key.
 */
export type WedgeAction =
  { kind: 'ignore' } | { kind: 'hold' } | { kind: 'burst'; text: string } | { kind: 'drop' };

export interface WedgeStep {
  state: WedgeState;
  action: WedgeAction;
}

const MODIFIER_KEYS = new Set(['Shift', 'CapsLock', 'Control', 'Alt', 'AltGraph', 'Meta']);

/** One keydown through the detector; pure, so it is tested with synthetic timestamps. */
export function wedgeStep(
  state: WedgeState,
  key: WedgeKey,
  options: WedgeOptions = DEFAULT_WEDGE_OPTIONS,
): WedgeStep {
  if (key.editable || key.modified) return { state: EMPTY_WEDGE, action: { kind: 'ignore' } };
  // A scanner presses Shift for capitals: modifier keys neither break nor extend a burst.
  if (MODIFIER_KEYS.has(key.key)) return { state, action: { kind: 'ignore' } };
  const fast = state.last >= 0 && key.time - state.last <= options.maxGapMs && key.time >= state.last;
  if (key.key === 'Enter') {
    if (fast && state.buffer.length >= options.minLength) {
      return { state: EMPTY_WEDGE, action: { kind: 'burst', text: state.buffer } };
    }
    return { state: EMPTY_WEDGE, action: state.buffer === '' ? { kind: 'ignore' } : { kind: 'drop' } };
  }
  if (key.key.length !== 1 && !isSingleCodePoint(key.key)) {
    // Tab, arrows, Escape ...: a person is navigating; whatever was held is not a code.
    return { state: EMPTY_WEDGE, action: { kind: 'ignore' } };
  }
  const buffer = fast ? state.buffer + key.key : key.key;
  if (buffer.length > TAG_MAX_LENGTH * 2) return { state: EMPTY_WEDGE, action: { kind: 'hold' } };
  return { state: { buffer, last: key.time }, action: { kind: 'hold' } };
}

/** A character outside the BMP arrives as one `key` of two UTF-16 units. */
function isSingleCodePoint(value: string): boolean {
  return [...value].length === 1;
}

/** Convenience for tests and the bench: the bursts a sequence of keys produces. */
export function detectBursts(
  keys: readonly WedgeKey[],
  options: WedgeOptions = DEFAULT_WEDGE_OPTIONS,
): string[] {
  let state = EMPTY_WEDGE;
  const out: string[] = [];
  for (const key of keys) {
    const step = wedgeStep(state, key, options);
    state = step.state;
    if (step.action.kind === 'burst') out.push(step.action.text);
  }
  return out;
}
