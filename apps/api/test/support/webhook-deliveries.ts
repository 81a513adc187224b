/**
 * Garbage for the signed webhooks, as fast-check arbitraries: unsigned or badly signed deliveries
 * (which must be refused with 401 before anything is read), and correctly signed deliveries whose
 * payload can never be processed (wrong field types, NUL and lone surrogates, deep nesting, not
 * JSON at all), which the API acknowledges (200) or refuses (4xx) without storing anything but a
 * dead letter. Each webhook is signed the way its provider signs (Shopify HMAC-SHA256 of the body,
 * SendGrid ECDSA over timestamp + body, Twilio HMAC-SHA1 over URL + sorted form fields).
 */
import { createHmac, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { LIMITS } from '@waypoint/contract';
import { twilioSignature, type SendGridEventSigner } from '@waypoint/testing';
import type { RawRequest } from './api-answers';
import { describeChar, INVALID_JSON, nested, UNSTORABLE } from './bad-requests';
import { shopifyCustomer } from './shopify';

export interface WebhookSecrets {
  /** The stack's base URL, which is also its PUBLIC_URL (Twilio signs the URL it called). */
  baseUrl: string;
  shopify: string;
  twilioAuthToken: string;
  sendGrid: SendGridEventSigner;
}

export interface Delivery {
  what: string;
  request: RawRequest;
}

/** A payload, and headers that go with it (Shopify's topic). */
interface Garbage {
  what: string;
  body: string;
  headers?: Record<string, string>;
}

interface Signer {
  /** Headers a real delivery carries besides its signature. */
  headers(): Record<string, string>;
  /** The signature headers for this body (form bodies are signed as Twilio parses them). */
  sign(body: string, secrets: WebhookSecrets, path: string): Record<string, string>;
  /** Signature headers that are present but wrong. */
  forged(body: string, secrets: WebhookSecrets, path: string): fc.Arbitrary<Record<string, string>>;
  /**
   * Payloads that can never be processed: garbage in a field the API reads, never in one it
   * ignores (a delivery with junk in an unread field is still a good delivery).
   */
  garbage: fc.Arbitrary<Garbage>;
}

const FIXTURES = join(__dirname, '../fixtures/shopify');
const fixture = (name: string) => () =>
  JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as Record<string, unknown>;

/** Per topic the API maps: a real payload, the fields its mapper reads, and those it needs. */
const SHOPIFY_PAYLOADS: Record<
  string,
  { payload: () => Record<string, unknown>; read: string[]; required: string[] }
> = {
  'customers/create': {
    payload: () => shopifyCustomer(),
    read: ['id', 'email', 'phone', 'first_name', 'last_name', 'tags'],
    required: ['id'],
  },
  'customers/update': {
    payload: () => shopifyCustomer(),
    read: ['id', 'email', 'phone', 'first_name', 'last_name', 'tags'],
    required: ['id'],
  },
  'orders/create': {
    payload: fixture('orders-create.json'),
    read: ['id', 'total_price', 'line_items'],
    required: ['id', 'total_price'],
  },
  'orders/paid': {
    payload: fixture('orders-paid.json'),
    read: ['id', 'total_price', 'line_items'],
    required: ['id', 'total_price'],
  },
  'checkouts/create': {
    payload: fixture('checkouts-create.json'),
    read: ['token', 'total_price', 'line_items'],
    required: ['token', 'total_price'],
  },
  'checkouts/update': {
    payload: fixture('checkouts-update.json'),
    read: ['token', 'total_price', 'line_items'],
    required: ['token', 'total_price'],
  },
};

const shopifyHmac = (secret: string, body: string) =>
  createHmac('sha256', secret).update(body).digest('base64');

const twilioFields = (body: string) => Object.fromEntries(new URLSearchParams(body));

const isEmptyList = (value: unknown) => Array.isArray(value) && value.length === 0;

/** A value of the wrong type, or text no database can store. */
const wrongValue: fc.Arbitrary<{ what: string; value: unknown }> = fc.oneof(
  fc
    .constantFrom<unknown>({}, { id: 1 }, [], [1, 2], true)
    .map((value) => ({ what: `= ${JSON.stringify(value)}`, value })),
  fc
    .constantFrom(...UNSTORABLE)
    .map((char) => ({ what: `with a ${describeChar(char)}`, value: `x${char}y` })),
);

/** Bodies no provider sends: not JSON, not an object, nested past the limit. */
const notAPayload: fc.Arbitrary<{ what: string; body: string }> = fc.oneof(
  fc.constantFrom(...INVALID_JSON).map((body) => ({ what: `invalid JSON ${JSON.stringify(body)}`, body })),
  fc
    .constantFrom('[]', '1', '"text"', 'null', 'true', '[{}]')
    .map((body) => ({ what: `JSON ${body}`, body })),
  fc.tuple(fc.integer({ min: LIMITS.jsonDepth + 1, max: 5_000 }), fc.boolean()).map(([depth, arrays]) => ({
    what: `JSON nested ${depth} levels deep`,
    body: nested(depth, arrays, '1'),
  })),
);

const shopifyGarbage: fc.Arbitrary<Garbage> = fc
  .constantFrom(...Object.keys(SHOPIFY_PAYLOADS))
  .chain((topic) => {
    const { payload, read, required } = SHOPIFY_PAYLOADS[topic];
    const headers = { 'x-shopify-topic': topic };
    return fc.oneof(
      notAPayload.map(({ what, body }) => ({ what: `${topic}: ${what}`, body, headers })),
      fc
        .tuple(fc.constantFrom(...read), wrongValue)
        // An empty list where a list belongs (a checkout with no line items) is no garbage.
        .filter(([field, wrong]) => !(isEmptyList(wrong.value) && Array.isArray(payload()[field])))
        .map(([field, wrong]) => ({
          what: `${topic}: ${field} ${wrong.what}`,
          body: JSON.stringify({ ...payload(), [field]: wrong.value }),
          headers,
        })),
      fc.constantFrom(...required).map((field) => {
        const { [field]: _missing, ...rest } = payload();
        return { what: `${topic}: ${field} missing`, body: JSON.stringify(rest), headers };
      }),
    );
  });

const sendGridGarbage: fc.Arbitrary<Garbage> = fc.oneof(
  notAPayload,
  fc.constant({
    what: 'one event, not an array',
    body: JSON.stringify({ event: 'delivered', sg_event_id: 'x' }),
  }),
  // Entries without a usable event or id: each must be skipped, none stored.
  fc.tuple(fc.constantFrom('event', 'sg_event_id'), wrongValue).map(([field, wrong]) => ({
    what: `an event whose ${field} ${wrong.what}`,
    body: JSON.stringify([
      {
        event: 'delivered',
        email: 'a@example.com',
        timestamp: 1_700_000_000,
        sg_event_id: randomBytes(6).toString('hex'),
        [field]: wrong.value,
      },
    ]),
  })),
);

/** Twilio's form fields each webhook reads, and those it cannot do without. */
const TWILIO_FIELDS: Record<string, { read: string[]; required: string[] }> = {
  '/webhooks/twilio/status': {
    read: ['MessageSid', 'MessageStatus'],
    required: ['MessageSid', 'MessageStatus'],
  },
  '/webhooks/twilio/inbound': { read: ['MessageSid', 'From', 'Body'], required: ['MessageSid', 'From'] },
};

function twilioGarbage(path: string): fc.Arbitrary<Garbage> {
  const { read, required } = TWILIO_FIELDS[path];
  const form = (): Record<string, string> => ({
    MessageSid: `SM${randomBytes(16).toString('hex')}`,
    MessageStatus: 'delivered',
    AccountSid: `AC${randomBytes(16).toString('hex')}`,
    From: '+15005550006',
    To: '+15005550001',
    Body: 'hello',
  });
  // A form carries text only, and no lone surrogate survives its encoding: NUL is what is left.
  return fc.oneof(
    fc.tuple(fc.constantFrom(...read), fc.nat({ max: 3 })).map(([field, at]) => {
      const fields = form();
      const value = fields[field];
      fields[field] = `${value.slice(0, at)}\u0000${value.slice(at)}`;
      return { what: `${field} with a NUL`, body: new URLSearchParams(fields).toString() };
    }),
    fc.constantFrom(...required).map((field) => {
      const { [field]: _missing, ...fields } = form();
      return { what: `${field} missing`, body: new URLSearchParams(fields).toString() };
    }),
  );
}

function twilioSigner(path: string): Signer {
  return {
    headers: () => ({ 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'TwilioProxy/1.1' }),
    sign: (body, secrets, target) => ({
      'x-twilio-signature': twilioSignature(
        secrets.twilioAuthToken,
        `${secrets.baseUrl}${target}`,
        twilioFields(body),
      ),
    }),
    forged: (body, secrets, target) =>
      fc
        .constantFrom(
          twilioSignature(`${secrets.twilioAuthToken}x`, `${secrets.baseUrl}${target}`, twilioFields(body)),
          twilioSignature(secrets.twilioAuthToken, `${secrets.baseUrl}/elsewhere`, twilioFields(body)),
          randomBytes(20).toString('base64'),
          '',
        )
        .map((signature) => ({ 'x-twilio-signature': signature })),
    garbage: twilioGarbage(path),
  };
}

const SIGNERS: Record<string, Signer> = {
  '/webhooks/shopify': {
    headers: () => ({
      'content-type': 'application/json',
      'x-shopify-topic': 'customers/create',
      'x-shopify-shop-domain': 'test-store.myshopify.com',
      'x-shopify-api-version': '2025-10',
      'x-shopify-webhook-id': randomBytes(8).toString('hex'),
      'x-shopify-event-id': randomBytes(8).toString('hex'),
    }),
    sign: (body, secrets) => ({ 'x-shopify-hmac-sha256': shopifyHmac(secrets.shopify, body) }),
    forged: (body, secrets) =>
      fc
        .constantFrom(
          shopifyHmac(`${secrets.shopify}x`, body),
          shopifyHmac(secrets.shopify, `${body} `),
          randomBytes(32).toString('base64'),
          'not base64 at all',
          'A'.repeat(8_000),
          '',
        )
        .map((signature) => ({ 'x-shopify-hmac-sha256': signature })),
    garbage: shopifyGarbage,
  },
  '/webhooks/sendgrid/events': {
    headers: () => ({ 'content-type': 'application/json', 'user-agent': 'SendGrid Event API' }),
    sign: (body, secrets) => {
      const timestamp = String(Math.floor(Date.now() / 1000));
      return {
        'x-twilio-email-event-webhook-signature': secrets.sendGrid.signature(body, timestamp),
        'x-twilio-email-event-webhook-timestamp': timestamp,
      };
    },
    forged: (body, secrets) => {
      const now = Math.floor(Date.now() / 1000);
      return fc
        .constantFrom(
          { signature: secrets.sendGrid.signature(`${body} `, String(now)), timestamp: String(now) },
          {
            signature: secrets.sendGrid.signature(body, String(now - 3_600)),
            timestamp: String(now - 3_600),
          },
          { signature: randomBytes(70).toString('base64'), timestamp: String(now) },
          { signature: secrets.sendGrid.signature(body, String(now)), timestamp: 'yesterday' },
          { signature: '', timestamp: '' },
        )
        .map(({ signature, timestamp }) => ({
          'x-twilio-email-event-webhook-signature': signature,
          'x-twilio-email-event-webhook-timestamp': timestamp,
        }));
    },
    garbage: sendGridGarbage,
  },
  '/webhooks/twilio/status': twilioSigner('/webhooks/twilio/status'),
  '/webhooks/twilio/inbound': twilioSigner('/webhooks/twilio/inbound'),
};

export function knowsHowToSign(path: string): boolean {
  return path in SIGNERS;
}

/** Any body, for deliveries that must be refused before it is read: good payloads included. */
const anyBody: fc.Arbitrary<Garbage | { what: string; body: Buffer }> = fc.oneof(
  ...Object.values(SIGNERS).map((signer) => signer.garbage),
  fc
    .uint8Array({ minLength: 0, maxLength: 256 })
    .map((bytes) => ({ what: 'random bytes', body: Buffer.from(bytes) })),
  fc.integer({ min: 1_000, max: 60_000 }).map((count) => ({
    what: `an array of ${count} numbers`,
    body: JSON.stringify(Array(count).fill(1)),
  })),
  fc.constant({ what: 'a well-formed customer', body: JSON.stringify(shopifyCustomer()) }),
);

/** Unsigned or badly signed deliveries of garbage: every one must be refused with 401. */
export function unsignedDeliveries(path: string, secrets: WebhookSecrets): fc.Arbitrary<Delivery> {
  const signer = SIGNERS[path];
  const base = () => signer?.headers() ?? { 'content-type': 'application/json' };
  const unsigned = anyBody.map(({ what, body, ...rest }) => ({
    what: `unsigned: ${what}`,
    request: {
      method: 'POST',
      target: path,
      headers: { ...base(), ...('headers' in rest ? rest.headers : {}) },
      body,
    },
  }));
  if (!signer) return unsigned;
  const forged = anyBody.chain(({ what, body, ...rest }) => {
    const headers = 'headers' in rest ? rest.headers : {};
    const text = Buffer.isBuffer(body) ? body.toString('latin1') : body;
    return signer.forged(text, secrets, path).map((signature) => ({
      what: `badly signed: ${what}`,
      request: { method: 'POST', target: path, headers: { ...base(), ...headers, ...signature }, body: text },
    }));
  });
  return fc.oneof(unsigned, forged);
}

/** Correctly signed deliveries whose payload can never be processed. */
export function signedGarbage(path: string, secrets: WebhookSecrets): fc.Arbitrary<Delivery> {
  const signer = SIGNERS[path];
  return signer.garbage.map(({ what, body, headers }) => ({
    what: `signed: ${what}`,
    request: {
      method: 'POST',
      target: path,
      headers: { ...signer.headers(), ...headers, ...signer.sign(body, secrets, path) },
      body,
    },
  }));
}
