// The API names the field of a setting it refuses (422 `invalid_setting`, `details.problems`);
// the page shows each message next to that field.
import { useState } from 'react';
import { ApiError } from '../api-error';

export type SettingErrors = Record<string, string>;

/** Field → message for a refused setting; empty for any other error (the form shows it whole). */
export function settingErrors(error: unknown): SettingErrors {
  if (!(error instanceof ApiError) || error.code !== 'invalid_setting') return {};
  const details = error.details as { problems?: Array<{ field?: unknown; message?: unknown }> } | undefined;
  const errors: SettingErrors = {};
  for (const problem of details?.problems ?? [])
    if (typeof problem.field === 'string' && typeof problem.message === 'string')
      errors[problem.field] ??= problem.message;
  return errors;
}

/** The errors of the last send, by field: `send` clears them, and sets them when it is refused. */
export function useSettingErrors() {
  const [errors, setErrors] = useState<SettingErrors>({});
  async function send<T>(request: () => Promise<T>): Promise<T> {
    setErrors({});
    try {
      return await request();
    } catch (error) {
      setErrors(settingErrors(error));
      throw error;
    }
  }
  return { errors, send };
}
