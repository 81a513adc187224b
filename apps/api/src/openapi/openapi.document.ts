/**
 * The OpenAPI 3.1 description served at `GET /openapi.json`. Written by hand next to the
 * controllers; keep it in step with them (a test checks every route is described).
 */
import { accessPaths, securitySchemes, withAccess } from './openapi-access';
import { error, errorResponse, idParam, json } from './openapi-shapes';

export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'Waypoint API',
    version: '0.1.0',
    description:
      'Marketing-automation journeys for online stores: storefront webhooks in, journeys run on Temporal, email out. ' +
      'Errors are `{error: {code, message, details}}`. Every route needs a signed-in person (a session from ' +
      '`POST /v1/auth/login`, with the role in `x-roles`; admins may call all of them) unless it says otherwise: the ' +
      'event and profile API takes API keys, signed webhooks, unsubscribe links and health are public.',
  },
  paths: withAccess({
    ...accessPaths,
    '/health': {
      get: {
        summary: 'Whether PostgreSQL and Temporal answer',
        responses: {
          '200': json({ $ref: '#/components/schemas/Health' }),
          '503': json({ $ref: '#/components/schemas/Health' }, 'Degraded'),
        },
      },
    },
    '/openapi.json': {
      get: { summary: 'This document', responses: { '200': { description: 'OpenAPI 3.1 JSON' } } },
    },
    '/webhooks/shopify': {
      post: {
        summary: 'Receive a Shopify webhook delivery',
        description:
          'Verifies X-Shopify-Hmac-Sha256 (base64 HMAC-SHA256 of the raw body with SHOPIFY_WEBHOOK_SECRET), maps X-Shopify-Topic ' +
          '(customers/create, customers/update) to a canonical event and stores it once per X-Shopify-Event-Id ' +
          '(else X-Shopify-Webhook-Id). Other topics are acknowledged and ignored.',
        parameters: [
          'X-Shopify-Hmac-Sha256',
          'X-Shopify-Topic',
          'X-Shopify-Event-Id',
          'X-Shopify-Webhook-Id',
          'X-Shopify-Shop-Domain',
        ].map((name) => ({
          name,
          in: 'header',
          required: name === 'X-Shopify-Hmac-Sha256' || name === 'X-Shopify-Topic',
          schema: { type: 'string' },
        })),
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'object' } } } },
        responses: {
          '200': json({
            type: 'object',
            properties: {
              data: {
                type: 'object',
                properties: {
                  status: { enum: ['accepted', 'duplicate', 'ignored'] },
                  eventId: { type: 'string', format: 'uuid' },
                },
              },
            },
          }),
          '202': json(
            { type: 'object' },
            'A topic this engine does not handle: acknowledged and ignored (logged)',
          ),
          '400': errorResponse('Malformed JSON or missing delivery id'),
          '401': errorResponse('Missing or wrong signature, or no secret configured'),
          '413': errorResponse('Body over 1 MB'),
          '422': errorResponse('The payload names no usable customer'),
        },
      },
    },
    '/webhooks/sendgrid/events': {
      post: {
        summary: "Receive SendGrid's signed Event Webhook",
        description:
          'Verifies X-Twilio-Email-Event-Webhook-Signature: an ECDSA P-256/SHA-256 signature (base64 DER) over ' +
          'X-Twilio-Email-Event-Webhook-Timestamp followed by the raw body, with SENDGRID_WEBHOOK_PUBLIC_KEY. A timestamp more ' +
          'than 5 minutes old or ahead is refused. Each event is stored once per sg_event_id and matched to its message by the ' +
          'message_id custom arg, else by sg_message_id (the part before the first dot) against the X-Message-Id. Its delivery ' +
          'status only moves forward (sent < delivered < opened < clicked; bounced/dropped terminal); delivered, open, ' +
          'click, bounce and dropped become message.delivered/opened/clicked/bounced for its customer; a hard bounce, a spam ' +
          'report or an unsubscribe opts the customer out of email (source sendgrid:bounce|spamreport|unsubscribe).',
        parameters: ['X-Twilio-Email-Event-Webhook-Signature', 'X-Twilio-Email-Event-Webhook-Timestamp'].map(
          (name) => ({
            name,
            in: 'header',
            required: true,
            schema: { type: 'string' },
          }),
        ),
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { type: 'array', items: { type: 'object' } } } },
        },
        responses: {
          '200': json({
            type: 'object',
            properties: {
              data: {
                type: 'object',
                properties: Object.fromEntries(
                  ['received', 'recorded', 'duplicate', 'unmatched', 'skipped'].map((n) => [
                    n,
                    { type: 'integer' },
                  ]),
                ),
              },
            },
          }),
          '400': errorResponse('Not a JSON array'),
          '401': errorResponse('Missing or wrong signature, stale timestamp, or no public key configured'),
        },
      },
    },
    '/webhooks/twilio/status': {
      post: {
        summary: 'Receive a Twilio message status callback (SMS and WhatsApp)',
        description:
          'Verifies X-Twilio-Signature (HMAC-SHA1 with TWILIO_AUTH_TOKEN over PUBLIC_URL + path and the sorted form ' +
          'parameters). Stored once per MessageSid and MessageStatus; the message (found by MessageSid) moves forward only: ' +
          'sent, delivered, read (opened), undelivered/failed (terminal), emitting message.delivered/opened/bounced. ' +
          'ErrorCode 21610 opts the customer out of that channel (source twilio:21610).',
        parameters: [
          { name: 'X-Twilio-Signature', in: 'header', required: true, schema: { type: 'string' } },
        ],
        requestBody: {
          required: true,
          content: { 'application/x-www-form-urlencoded': { schema: { type: 'object' } } },
        },
        responses: {
          '200': json({
            type: 'object',
            properties: {
              data: {
                type: 'object',
                properties: {
                  result: { enum: ['recorded', 'duplicate', 'unmatched'] },
                  messageId: { type: ['string', 'null'], format: 'uuid' },
                  deliveryStatus: { type: ['string', 'null'] },
                },
              },
            },
          }),
          '400': errorResponse('No MessageSid or MessageStatus'),
          '401': errorResponse('Missing or wrong signature, or no auth token configured'),
        },
      },
    },
    '/webhooks/twilio/inbound': {
      post: {
        summary: 'Receive an SMS or WhatsApp message from a customer; answered with TwiML',
        description:
          'Verifies X-Twilio-Signature like the status callback. Stored once per MessageSid as sms.inbound or ' +
          'whatsapp.inbound (properties body, from, to, messageSid, channel, intent) for the customer with that number. ' +
          'STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT, REVOKE, OPTOUT or a plain request to stop opt the number out of ' +
          'that channel (source inbound:STOP); START, UNSTOP, YES opt it back in (inbound:START); HELP or INFO get the help ' +
          'text. The answer is TwiML: a confirmation, the help text, or an empty <Response/>.',
        parameters: [
          { name: 'X-Twilio-Signature', in: 'header', required: true, schema: { type: 'string' } },
        ],
        requestBody: {
          required: true,
          content: { 'application/x-www-form-urlencoded': { schema: { type: 'object' } } },
        },
        responses: {
          '200': { description: 'TwiML', content: { 'text/xml': { schema: { type: 'string' } } } },
          '400': errorResponse('No From or MessageSid'),
          '401': errorResponse('Missing or wrong signature, or no auth token configured'),
        },
      },
    },
    '/v1/journeys': {
      get: {
        summary: 'List journeys',
        responses: {
          '200': json({
            type: 'object',
            properties: { data: { type: 'array', items: { $ref: '#/components/schemas/JourneySummary' } } },
          }),
        },
      },
      post: {
        summary: 'Create a journey (as a draft)',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['name'],
                properties: {
                  name: { type: 'string' },
                  definition: { $ref: '#/components/schemas/JourneyDefinition' },
                },
              },
            },
          },
        },
        responses: {
          '201': json(
            { type: 'object', properties: { data: { $ref: '#/components/schemas/JourneySummary' } } },
            'Created',
          ),
          '400': errorResponse('Invalid body'),
        },
      },
    },
    '/v1/journeys/{id}': {
      get: {
        summary: 'A journey with its draft',
        parameters: [idParam('id', 'Journey id')],
        responses: { '200': json({ type: 'object' }), '404': errorResponse('No such journey') },
      },
    },
    '/v1/journeys/{id}/draft': {
      put: {
        summary: 'Replace the draft',
        parameters: [idParam('id', 'Journey id')],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['definition'],
                properties: {
                  name: { type: 'string' },
                  definition: { $ref: '#/components/schemas/JourneyDefinition' },
                },
              },
            },
          },
        },
        responses: {
          '200': json({ type: 'object' }),
          '400': errorResponse('Invalid body'),
          '404': errorResponse('No such journey'),
          '409': errorResponse('Archived'),
        },
      },
    },
    '/v1/journeys/{id}/publish': {
      post: {
        summary: 'Validate the draft and publish it as the next immutable version',
        parameters: [idParam('id', 'Journey id')],
        responses: {
          '200': json({ type: 'object' }),
          '404': errorResponse('No such journey'),
          '409': errorResponse('Archived'),
          '422': {
            description: 'Every problem at once, in error.details.problems as {nodeId, code, message}',
            content: { 'application/json': { schema: error } },
          },
        },
      },
    },
    '/v1/journeys/{id}/versions': {
      get: {
        summary: 'Published versions, newest first',
        parameters: [idParam('id', 'Journey id')],
        responses: { '200': json({ type: 'object' }), '404': errorResponse('No such journey') },
      },
    },
    '/v1/journeys/{id}/pause': {
      post: {
        summary: 'Pause a live journey: its runs hold where they are and send nothing; no new entries',
        parameters: [idParam('id', 'Journey id')],
        responses: {
          '200': json({ type: 'object' }),
          '404': errorResponse('No such journey'),
          '409': errorResponse('Not live'),
        },
      },
    },
    '/v1/journeys/{id}/resume': {
      post: {
        summary: 'Resume a paused journey: held runs continue, new entries start again',
        parameters: [idParam('id', 'Journey id')],
        responses: {
          '200': json({ type: 'object' }),
          '404': errorResponse('No such journey'),
          '409': errorResponse('Not paused'),
        },
      },
    },
    '/v1/journeys/{id}/archive': {
      post: {
        summary: 'Archive a journey: its running runs end with the reason "journey archived"',
        parameters: [idParam('id', 'Journey id')],
        responses: {
          '200': json({ type: 'object' }),
          '404': errorResponse('No such journey'),
          '409': errorResponse('Already archived'),
        },
      },
    },
    '/v1/journeys/{id}/stats': {
      get: {
        summary:
          'Per-node counts (entered, waiting, completed, skipped by reason, failed, messages by status), runs by status, conversions and revenue',
        parameters: [idParam('id', 'Journey id')],
        responses: { '200': json({ type: 'object' }), '404': errorResponse('No such journey') },
      },
    },
    '/v1/events': {
      post: {
        summary:
          'Accept one event (API key). Durable before the answer; deduplicated by idempotencyKey (else by content)',
        security: [{ apiKey: [] }],
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Event' } } },
        },
        responses: {
          '202': json({ type: 'object' }, 'Accepted (or duplicate)'),
          '400': errorResponse('Malformed JSON or invalid field (named)'),
          '401': errorResponse('Missing or invalid API key'),
          '413': errorResponse('Body over 1 MB'),
          '422': errorResponse('No usable customer identity (details.field)'),
        },
      },
    },
    '/v1/events/batch': {
      post: {
        summary:
          'Accept up to 1,000 events at once (API key); one invalid event refuses the whole batch, naming it',
        security: [{ apiKey: [] }],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: {
                  events: { type: 'array', maxItems: 1000, items: { $ref: '#/components/schemas/Event' } },
                },
              },
            },
          },
        },
        responses: {
          '202': json({ type: 'object' }, 'Accepted'),
          '400': errorResponse('Invalid event'),
          '401': errorResponse('API key'),
          '422': errorResponse('No identity'),
        },
      },
    },
    '/v1/customers/{externalId}': {
      put: {
        summary:
          'Create or update a profile with attributes and consent per channel (API key); returns computed attributes',
        security: [{ apiKey: [] }],
        parameters: [idParam('externalId', "The store's customer id")],
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'object' } } } },
        responses: {
          '200': json({ type: 'object' }),
          '400': errorResponse('Invalid field'),
          '401': errorResponse('API key'),
        },
      },
    },
    '/v1/products': {
      get: {
        summary: 'Products with configured and learned consumption periods',
        responses: { '200': json({ type: 'object' }) },
      },
    },
    '/v1/products/{productId}': {
      put: {
        summary:
          "Set a product's consumption period (days one unit lasts); makes it a consumable for replenishment",
        parameters: [idParam('productId', 'Shopify product id')],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: { title: { type: 'string' }, consumptionDays: { type: ['number', 'null'] } },
              },
            },
          },
        },
        responses: { '200': json({ type: 'object' }), '400': errorResponse('Invalid body') },
      },
    },
    '/v1/settings/lifecycle': {
      get: {
        summary: 'Lifecycle thresholds (at risk, inactive, loyal, VIP, loyalty tiers)',
        responses: { '200': json({ type: 'object' }) },
      },
      put: {
        summary: 'Replace the lifecycle thresholds',
        responses: { '200': json({ type: 'object' }), '400': errorResponse('Invalid thresholds') },
      },
    },
    '/v1/segments': {
      get: {
        summary: 'Segments with live counts and CLTV (the named presets ship)',
        responses: { '200': json({ type: 'object' }) },
      },
      post: {
        summary: 'Create a segment from a condition',
        responses: { '201': json({ type: 'object' }, 'Created'), '400': errorResponse('Invalid condition') },
      },
    },
    '/v1/segments/{id}': {
      get: {
        summary: 'A segment with count and CLTV',
        parameters: [idParam('id', 'Segment id or preset key')],
        responses: { '200': json({ type: 'object' }), '404': errorResponse('No such segment') },
      },
    },
    '/v1/segments/{id}/members': {
      get: {
        summary: 'Members, biggest spenders first',
        parameters: [
          idParam('id', 'Segment id or preset key'),
          { name: 'limit', in: 'query', schema: { type: 'integer' } },
          { name: 'offset', in: 'query', schema: { type: 'integer' } },
        ],
        responses: { '200': json({ type: 'object' }), '404': errorResponse('No such segment') },
      },
    },
    '/v1/templates': {
      get: {
        summary: 'Template names per channel (shipped files and saved ones)',
        responses: { '200': json({ type: 'object' }) },
      },
    },
    '/v1/templates/{channel}/{name}': {
      get: {
        summary: "A template's source",
        parameters: [idParam('channel', 'email, sms or whatsapp'), idParam('name', 'Template name')],
        responses: { '200': json({ type: 'object' }), '404': errorResponse('No such template') },
      },
      put: {
        summary: 'Save a template; it must render with sample data (422 otherwise, nothing saved)',
        parameters: [idParam('channel', 'email, sms or whatsapp'), idParam('name', 'Template name')],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: { type: 'object', required: ['source'], properties: { source: { type: 'string' } } },
            },
          },
        },
        responses: {
          '200': json({ type: 'object' }),
          '400': errorResponse('Invalid name'),
          '422': errorResponse('Does not render'),
        },
      },
    },
    '/v1/templates/preview': {
      post: {
        summary:
          'Render a template (by name or source) for a customer or sample data; SMS shows its segment count',
        responses: {
          '200': json({ type: 'object' }),
          '404': errorResponse('No such template or customer'),
          '422': errorResponse('Does not render'),
        },
      },
    },
    '/v1/customers/{id}/runs': {
      get: {
        summary: "One customer's runs with their timelines",
        parameters: [idParam('id', 'Customer id (uuid) or external id')],
        responses: {
          '200': json({
            type: 'object',
            properties: { data: { type: 'array', items: { $ref: '#/components/schemas/Run' } } },
          }),
          '404': errorResponse('No such customer'),
        },
      },
    },
    '/v1/customers/{id}/checkouts': {
      get: {
        summary: "One customer's checkouts: the latest cart of each and whether it was completed",
        description:
          'Projected from checkouts/create|update and order deliveries as they are stored: a checkout keeps the ' +
          'newest version by Shopify `updated_at` (a stale update arriving late changes nothing), and an order ' +
          'naming its checkout token completes it whatever the order of arrival. Newest first, at most 200.',
        parameters: [idParam('id', 'Customer id (uuid) or external id')],
        responses: {
          '200': json({
            type: 'object',
            properties: { data: { type: 'array', items: { $ref: '#/components/schemas/Checkout' } } },
          }),
          '404': errorResponse('No such customer'),
        },
      },
    },
    '/v1/runs/{id}': {
      get: {
        summary: "A run's timeline",
        parameters: [idParam('id', 'Run id')],
        responses: {
          '200': json({ type: 'object', properties: { data: { $ref: '#/components/schemas/Run' } } }),
          '404': errorResponse('No such run'),
        },
      },
    },
    '/v1/runs/{id}/cancel': {
      post: {
        summary: 'Cancel a running run, with a reason',
        parameters: [idParam('id', 'Run id')],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: { type: 'object', required: ['reason'], properties: { reason: { type: 'string' } } },
            },
          },
        },
        responses: {
          '202': json({ type: 'object' }, 'Accepted'),
          '400': errorResponse('No reason'),
          '404': errorResponse('No such run'),
          '409': errorResponse('Not running'),
        },
      },
    },
    '/v1/outbox': {
      get: {
        summary: 'Messages stored in sandbox mode, newest first',
        parameters: [
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 500, default: 50 } },
        ],
        responses: { '200': json({ type: 'object' }) },
      },
    },
    '/v1/outbox/{id}': {
      get: {
        summary: 'One sandbox message, rendered, with its would-be provider request',
        parameters: [idParam('id', 'Message id')],
        responses: { '200': json({ type: 'object' }), '404': errorResponse('No such message') },
      },
    },
    '/u/{token}': {
      get: {
        summary: 'Unsubscribe page (never unsubscribes by itself)',
        parameters: [idParam('token', 'Signed token')],
        responses: { '200': { description: 'HTML page' }, '404': errorResponse('Bad token') },
      },
      post: {
        summary: 'One-click unsubscribe (RFC 8058), no login',
        parameters: [idParam('token', 'Signed token')],
        responses: { '200': { description: 'HTML page' }, '404': errorResponse('Bad token') },
      },
    },
  }),
  components: {
    securitySchemes,
    schemas: {
      Event: {
        type: 'object',
        required: ['type', 'customer'],
        properties: {
          type: { type: 'string', example: 'order.placed' },
          customer: {
            type: 'object',
            properties: { id: { type: 'string' }, email: { type: 'string' }, phone: { type: 'string' } },
          },
          properties: { type: 'object' },
          timestamp: { type: 'string', format: 'date-time' },
          idempotencyKey: { type: 'string' },
        },
      },
      Checkout: {
        type: 'object',
        properties: {
          token: { type: 'string', description: "Shopify's checkout token" },
          status: { enum: ['open', 'completed'] },
          cartToken: { type: ['string', 'null'] },
          lineItems: { type: 'array', items: { type: 'object' } },
          itemCount: { type: ['integer', 'null'] },
          currency: { type: ['string', 'null'] },
          totalPrice: { type: ['number', 'null'] },
          subtotalPrice: { type: ['number', 'null'] },
          discountCodes: { type: 'array', items: { type: 'string' } },
          abandonedCheckoutUrl: { type: ['string', 'null'] },
          updatedAt: {
            type: ['string', 'null'],
            format: 'date-time',
            description: "Shopify's updated_at of the version held; null while only the order is known",
          },
          completedAt: { type: ['string', 'null'], format: 'date-time' },
          orderId: { type: ['string', 'null'] },
          orderName: { type: ['string', 'null'] },
        },
      },
      Error: {
        type: 'object',
        required: ['error'],
        properties: {
          error: {
            type: 'object',
            required: ['code', 'message'],
            properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} },
          },
        },
      },
      Health: {
        type: 'object',
        properties: {
          status: { enum: ['ok', 'degraded'] },
          database: { type: 'object', properties: { ok: { type: 'boolean' }, error: { type: 'string' } } },
          temporal: { type: 'object', properties: { ok: { type: 'boolean' }, error: { type: 'string' } } },
        },
      },
      JourneySummary: {
        type: 'object',
        properties: {
          id: { type: 'string', format: 'uuid' },
          name: { type: 'string' },
          status: { enum: ['draft', 'live', 'paused', 'archived'] },
          publishedVersion: { type: ['integer', 'null'] },
          createdAt: { type: 'string', format: 'date-time' },
          updatedAt: { type: 'string', format: 'date-time' },
        },
      },
      JourneyDefinition: {
        type: 'object',
        required: ['nodes', 'edges'],
        properties: {
          nodes: {
            type: 'array',
            items: {
              type: 'object',
              required: ['id', 'type'],
              properties: {
                id: { type: 'string' },
                type: { type: 'string' },
                data: { type: 'object' },
                position: { type: 'object' },
              },
            },
          },
          edges: {
            type: 'array',
            items: {
              type: 'object',
              required: ['source', 'target'],
              properties: {
                source: { type: 'string' },
                sourceHandle: { type: 'string' },
                target: { type: 'string' },
              },
            },
          },
          settings: { type: 'object' },
        },
      },
      Run: {
        type: 'object',
        properties: {
          id: { type: 'string', format: 'uuid' },
          journey: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } } },
          version: { type: 'integer' },
          customerId: { type: 'string', format: 'uuid' },
          status: { enum: ['running', 'completed', 'exited', 'cancelled', 'failed'] },
          statusReason: { type: ['string', 'null'] },
          currentNodeId: { type: ['string', 'null'] },
          waitingFor: {
            type: ['object', 'null'],
            properties: {
              nodeId: { type: 'string' },
              nodeType: { type: 'string' },
              visit: { type: 'integer', description: 'Which visit of the node (loops come back)' },
              until: { type: 'string', format: 'date-time' },
              canContinueNow: {
                type: 'boolean',
                description: 'Waiting in wait.delay or wait.until: POST …/continue works',
              },
            },
          },
          temporalUrl: { type: 'string' },
          steps: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                nodeId: { type: 'string' },
                nodeType: { type: 'string' },
                visit: { type: 'integer' },
                outcome: { enum: ['completed', 'waiting', 'skipped', 'failed'] },
                enteredAt: { type: 'string', format: 'date-time' },
                finishedAt: { type: ['string', 'null'], format: 'date-time' },
                reason: { type: ['string', 'null'] },
                wakeAt: { type: ['string', 'null'], format: 'date-time' },
                message: { type: ['object', 'null'] },
              },
            },
          },
        },
      },
    },
  },
} as const;
