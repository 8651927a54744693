/**
 * Document ids that any device can mint offline without coordination.
 *
 * Format: `${prefix}_${ULID}`. A ULID is 26 Crockford base32 characters: 10 for a 48-bit
 * millisecond timestamp followed by 16 for 80 random bits. Because the time comes first and the
 * alphabet is in ASCII order, ids of one prefix sort by creation time as plain strings, which
 * keeps primary-key order close to insertion order in IndexedDB.
 *
 * Time and randomness are parameters so that the domain stays pure and demo data reproducible.
 */

/** Crockford base32: no I, L, O, U, so ids survive being read aloud or retyped. */
export const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

const TIME_LENGTH = 10;
const RANDOM_LENGTH = 16;
/** 2^48 - 1: the largest timestamp a ULID can hold (year 10889). */
export const MAX_ULID_TIME = 281_474_976_710_655;

export const ULID_PATTERN = /^[0-9A-HJKMNP-TV-Z]{26}$/;
export const DEVICE_ID_PATTERN = /^[0-9A-HJKMNP-TV-Z]{4}$/;

/** Conventional id prefixes per document type (readable in logs and exports). */
export const ID_PREFIX = {
  ticket: 'tkt',
  activity: 'act',
  ci: 'ci',
  relation: 'rel',
  article: 'kb',
  audit: 'aud',
  person: 'per',
  setting: 'set',
  file: 'fil',
} as const;

/** One Crockford character from a uniform float; clamps so that random() === 1 cannot overflow. */
function randomChar(random: () => number): string {
  const index = Math.min(31, Math.max(0, Math.floor(random() * 32)));
  return CROCKFORD.charAt(index);
}

export function encodeUlidTime(now: number): string {
  if (!Number.isInteger(now) || now < 0 || now > MAX_ULID_TIME) {
    throw new RangeError(`ULID time must be an integer between 0 and ${MAX_ULID_TIME}, got ${now}.`);
  }
  let out = '';
  let rest = now;
  // 48 bits exceed 32-bit integer arithmetic, so divide instead of shifting.
  for (let i = 0; i < TIME_LENGTH; i++) {
    const digit = rest % 32;
    out = CROCKFORD.charAt(digit) + out;
    rest = (rest - digit) / 32;
  }
  return out;
}

export function ulid(now: number, random: () => number): string {
  let out = encodeUlidTime(now);
  for (let i = 0; i < RANDOM_LENGTH; i++) out += randomChar(random);
  return out;
}

export function newId(prefix: string, now: number, random: () => number): string {
  return `${prefix}_${ulid(now, random)}`;
}

/** Creation time of an id made by newId, or null when it does not end in a ULID. */
export function timeOfId(id: string): number | null {
  const value = id.slice(-26);
  if (!ULID_PATTERN.test(value) || (id.length > 26 && id.charAt(id.length - 27) !== '_')) return null;
  let time = 0;
  for (let i = 0; i < TIME_LENGTH; i++) time = time * 32 + CROCKFORD.indexOf(value.charAt(i));
  return time <= MAX_ULID_TIME ? time : null;
}

/**
 * Short device id embedded in ticket numbers (INC-K7Q2-0042). 32^4 ≈ 1M values: collisions
 * between the handful of devices of one team are negligible, and a short code stays readable.
 */
export function newDeviceId(random: () => number): string {
  let out = '';
  for (let i = 0; i < 4; i++) out += randomChar(random);
  return out;
}

/**
 * Settings are singletons per key. A fixed id (instead of a ULID) lets two devices that both
 * create the default setting offline converge on one document when they sync.
 */
export function settingId(key: string): string {
  return `${ID_PREFIX.setting}_${key}`;
}
