/**
 * The templates of the journey library (browse abandonment, loyalty, back in stock, price drop:
 * docs/product.md, "The journey library") rendered as a Turkish store sends them, in Turkish and
 * English, with the event properties their journeys get: each shows the product, the prices, the
 * points or the tier it is about, in the customer's language and the store's currency.
 */
import { describe, expect, it } from '@jest/globals';
import { sampleTemplateContext } from './sample-context';
import { TemplateCatalog, type RenderOptions } from './template-catalog';
import type { TemplateChannel } from './template-renderer';

const catalog = new TemplateCatalog();
/** A Turkish store: prices in TRY (in English Intl writes "TRY", a no-break space, the amount). */
const format: RenderOptions['format'] = { currency: 'TRY', timeZone: 'Europe/Istanbul' };

/** A product event as the storefront (product.viewed) or the catalogue (back in stock, price drop) sends it. */
const PRODUCT = {
  productId: '7001',
  variantId: '7001-1',
  title: 'Lavanta Yağı 50 ml',
  url: 'https://dogakozmetik.com.tr/products/lavanta-yagi',
  image: 'https://cdn.dogakozmetik.com.tr/lavanta.jpg',
  price: 249.9,
};

function context(
  type: string,
  properties: Record<string, unknown>,
  customer: Record<string, unknown> = {},
): Record<string, unknown> {
  const sample = sampleTemplateContext();
  return {
    ...sample,
    customer: { ...(sample.customer as object), firstName: 'Ayşe', loyaltyPoints: 1620, ...customer },
    event: { type, properties },
    coupon: { code: 'VIP-7KQ2MZ3P', kind: 'percent', value: 15, expiresAt: '2026-12-20T09:00:00.000Z' },
    store: { name: 'Doğa Kozmetik', url: 'https://dogakozmetik.com.tr' },
  };
}

function render(channel: TemplateChannel, name: string, locale: 'tr' | 'en', ctx: Record<string, unknown>) {
  const rendered = catalog.render(channel, name, ctx, { locale, format });
  expect(rendered.locale).toBe(locale);
  return { subject: rendered.fields.subject, preheader: rendered.fields.preheader, body: rendered.body };
}

