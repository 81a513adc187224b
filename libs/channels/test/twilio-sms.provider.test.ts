/**
 * The Twilio SMS adapter through the real `twilio` SDK, against a local server speaking Twilio's
 * Messages API: the exact request and credentials Twilio receives, and how provider failures are
 * classified.
 */
import { TwilioStub } from '@waypoint/testing';
import { ProviderError } from '../src/provider-error';
import { SandboxSmsProvider } from '../src/sms/sandbox-sms.provider';
import type { SmsMessage } from '../src/sms/sms-provider';
import { TwilioSmsProvider } from '../src/sms/twilio-sms.provider';

const ACCOUNT_SID = `AC${'a1'.repeat(16)}`;
const AUTH_TOKEN = 'unit-test-auth-token';

function message(overrides: Partial<SmsMessage> = {}): SmsMessage {
  return {
    to: '+14155550100',
    from: '+14155550199',
    body: 'Your cart misses you: 10% off with CODE10 €',
    statusCallback: 'https://hooks.acme.test/webhooks/twilio/status',
    tags: { run_id: 'r1', node_id: 'n1', message_id: 'm1' },
    ...overrides,
  };
}

/** The provider's rejection; fails the test if the send succeeded or threw something else. */
async function failure(send: Promise<unknown>): Promise<ProviderError> {
  const error = await send.then(
    () => {
      throw new Error('sent');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

describe('TwilioSmsProvider', () => {
  const stub = new TwilioStub(ACCOUNT_SID, AUTH_TOKEN);
  let provider: TwilioSmsProvider;
  beforeAll(async () => {
    await stub.start();
    provider = new TwilioSmsProvider({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, apiUrl: stub.url });
  });
  afterAll(() => stub.stop());

  it("posts Twilio's Messages form with Basic auth to the configured base URL and returns the sid", async () => {
    const result = await provider.send(message());
    const request = stub.requests.at(-1)!;
    expect(request.method).toBe('POST');
    expect(request.path).toBe(`/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`);
    expect(request.headers.authorization).toBe(
      `Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64')}`,
    );
    expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request.form).toEqual({
      To: '+14155550100',
      From: '+14155550199',
      Body: 'Your cart misses you: 10% off with CODE10 €',
      StatusCallback: 'https://hooks.acme.test/webhooks/twilio/status',
    });
    expect(request.messageSid).toMatch(/^SM[0-9a-f]{32}$/);
    expect(result).toEqual({
      provider: 'twilio',
      sandboxed: false,
      providerMessageId: request.messageSid,
      segments: 1,
      request: request.form,
    });
  });

  it('keeps the configured base URL when TWILIO_REGION and TWILIO_EDGE are set (they rewrite the host)', async () => {
    const env = process.env;
    process.env = { ...env, TWILIO_REGION: 'au1', TWILIO_EDGE: 'sydney' };
    try {
      const regional = new TwilioSmsProvider({
        accountSid: ACCOUNT_SID,
        authToken: AUTH_TOKEN,
        apiUrl: stub.url,
      });
      const result = await regional.send(message());
      expect(result.providerMessageId).toBe(stub.requests.at(-1)!.messageSid);
    } finally {
      process.env = env;
    }
  });

  it('leaves StatusCallback out when the message has none, and counts segments of long and unicode bodies', async () => {
    const long = await provider.send(message({ body: 'a'.repeat(161), statusCallback: undefined }));
    expect(stub.requests.at(-1)!.form).toEqual({
      To: '+14155550100',
      From: '+14155550199',
      Body: 'a'.repeat(161),
    });
    expect(long.segments).toBe(2);

    const emoji = await provider.send(message({ body: `${'a'.repeat(69)}😀` }));
    expect(stub.requests.at(-1)!.form.Body).toBe(`${'a'.repeat(69)}😀`);
    expect(emoji.segments).toBe(2);
  });

  it('marks 429 (keeping Retry-After) and 503 as retryable', async () => {
    stub.queue(
      {
        status: 429,
        body: {
          code: 20429,
          message: 'Too Many Requests',
          more_info: 'https://www.twilio.com/docs/errors/20429',
          status: 429,
        },
        headers: { 'Retry-After': '7' },
      },
      { status: 503 },
    );
    const throttled = await failure(provider.send(message()));
    expect(throttled).toMatchObject({
      status: 429,
      permanent: false,
      providerCode: '20429',
      retryAfterMs: 7000,
    });

    const unavailable = await failure(provider.send(message()));
    expect(unavailable).toMatchObject({ status: 503, permanent: false, providerCode: '20503' });
    expect(unavailable.retryAfterMs).toBeUndefined();
  });

  it("marks an invalid number (400, 21211) permanent and keeps Twilio's code and message", async () => {
    const error = await failure(provider.send(message({ to: '+1 415 555' })));
    expect(stub.requests.at(-1)!.status).toBe(400);
    expect(error).toMatchObject({ provider: 'twilio', status: 400, permanent: true, providerCode: '21211' });
    expect(error.message).toContain("Invalid 'To' Phone Number: +1 415 555");
    expect(error.retryAfterMs).toBeUndefined();
  });

  it("passes Twilio's validation codes through as permanent: no To (21604), no Body (21602)", async () => {
    expect(await failure(provider.send(message({ to: '' })))).toMatchObject({
      status: 400,
      permanent: true,
      providerCode: '21604',
    });
    expect(await failure(provider.send(message({ body: '' })))).toMatchObject({
      status: 400,
      permanent: true,
      providerCode: '21602',
    });
  });

  it('marks an unsubscribed recipient (21610) permanent', async () => {
    stub.queue({
      status: 400,
      body: {
        code: 21610,
        message: 'Attempt to send to unsubscribed recipient',
        more_info: 'https://www.twilio.com/docs/errors/21610',
        status: 400,
      },
    });
    const error = await failure(provider.send(message()));
    expect(error).toMatchObject({ status: 400, permanent: true, providerCode: '21610' });
  });

  it('refuses wrong credentials (401, 20003) with a permanent error', async () => {
    const wrong = new TwilioSmsProvider({ accountSid: ACCOUNT_SID, authToken: 'wrong', apiUrl: stub.url });
    const error = await failure(wrong.send(message()));
    expect(stub.requests.at(-1)!.status).toBe(401);
    expect(error).toMatchObject({ status: 401, permanent: true, providerCode: '20003' });
  });

  it('marks a network failure (nothing listening) as retryable', async () => {
    const closed = new TwilioStub(ACCOUNT_SID, AUTH_TOKEN);
    await closed.start();
    const apiUrl = closed.url;
    await closed.stop();
    const error = await failure(
      new TwilioSmsProvider({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, apiUrl }).send(message()),
    );
    expect(error).toMatchObject({ permanent: false, status: undefined });
  });

  it("keeps each concurrent send's own Retry-After", async () => {
    stub.queue(
      { status: 429, headers: { 'Retry-After': '3' } },
      { status: 429, headers: { 'Retry-After': '9' } },
    );
    const errors = await Promise.all([failure(provider.send(message())), failure(provider.send(message()))]);
    expect(errors.map((e) => e.retryAfterMs).sort()).toEqual([3000, 9000]);
  });
});

describe('SandboxSmsProvider', () => {
  it('sends nothing and returns the form Twilio would have received, with its segments', async () => {
    const result = await new SandboxSmsProvider().send(message({ body: '€'.repeat(81) }));
    expect(result).toEqual({
      provider: 'sandbox',
      sandboxed: true,
      providerMessageId: null,
      segments: 2,
      request: {
        To: '+14155550100',
        From: '+14155550199',
        Body: '€'.repeat(81),
        StatusCallback: 'https://hooks.acme.test/webhooks/twilio/status',
      },
    });
  });
});
