import { describe, expect, it } from '@jest/globals';
import { ApiError } from '../api-error';
import { settingErrors } from './setting-errors';

describe('settingErrors', () => {
  it("puts each refused setting's message under its field", () => {
    const error = new ApiError('timeZone: … ; currency: …', 422, 'invalid_setting', {
      field: 'timeZone',
      problems: [
        { field: 'timeZone', message: '"Mars/Base" is not a time zone' },
        { field: 'currency', message: '"XYZ" is not an ISO 4217 currency' },
      ],
    });
    expect(settingErrors(error)).toEqual({
      timeZone: '"Mars/Base" is not a time zone',
      currency: '"XYZ" is not an ISO 4217 currency',
    });
  });

  it('names no field for other errors', () => {
    expect(settingErrors(new ApiError('forbidden', 403, 'forbidden'))).toEqual({});
    expect(settingErrors(new Error('offline'))).toEqual({});
  });
});
