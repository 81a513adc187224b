/**
 * The SendGrid adapter through the real @sendgrid/mail SDK, against a local server speaking
 * SendGrid's v3 API: the exact request, and how provider failures are classified.
 */
import { SendGridStub } from '@waypoint/testing';
import { ProviderError } from '../src/provider-error';
import type { EmailMessage } from '../src/email/email-provider';
import { SandboxEmailProvider } from '../src/email/sandbox-email.provider';
import { SendGridEmailProvider } from '../src/email/sendgrid-email.provider';

const KEY = 'SG.unit-test-key';

function message(): EmailMessage {
  return {
    to: 'ada@example.com',
    from: 'Acme <hello@acme.test>',
    subject: 'Hello',
    html: '<p>Hi</p>',
    headers: {
      'List-Unsubscribe': '<https://x.test/u/t>',
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
    customArgs: { run_id: 'r1', node_id: 'n1', message_id: 'm1' },
    categories: ['marketing'],
  };
}

describe('SendGridEmailProvider', () => {
  const stub = new SendGridStub(KEY);
  beforeAll(() => stub.start());
  afterAll(() => stub.stop());

  it('posts the v3 mail/send body to the configured base URL and returns the message id', async () => {
    const result = await new SendGridEmailProvider(KEY, stub.url).send(message());
    const request = stub.requests.at(-1)!;
    expect(request.path).toBe('/v3/mail/send');
    expect(request.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(request.body).toEqual({
      from: { email: 'hello@acme.test', name: 'Acme' },
      subject: 'Hello',
      personalizations: [{ to: [{ email: 'ada@example.com' }] }],
      content: [{ type: 'text/html', value: '<p>Hi</p>' }],
      headers: message().headers,
      custom_args: { run_id: 'r1', node_id: 'n1', message_id: 'm1' },
      categories: ['marketing'],
    });
    expect(result).toEqual({
      provider: 'sendgrid',
      sandboxed: false,
      providerMessageId: request.messageId,
      request: request.body,
    });
  });

  it('marks 429 and 5xx as retryable and other 4xx as permanent, with the provider message', async () => {
    stub.queue(
      {
        status: 429,
        body: { errors: [{ message: 'too many requests', field: null }] },
        headers: { 'retry-after': '1' },
      },
      { status: 503 },
      {
        status: 400,
        body: { errors: [{ message: 'Does not contain a valid address.', field: 'personalizations.0.to' }] },
      },
    );
    const provider = new SendGridEmailProvider(KEY, stub.url);
    const errors: ProviderError[] = [];
    for (let i = 0; i < 3; i++)
      errors.push(
        await provider.send(message()).then(
          () => {
            throw new Error('sent');
          },
          (e: ProviderError) => e,
        ),
      );
    expect(errors.map((e) => [e.status, e.permanent])).toEqual([
      [429, false],
      [503, false],
      [400, true],
    ]);
    expect(errors[2].message).toContain('personalizations.0.to: Does not contain a valid address.');
  });

  it('refuses a wrong key with a permanent error', async () => {
    const error = await new SendGridEmailProvider('SG.wrong', stub.url)
      .send(message())
      .catch((e: ProviderError) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).status).toBe(401);
    expect((error as ProviderError).permanent).toBe(true);
  });
});

describe('SandboxEmailProvider', () => {
  it('sends nothing and returns the request SendGrid would have received', async () => {
    const result = await new SandboxEmailProvider().send(message());
    expect(result.sandboxed).toBe(true);
    expect(result.request).toMatchObject({ subject: 'Hello', custom_args: { run_id: 'r1' } });
  });
});
