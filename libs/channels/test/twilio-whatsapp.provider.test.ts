/**
 * The Twilio WhatsApp adapter through the real `twilio` SDK, against a local server speaking
 * Twilio's Messages API: `whatsapp:` addressing, session text and approved templates, and how
 * provider failures are classified.
 */
import { TwilioStub } from '@waypoint/testing';
import { ProviderError } from '../src/provider-error';
import { SandboxWhatsAppProvider } from '../src/whatsapp/sandbox-whatsapp.provider';
import { TwilioWhatsAppProvider } from '../src/whatsapp/twilio-whatsapp.provider';
import type { WhatsAppSessionMessage, WhatsAppTemplateMessage } from '../src/whatsapp/whatsapp-provider';

const ACCOUNT_SID = `AC${'b2'.repeat(16)}`;
const AUTH_TOKEN = 'unit-test-auth-token';
const CONTENT_SID = `HX${'c3'.repeat(16)}`;

function session(overrides: Partial<WhatsAppSessionMessage> = {}): WhatsAppSessionMessage {
  return {
    kind: 'session',
    to: '+14155550100',
    from: '+14155550199',
    body: 'Thanks for your reply! Your order ships today 📦',
    tags: { run_id: 'r1', node_id: 'n1', message_id: 'm1' },
    ...overrides,
  };
}

function template(overrides: Partial<WhatsAppTemplateMessage> = {}): WhatsAppTemplateMessage {
  return {
    kind: 'template',
    to: '+14155550100',
    from: 'whatsapp:+14155550199',
    contentSid: CONTENT_SID,
    contentVariables: { '1': 'Ada', '2': 'CODE10' },
    statusCallback: 'https://hooks.acme.test/webhooks/twilio/status',
    tags: { run_id: 'r1', node_id: 'n2', message_id: 'm2' },
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

describe('TwilioWhatsAppProvider', () => {
  const stub = new TwilioStub(ACCOUNT_SID, AUTH_TOKEN);
  let provider: TwilioWhatsAppProvider;
  beforeAll(async () => {
    await stub.start();
    provider = new TwilioWhatsAppProvider({
      accountSid: ACCOUNT_SID,
      authToken: AUTH_TOKEN,
      apiUrl: stub.url,
    });
  });
  afterAll(() => stub.stop());

  it('sends session text with whatsapp: added to both addresses, and returns the sid', async () => {
    const result = await provider.send(session());
    const request = stub.requests.at(-1)!;
    expect(request.path).toBe(`/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`);
    expect(request.headers.authorization).toBe(
      `Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64')}`,
    );
    expect(request.form).toEqual({
      To: 'whatsapp:+14155550100',
      From: 'whatsapp:+14155550199',
      Body: 'Thanks for your reply! Your order ships today 📦',
    });
    expect(result).toEqual({
      provider: 'twilio',
      sandboxed: false,
      providerMessageId: request.messageSid,
      request: request.form,
    });
    expect(result.providerMessageId).toMatch(/^SM[0-9a-f]{32}$/);
  });

  it('does not double the prefix on addresses that already carry it', async () => {
    await provider.send(session({ to: 'whatsapp:+14155550100', from: 'whatsapp:+14155550199' }));
    expect(stub.requests.at(-1)!.form).toMatchObject({
      To: 'whatsapp:+14155550100',
      From: 'whatsapp:+14155550199',
    });
  });

  it('sends an approved template as ContentSid and ContentVariables JSON, with no Body', async () => {
    const result = await provider.send(template());
    const request = stub.requests.at(-1)!;
    expect(request.status).toBe(201);
    expect(request.form).toEqual({
      To: 'whatsapp:+14155550100',
      From: 'whatsapp:+14155550199',
      ContentSid: CONTENT_SID,
      ContentVariables: '{"1":"Ada","2":"CODE10"}',
      StatusCallback: 'https://hooks.acme.test/webhooks/twilio/status',
    });
    expect(JSON.parse(request.form.ContentVariables as string)).toEqual({ '1': 'Ada', '2': 'CODE10' });
    expect(result.providerMessageId).toBe(request.messageSid);
  });

  it('marks 429 (keeping Retry-After) and 503 as retryable', async () => {
    stub.queue({ status: 429, headers: { 'Retry-After': '2' } }, { status: 503 });
    expect(await failure(provider.send(template()))).toMatchObject({
      status: 429,
      permanent: false,
      retryAfterMs: 2000,
    });
    expect(await failure(provider.send(template()))).toMatchObject({ status: 503, permanent: false });
  });

  it('marks a number that is not E.164 (400, 21211) permanent and keeps the code', async () => {
    const error = await failure(provider.send(session({ to: '0415 555 0100' })));
    expect(stub.requests.at(-1)!.form.To).toBe('whatsapp:0415 555 0100');
    expect(error).toMatchObject({ status: 400, permanent: true, providerCode: '21211' });
  });

  it('refuses wrong credentials (401, 20003) with a permanent error', async () => {
    const wrong = new TwilioWhatsAppProvider({
      accountSid: ACCOUNT_SID,
      authToken: 'wrong',
      apiUrl: stub.url,
    });
    expect(await failure(wrong.send(session()))).toMatchObject({
      status: 401,
      permanent: true,
      providerCode: '20003',
    });
  });
});

describe('SandboxWhatsAppProvider', () => {
  it('sends nothing and returns the form Twilio would have received for session text', async () => {
    const result = await new SandboxWhatsAppProvider().send(session());
    expect(result).toEqual({
      provider: 'sandbox',
      sandboxed: true,
      providerMessageId: null,
      request: {
        To: 'whatsapp:+14155550100',
        From: 'whatsapp:+14155550199',
        Body: 'Thanks for your reply! Your order ships today 📦',
      },
    });
  });

  it('returns the template form with the variables JSON-encoded', async () => {
    const result = await new SandboxWhatsAppProvider().send(template());
    expect(result.request).toEqual({
      To: 'whatsapp:+14155550100',
      From: 'whatsapp:+14155550199',
      ContentSid: CONTENT_SID,
      ContentVariables: '{"1":"Ada","2":"CODE10"}',
      StatusCallback: 'https://hooks.acme.test/webhooks/twilio/status',
    });
  });
});
