import { describe, expect, it } from '@jest/globals';
import { ApiError, apiErrorFromFailure, apiErrorFromResponse } from './api-error';

describe('apiErrorFromResponse', () => {
  it("surfaces the API's own message and code", () => {
    const error = apiErrorFromResponse(
      404,
      JSON.stringify({ error: { code: 'outbox_message_not_found', message: 'No outbox message abc.' } }),
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error.message).toBe('No outbox message abc.');
    expect(error.code).toBe('outbox_message_not_found');
    expect(error.status).toBe(404);
  });

  it('keeps the details the API sent, such as the problems a publish found', () => {
    const problems = [{ nodeId: 'email-1', code: 'template_missing', message: 'missing template' }];
    const error = apiErrorFromResponse(
      422,
      JSON.stringify({ error: { code: 'journey_invalid', message: '1 problem', details: { problems } } }),
    );
    expect(error.code).toBe('journey_invalid');
    expect(error.details).toEqual({ problems });
  });

  it('says the API is not answering when the proxy in front of it fails', () => {
    expect(apiErrorFromResponse(502, '').message).toBe('The API is not answering (HTTP 502). Is it running?');
    expect(apiErrorFromResponse(500, '').message).toBe('The API is not answering (HTTP 500). Is it running?');
  });

  it('falls back to the HTTP status for bodies that are not the API error shape', () => {
    expect(apiErrorFromResponse(500, '<html>oops</html>').message).toBe('The request failed with HTTP 500.');
    expect(apiErrorFromResponse(400, JSON.stringify({ error: 'bad' })).message).toBe(
      'The request failed with HTTP 400.',
    );
    expect(apiErrorFromResponse(400, JSON.stringify({ error: { message: '' } })).code).toBeUndefined();
  });
});

describe('apiErrorFromFailure', () => {
  it('explains that the API could not be reached', () => {
    const error = apiErrorFromFailure(new TypeError('Failed to fetch'));
    expect(error.message).toBe('Could not reach the API (Failed to fetch).');
    expect(error.status).toBe(0);
  });
});
