/**
 * The templates of the order updates, post-purchase feedback and birthday journeys, rendered in
 * English and Turkish with what their runs really see: the order, shipment and delivery events as
 * the Shopify mappers make them, a survey link per answer, the birthday coupon.
 */
import { sampleTemplateContext } from './sample-context';
import { TemplateCatalog } from './template-catalog';
import type { TemplateChannel } from './template-renderer';

const catalog = new TemplateCatalog();
const TRACKING = 'https://www.ups.com/WebTracking?loc=en_US&requester=ST&trackNums=1Z2345A67890123456';
const lineItems = [
  { title: 'Organic Coffee 1 kg', variantTitle: 'Whole bean', quantity: 2, price: 19.9 },
  { title: 'Ceramic Dripper', variantTitle: null, quantity: 1, price: 34 },
];

function context(type: string, properties: Record<string, unknown>) {
  const sample = sampleTemplateContext();
  return {
    ...sample,
    customer: { ...(sample.customer as object), firstName: 'Ayşe' },
    event: { type, properties },
    store: {
      name: 'Doğa Kozmetik',
      url: 'https://dogakozmetik.com.tr',
      reviewUrl: 'https://dogakozmetik.com.tr/yorumlar',
    },
  };
}

const placed = context('order.placed', {
  orderId: '5601239847123',
  orderName: '#1001',
  currency: 'TRY',
  totalPrice: 73.8,
  lineItems,
});
const shipped = context('order.shipped', {
  orderId: '5601239847123',
  trackingUrl: TRACKING,
  trackingNumber: '1Z2345A67890123456',
  carrier: 'UPS',
  lineItems,
});
const delivered = context('order.delivered', {
  orderId: '5601239847123',
  deliveredAt: '2026-03-24T19:42:10.000Z',
});

function render(channel: TemplateChannel, name: string, ctx: Record<string, unknown>, locale: 'en' | 'tr') {
  const rendered = catalog.render(channel, name, ctx, {
    locale,
    format: {
      currency: 'TRY',
      timeZone: 'Europe/Istanbul',
      surveyLink: (survey, answer) => `https://waypoint.example.com/s/${survey}-${answer}`,
    },
  });
  expect(rendered.locale).toBe(locale);
  return { subject: rendered.fields.subject ?? '', body: rendered.body };
}

describe('order updates templates', () => {
  it.each([
    ['en', 'We received your order #1001', 'Thank you for your order, Ayşe!', 'Total'],
    ['tr', 'Siparişiniz alındı (#1001)', 'Siparişiniz için teşekkür ederiz, Ayşe!', 'Toplam'],
  ] as const)('order received (%s) lists the items and the total', (locale, subject, heading, total) => {
    const email = render('email', 'order-received', placed, locale);
    expect(email.subject).toBe(subject);
    expect(email.body).toContain(heading);
    expect(email.body).toContain('Organic Coffee 1 kg (Whole bean) × 2');
    expect(email.body).toContain('Ceramic Dripper × 1');
    expect(email.body).toContain(total);
    expect(email.body).toMatch(/73,80|73\.80/);
  });

  it.each([
    ['en', 'Your order is on its way', 'Track your parcel'],
    ['tr', 'Siparişiniz yola çıktı', 'Kargomu takip et'],
  ] as const)(
    'order shipped (%s) links the tracking page and names the carrier and number',
    (locale, subject, button) => {
      const email = render('email', 'order-shipped', shipped, locale);
      expect(email.subject).toBe(subject);
      // Handlebars escapes & and = in the attribute; the link tracker decodes them back.
      const hrefs = [...email.body.matchAll(/href="([^"]*)"/g)].map((m) =>
        m[1].replace(/&amp;/g, '&').replace(/&#x3D;/g, '='),
      );
      expect(hrefs).toContain(TRACKING);
      expect(email.body).toContain(button);
      expect(email.body).toContain('UPS');
      expect(email.body).toContain('1Z2345A67890123456');
    },
  );

  it.each([
    ['en', 'Your order has been delivered', 'has arrived on March 24, 2026'],
    ['tr', 'Siparişiniz teslim edildi', '24 Mart 2026 tarihinde size ulaştı'],
  ] as const)('order delivered (%s) says when', (locale, subject, when) => {
    const email = render('email', 'order-delivered', delivered, locale);
    expect(email.subject).toBe(subject);
    expect(email.body).toContain(when);
  });

  it.each([
    [
      'en',
      'Doğa Kozmetik: thank you, Ayşe! We received your order #1001 and will text you when it ships. Reply STOP to opt out.',
      `Doğa Kozmetik: your order is on its way with UPS. Track it: ${TRACKING} Reply STOP to opt out.`,
    ],
    [
      'tr',
      'Doğa Kozmetik: teşekkürler Ayşe! #1001 numaralı siparişinizi aldık, kargoya verince haber vereceğiz. İptal için RET yazın',
      `Doğa Kozmetik: siparişiniz UPS ile kargoya verildi. Takip: ${TRACKING} İptal için RET yazın`,
    ],
  ] as const)(
    'the SMS (%s) say it in one line, the shipment with its tracking link',
    (locale, received, sent) => {
      expect(render('sms', 'order-received', placed, locale).body.trim()).toBe(received);
      expect(render('sms', 'order-shipped', shipped, locale).body.trim()).toBe(sent);
    },
  );

  it('the shipped SMS falls back to the tracking number when the carrier gives no link', () => {
    const noLink = context('order.shipped', {
      orderId: '1',
      trackingUrl: null,
      trackingNumber: 'YK123',
      carrier: null,
    });
    expect(render('sms', 'order-shipped', noLink, 'tr').body.trim()).toBe(
      'Doğa Kozmetik: siparişiniz kargoya verildi. Takip no: YK123 İptal için RET yazın',
    );
  });
});

describe('post-purchase feedback templates', () => {
  it.each([
    ['en', 'feedback-survey', 'How was your order?'],
    ['tr', 'feedback-survey', 'Siparişinizden memnun kaldınız mı?'],
    ['en', 'feedback-survey-reminder', 'One click about your order?'],
    ['tr', 'feedback-survey-reminder', 'Siparişiniz hakkında tek bir tık?'],
  ] as const)('%s %s shows one satisfaction link per score, 1 to 5', (locale, name, subject) => {
    const email = render('email', name, delivered, locale);
    expect(email.subject).toBe(subject);
    for (const score of ['1', '2', '3', '4', '5'])
      expect(email.body).toContain(`https://waypoint.example.com/s/satisfaction-${score}`);
  });

  it.each([
    ['en', 'Thank you! Would you share it in a review?', 'Write a review'],
    ['tr', 'Teşekkürler! Bir yorumla paylaşır mısınız?', 'Yorum yaz'],
  ] as const)("the review request (%s) links the store's review page", (locale, subject, button) => {
    const email = render('email', 'review-request', delivered, locale);
    expect(email.subject).toBe(subject);
    expect(email.body).toContain('href="https://dogakozmetik.com.tr/yorumlar"');
    expect(email.body).toContain(button);
  });
});

describe('birthday template', () => {
  it.each([
    ['en', 'Happy birthday, Ayşe! A gift from us', '10% off'],
    ['tr', 'İyi ki doğdunuz, Ayşe! Size bir hediyemiz var', '%10 indirim'],
  ] as const)('(%s) shows the coupon and what it gives', (locale, subject, gift) => {
    const email = render('email', 'birthday', context('date.reached', { attribute: 'birthday' }), locale);
    expect(email.subject).toBe(subject);
    expect(email.body).toContain('WELCOME-7KQ2MZ');
    expect(email.body).toContain(gift);
  });
});
