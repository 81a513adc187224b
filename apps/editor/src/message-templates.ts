// The message templates the editor offers per channel. There is no template API yet, so this is
// the list of templates shipped in `templates/` (the ones the example journeys use); it is async
// and lives in one place so that an API call can replace it without touching the pickers.

export type TemplateChannel = 'email' | 'sms' | 'whatsapp';
export type MessageTemplates = Record<TemplateChannel, string[]>;

const SHIPPED: MessageTemplates = {
  email: [
    'welcome',
    'welcome-reminder',
    'cart-reminder',
    'cart-last-call',
    'replenishment-reminder',
    'winback',
    'winback-last-offer',
    'winback-survey',
  ],
  sms: ['welcome-reminder', 'cart-last-call'],
  whatsapp: ['cart-last-call'],
};

export async function loadMessageTemplates(): Promise<MessageTemplates> {
  return SHIPPED;
}
