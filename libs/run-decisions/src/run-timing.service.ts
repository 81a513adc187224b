/**
 * Time in the customer's zone (the store profile's for a customer without one): when quiet hours
 * end, and when a `wait.until` wakes (a local time of day on allowed weekdays, or a date attribute
 * plus an offset). Answers are recorded in the workflow's history, so replays see the same times.
 */
import { Injectable } from '@nestjs/common';
import { StoreProfileReader } from '@waypoint/customer-value';
import { Database, findCustomerProfile, type CustomerEntity } from '@waypoint/data';
import {
  isValidTimeZone,
  localParts,
  nextLocalTime,
  parseOffset,
  quietHoursEnd,
  readPath,
} from '@waypoint/journey';
import type { QuietHoursAnswer, QuietHoursInput, WaitUntilAnswer, WaitUntilInput } from '@waypoint/journey';

const WEEKDAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

@Injectable()
export class RunTiming {
  constructor(
    private readonly db: Database,
    private readonly profiles: StoreProfileReader,
  ) {}

  async quietHours(input: QuietHoursInput): Promise<QuietHoursAnswer> {
    const customer = await findCustomerProfile(this.db, input.customerId);
    const timeZone = await this.timeZoneOf(customer);
    const until = quietHoursEnd(new Date(input.now), timeZone, input.window);
    if (!until) return { until: null, reason: null };
    const local = localParts(until, timeZone);
    const hhmm = `${String(local.hour).padStart(2, '0')}:${String(local.minute).padStart(2, '0')}`;
    return { until: until.toISOString(), reason: `quiet hours until ${hhmm} ${timeZone}` };
  }

  async resolveWaitUntil(input: WaitUntilInput): Promise<WaitUntilAnswer> {
    const customer = await findCustomerProfile(this.db, input.customerId);
    const timeZone = await this.timeZoneOf(customer);
    const now = new Date(input.now);
    if (input.timeOfDay) {
      const days = input.weekdays?.length
        ? ` on ${input.weekdays.map((d) => WEEKDAY_NAMES[d]).join('/')}`
        : '';
      return {
        wakeAt: nextLocalTime(now, timeZone, input.timeOfDay, input.weekdays).toISOString(),
        reason: `until ${input.timeOfDay}${days} ${timeZone}`,
      };
    }
    const path = (input.attribute ?? '').replace(/^attributes\./, '');
    const raw = readPath(customer?.attributes ?? {}, path);
    const date = typeof raw === 'string' || typeof raw === 'number' ? new Date(raw) : null;
    if (!date || Number.isNaN(date.getTime()))
      return { wakeAt: null, reason: `${input.attribute} is not a date for this customer` };
    const offset = input.offset ? parseOffset(input.offset) : 0;
    const described = input.offset
      ? ` ${input.offset.startsWith('-') ? '' : '+'}${input.offset.replace(/^\+/, '')}`
      : '';
    return {
      wakeAt: new Date(date.getTime() + offset).toISOString(),
      reason: `until ${input.attribute}${described}`,
    };
  }

  /** The customer's time zone, else the store's. */
  async timeZoneFor(customerId: string): Promise<string> {
    return this.timeZoneOf(await findCustomerProfile(this.db, customerId));
  }

  private async timeZoneOf(customer: CustomerEntity | null): Promise<string> {
    const zone = customer?.timezone;
    return zone && isValidTimeZone(zone) ? zone : (await this.profiles.current()).timeZone;
  }
}
