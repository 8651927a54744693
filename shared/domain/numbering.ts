/**
 * Human ticket numbers that stay unique without a server: KIND-DEVICE-COUNTER, e.g. INC-K7Q2-0042.
 *
 * Each device numbers only its own tickets, so two offline devices can never hand out the same
 * number. The counter is shared by all kinds of one device (INC-K7Q2-0041 then REQ-K7Q2-0042):
 * one counter is enough to guarantee uniqueness and simpler to recover (see nextCounter).
 */
import { DEVICE_ID_PATTERN } from './ids';
import { KIND_PREFIX, TICKET_KINDS, type TicketKind } from './model';

export interface TicketNumberParts {
  kind: TicketKind;
  deviceId: string;
  counter: number;
}

const KIND_BY_PREFIX: ReadonlyMap<string, TicketKind> = new Map(
  TICKET_KINDS.map((kind) => [KIND_PREFIX[kind], kind] as const),
);

const NUMBER_PATTERN = /^([A-Z]{3})-([0-9A-HJKMNP-TV-Z]{4})-(\d{4,})$/;

/** Counter padded to 4 digits; larger counters simply grow (INC-K7Q2-12345). */
export function formatTicketNumber(kind: TicketKind, deviceId: string, counter: number): string {
  if (!DEVICE_ID_PATTERN.test(deviceId)) {
    throw new RangeError(`Device id must be 4 Crockford base32 characters, got "${deviceId}".`);
  }
  if (!Number.isSafeInteger(counter) || counter < 1) {
    throw new RangeError(`Ticket counter must be a positive integer, got ${counter}.`);
  }
  return `${KIND_PREFIX[kind]}-${deviceId}-${String(counter).padStart(4, '0')}`;
}

/**
 * Accepts surrounding spaces and any letter case (people type numbers into search boxes), but only
 * the canonical padding: "INC-K7Q2-00042" is not a number we ever issued.
 */
export function parseTicketNumber(value: string): TicketNumberParts | null {
  const match = NUMBER_PATTERN.exec(value.trim().toUpperCase());
  if (!match) return null;
  const [, prefix = '', deviceId = '', digits = ''] = match;
  const kind = KIND_BY_PREFIX.get(prefix);
  if (!kind) return null;
  const counter = Number(digits);
  if (!Number.isSafeInteger(counter) || counter < 1) return null;
  if (digits.length > 4 && digits.startsWith('0')) return null;
  return { kind, deviceId, counter };
}

/**
 * Next free counter for `deviceId`: the highest counter this device ever used, in any kind, plus
 * one. Derived from the numbers themselves (not a stored counter) so that a device whose local
 * counter was lost or restored from an old backup still never reuses a number, once it has synced.
 */
export function nextCounter(existing: Iterable<string>, deviceId: string): number {
  const device = deviceId.toUpperCase();
  let max = 0;
  for (const value of existing) {
    const parts = parseTicketNumber(value);
    if (parts && parts.deviceId === device && parts.counter > max) max = parts.counter;
  }
  return max + 1;
}