describe('journey library templates', () => {
  describe('browse-reminder (email)', () => {
    const ctx = context('product.viewed', PRODUCT);

    it('shows the product viewed, its picture, price and link, in Turkish', () => {
      const { subject, body } = render('email', 'browse-reminder', 'tr', ctx);
      expect(subject).toBe('Ayşe, aklınız hâlâ bu üründe mi? Lavanta Yağı 50 ml');
      expect(body).toContain('<html lang="tr">');
      expect(body).toContain('src="https://cdn.dogakozmetik.com.tr/lavanta.jpg" alt="Lavanta Yağı 50 ml"');
      expect(body).toContain('₺249,90');
      expect(body).toContain('href="https://dogakozmetik.com.tr/products/lavanta-yagi"');
      expect(body).toContain('Ürüne tekrar göz at');
    });

    it('and in English', () => {
      const { subject, body } = render('email', 'browse-reminder', 'en', ctx);
      expect(subject).toBe('Ayşe, still thinking about Lavanta Yağı 50 ml?');
      expect(body).toContain('<html lang="en">');
      expect(body).toContain('TRY\u00a0249.90');
      expect(body).toContain('href="https://dogakozmetik.com.tr/products/lavanta-yagi"');
    });

    it('leaves out the picture and the price when the view carried none', () => {
      const bare = context('product.viewed', { title: PRODUCT.title, url: PRODUCT.url });
      for (const locale of ['tr', 'en'] as const) {
        const { body } = render('email', 'browse-reminder', locale, bare);
        expect(body).not.toContain('<img');
        expect(body).not.toContain('TRY');
        expect(body).not.toContain('₺');
        expect(body).toContain('Lavanta Yağı 50 ml');
      }
    });
  });

  describe('back-in-stock', () => {
    const ctx = context('product.back_in_stock', PRODUCT);

    it('email: the product is back, with picture, price and link, in both languages', () => {
      const tr = render('email', 'back-in-stock', 'tr', ctx);
      expect(tr.subject).toBe('Yeniden stokta: Lavanta Yağı 50 ml');
      expect(tr.body).toContain('Yeniden stokta, Ayşe!');
      expect(tr.body).toContain('₺249,90');
      expect(tr.body).toContain('src="https://cdn.dogakozmetik.com.tr/lavanta.jpg"');
      expect(tr.body).toContain('href="https://dogakozmetik.com.tr/products/lavanta-yagi"');
      const en = render('email', 'back-in-stock', 'en', ctx);
      expect(en.subject).toBe('Back in stock: Lavanta Yağı 50 ml');
      expect(en.body).toContain('It is back, Ayşe!');
      expect(en.body).toContain('TRY\u00a0249.90');
    });

    it('SMS: the product and its link, with the opt-out words, in both languages', () => {
      expect(render('sms', 'back-in-stock', 'tr', ctx).body.trim()).toBe(
        'Doğa Kozmetik: Lavanta Yağı 50 ml yeniden stokta: https://dogakozmetik.com.tr/products/lavanta-yagi İptal için RET yazın',
      );
      expect(render('sms', 'back-in-stock', 'en', ctx).body.trim()).toBe(
        'Doğa Kozmetik: Lavanta Yağı 50 ml is back in stock: https://dogakozmetik.com.tr/products/lavanta-yagi Reply STOP to opt out.',
      );
    });
  });

  describe('price-drop (email)', () => {
    const ctx = context('product.price_dropped', { ...PRODUCT, previousPrice: 299.9, drop: 50 });

    it('shows the old price struck through, the new price and the drop, in Turkish', () => {
      const { subject, preheader, body } = render('email', 'price-drop', 'tr', ctx);
      expect(subject).toBe('İndirim: Lavanta Yağı 50 ml artık ₺249,90');
      expect(preheader).toBe('Öncekinden ₺50,00 daha ucuz.');
      expect(body).toContain('<s style="color:#59636e">₺299,90</s> <strong>₺249,90</strong>');
      expect(body).toContain('Kazancınız: ₺50,00');
      expect(body).toContain('href="https://dogakozmetik.com.tr/products/lavanta-yagi"');
    });

    it('and in English', () => {
      const { subject, preheader, body } = render('email', 'price-drop', 'en', ctx);
      expect(subject).toBe('Price drop: Lavanta Yağı 50 ml is now TRY\u00a0249.90');
      expect(preheader).toBe('TRY\u00a050.00 less than before.');
      expect(body).toContain('<s style="color:#59636e">TRY\u00a0299.90</s> <strong>TRY\u00a0249.90</strong>');
      expect(body).toContain('You save TRY\u00a050.00');
    });
  });

  describe('loyalty', () => {
    it('the invitation shows the points the first order earned, in both languages', () => {
      const ctx = context('order.placed', { orderId: '1001', totalPrice: 120 }, { loyaltyPoints: 120 });
      const tr = render('email', 'loyalty-invitation', 'tr', ctx);
      expect(tr.subject).toBe('Ayşe, ilk siparişinizle 120 puan kazandınız');
      expect(tr.body).toContain('120 puan</p>');
      const en = render('email', 'loyalty-invitation', 'en', ctx);
      expect(en.subject).toBe('Ayşe, you have earned 120 points with your first order');
      expect(en.body).toContain('120 points</p>');
    });

    it('the points reminder shows the balance, in both languages', () => {
      const ctx = context('order.placed', {}, { loyaltyPoints: 340 });
      expect(render('email', 'loyalty-points-reminder', 'tr', ctx).subject).toBe(
        'Ayşe, harcamayı bekleyen 340 puanınız var',
      );
      expect(render('email', 'loyalty-points-reminder', 'en', ctx).subject).toBe(
        'Ayşe, you have 340 points to spend',
      );
    });

    it('the tier upgrade names the new tier and gives the members-only code, in both languages', () => {
      const ctx = context('loyalty.tier_changed', {
        from: 'silver',
        to: 'gold',
        points: 1620,
        upgrade: true,
      });
      const tr = render('email', 'tier-upgrade', 'tr', ctx);
      expect(tr.subject).toBe('Tebrikler, Ayşe! Yeni seviyeniz: gold');
      expect(tr.body).toContain('1620 puanla <strong>gold</strong> seviyesine yükseldiniz');
      expect(tr.body).toContain('%15 indirim');
      expect(tr.body).toContain('VIP-7KQ2MZ3P');
      expect(tr.body).toContain('20 Aralık 2026 tarihine kadar geçerlidir.');
      expect(tr.body).toContain('href="https://dogakozmetik.com.tr/collections/early-access"');
      const en = render('email', 'tier-upgrade', 'en', ctx);
      expect(en.subject).toBe('Congratulations, Ayşe! You have reached gold');
      expect(en.body).toContain('With 1620 points you have moved up to <strong>gold</strong>');
      expect(en.body).toContain('Valid until December 20, 2026.');
      expect(en.body).toContain('VIP-7KQ2MZ3P');
    });

    it('the tier upgrade SMS reminder carries the code, in both languages', () => {
      const ctx = context('loyalty.tier_changed', {
        from: 'silver',
        to: 'gold',
        points: 1620,
        upgrade: true,
      });
      expect(render('sms', 'tier-upgrade-reminder', 'tr', ctx).body.trim()).toBe(
        'Doğa Kozmetik: üyelere özel erken erişim kodunuz VIP-7KQ2MZ3P hâlâ geçerli: https://dogakozmetik.com.tr İptal için RET yazın',
      );
      expect(render('sms', 'tier-upgrade-reminder', 'en', ctx).body.trim()).toBe(
        'Doğa Kozmetik: your members-only early access code VIP-7KQ2MZ3P is still waiting: https://dogakozmetik.com.tr Reply STOP to opt out.',
      );
    });
  });
});
