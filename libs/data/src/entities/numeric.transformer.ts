/**
 * PostgreSQL sends `numeric` as a string (it may not fit a double); the amounts this schema keeps
 * (money, days, shares) do, so entities read them as numbers.
 */
import type { ValueTransformer } from 'typeorm';

export const numericTransformer: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
