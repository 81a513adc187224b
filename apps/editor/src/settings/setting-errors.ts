// The API names the field of a setting it refuses (422 `invalid_setting`, `details.problems`);
// the page shows each message next to that field.
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
