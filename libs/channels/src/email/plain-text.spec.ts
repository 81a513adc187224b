import { plainTextOf } from './plain-text';
import { sendGridRequestBody } from './sendgrid-mail-data';

describe('plainTextOf', () => {
  it('keeps the words and each link as "text [url]"', () => {
    const html = `<html><head><style>p { color: red }</style></head><body>
      <h1>Hoş geldin, Ayşe!</h1>
      <p>İlk siparişine özel <strong>%15 indirim</strong>: <b>HOSGELDIN15</b></p>
      <p><a href="https://store.example.com/cart?c=HOSGELDIN15">Alışverişe başla</a></p>
      <img src="https://store.example.com/logo.png" alt="logo">
      <ul><li>Ücretsiz kargo</li><li>Kolay iade</li></ul>
      <p><a href="https://store.example.com">https://store.example.com</a></p>
    </body></html>`;
    const text = plainTextOf(html);
    expect(text).toContain('Hoş geldin, Ayşe!');
    expect(text).toContain('İlk siparişine özel %15 indirim: HOSGELDIN15');
    expect(text).toContain('Alışverişe başla [https://store.example.com/cart?c=HOSGELDIN15]');
    expect(text).toMatch(/\* Ücretsiz kargo\n \* Kolay iade/);
    expect(text).not.toContain('color: red');
    expect(text).not.toContain('logo.png');
    expect(text).toContain('https://store.example.com');
    expect(text).not.toContain('[https://store.example.com]');
    const long = `<p>You get this email because you are a customer of a store with a long name. <a href="https://store.example.com/u/${'x'.repeat(80)}">Unsubscribe</a></p>`;
    expect(plainTextOf(long)).toContain(`Unsubscribe [https://store.example.com/u/${'x'.repeat(80)}]`);
  });

  it('goes to SendGrid as the text/plain content before the HTML', () => {
    const html = '<p>Hi <a href="https://x.example/a">there</a></p>';
    const body = sendGridRequestBody({
      to: 'a@example.com',
      from: 'shop@example.com',
      subject: 'Hi',
      html,
      text: plainTextOf(html),
      headers: {},
      customArgs: {},
      categories: [],
    }) as { content: Array<{ type: string; value: string }> };
    expect(body.content).toEqual([
      { type: 'text/plain', value: 'Hi there [https://x.example/a]' },
      { type: 'text/html', value: html },
    ]);
  });
});
