/**
 * Time zones chosen at test time. The time-skipping server's clock starts at the real current
 * time, so a test that needs a send to fall inside (or outside) quiet hours picks the customer's
 * zone from the moment the send will happen. `Etc/GMT±N` zones have whole-hour offsets and no
 * daylight saving, so the arithmetic here stays independent of the code under test.
 */
import { HOUR } from './seed';

export interface FixedZone {
  /** IANA name; note the inverted sign: `Etc/GMT-5` is UTC+5. */
  zone: string;
  /** Hours ahead of UTC. */
  offsetHours: number;
}

/** A zone whose local clock shows `hour`:xx at the instant `at`. */
export function zoneWithLocalHour(at: Date, hour: number): FixedZone {
  let offset = (((hour - at.getUTCHours()) % 24) + 24) % 24;
  if (offset > 14) offset -= 24; // IANA's fixed zones run from UTC-12 to UTC+14
  const zone = offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
  return { zone, offsetHours: offset };
}

/** The local hour in a fixed zone at an instant. */
export function localHourIn(zone: FixedZone, at: Date): number {
  return new Date(at.getTime() + zone.offsetHours * HOUR).getUTCHours();
}

/** The first instant strictly after `after` at which the zone's clock shows `hour`:00. */
export function nextLocalHour(zone: FixedZone, after: Date, hour: number): Date {
  const local = new Date(after.getTime() + zone.offsetHours * HOUR);
  const candidate = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), hour);
  const next = candidate > local.getTime() ? candidate : candidate + 24 * HOUR;
  return new Date(next - zone.offsetHours * HOUR);
}
