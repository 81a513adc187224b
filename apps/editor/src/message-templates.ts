// The message templates the editor offers per channel, in one place so the pickers do not care
// where they come from: the API's template list (`GET /v1/templates`, shipped files plus saved
// templates), or, from an API that predates that route, the templates shipped in `templates/`.
// Cached as `templates` for every picker of every canvas.
import { queryOptions } from '@tanstack/react-query';
import type { Channel } from '@waypoint/journey';
import { listTemplates } from './api-client';
import { ApiError } from './api-error';
import { queryKeys } from './server-state/query-keys';

export type TemplateChannel = Channel;
export type MessageTemplates = Record<TemplateChannel, string[]>;

/** The templates shipped in `templates/` (the ones the example journeys use). */
export const SHIPPED_TEMPLATES: MessageTemplates = {
  email: [
    'welcome',
    'welcome-reminder',
    'cart-reminder',
    'cart-last-call',
    'replenishment-reminder',
    'winback',
    'winback-last-offer',
    'winback-survey',
    'browse-reminder',
    'loyalty-invitation',
    'loyalty-points-reminder',
    'tier-upgrade',
    'back-in-stock',
    'price-drop',
    'order-received',
    'order-shipped',
    'order-delivered',
    'feedback-survey',
    'feedback-survey-reminder',
    'review-request',
    'birthday',
    'cross-sell',
  ],
  sms: [
    'welcome-reminder',
    'cart-last-call',
    'tier-upgrade-reminder',
    'back-in-stock',
    'order-received',
    'order-shipped',
  ],
  whatsapp: ['cart-last-call'],
};

export async function loadMessageTemplates(signal?: AbortSignal): Promise<MessageTemplates> {
  try {
    const listed = await listTemplates(signal);
    return {
      email: listed.email ?? [],
      sms: listed.sms ?? [],
      whatsapp: listed.whatsapp ?? [],
    };
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return SHIPPED_TEMPLATES;
    throw error;
  }
}

export const templateQueries = {
  list: () =>
    queryOptions({
      queryKey: queryKeys.templates,
      queryFn: ({ signal }) => loadMessageTemplates(signal),
    }),
};
