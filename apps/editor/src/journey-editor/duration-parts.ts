/**
 * Durations as the inspector edits them: an amount and a unit ("1h" ⇄ 1 + hours), and signed
 * offsets from a date attribute ("-3d" ⇄ 3 days before). The stored text keeps the shared model's
 * notation (libs/journey/src/duration.ts), which the API validates at publish.
 */

export const DURATION_UNITS = [
  { unit: 'm', label: 'minutes' },
  { unit: 'h', label: 'hours' },
  { unit: 'd', label: 'days' },
  { unit: 'w', label: 'weeks' },
  { unit: 's', label: 'seconds' },
] as const;

export type DurationUnit = (typeof DURATION_UNITS)[number]['unit'];

export interface DurationParts {
  /** As typed: may be empty while the marketer edits it. */
  amount: string;
  unit: DurationUnit;
}

const DURATION = /^(\d*)\s*([smhdw])$/;

export function splitDuration(text: string | undefined, fallbackUnit: DurationUnit = 'h'): DurationParts {
  const match = DURATION.exec((text ?? '').trim());
  if (!match) return { amount: (text ?? '').replace(/\D/g, ''), unit: fallbackUnit };
  return { amount: match[1], unit: match[2] as DurationUnit };
}

export function joinDuration({ amount, unit }: DurationParts): string {
  return `${amount.replace(/\D/g, '')}${unit}`;
}

export interface OffsetParts extends DurationParts {
  /** Before (`-`) or after (`+`) the date. */
  sign: '-' | '+';
}

export function splitOffset(text: string | undefined, fallbackUnit: DurationUnit = 'd'): OffsetParts {
  const trimmed = (text ?? '').trim();
  const sign = trimmed.startsWith('-') ? '-' : '+';
  return { sign, ...splitDuration(trimmed.replace(/^[+-]\s*/, ''), fallbackUnit) };
}

/** An offset of zero (or none typed) is stored as no offset at all. */
export function joinOffset(parts: OffsetParts): string | undefined {
  const amount = parts.amount.replace(/\D/g, '');
  if (amount === '' || Number(amount) === 0) return undefined;
  return `${parts.sign === '-' ? '-' : '+'}${amount}${parts.unit}`;
}
