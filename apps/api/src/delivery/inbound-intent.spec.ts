import { asksToStop, inboundIntent } from './inbound-intent';

describe('inbound intent', () => {
  it.each([
    'STOP',
    'stop',
    '  Stop  ',
    'STOPALL',
    'unsubscribe',
    'Cancel',
    'END',
    'quit',
    'REVOKE',
    'optout',
  ])('opts out on the keyword %j (whole message, any case, trimmed)', (body) => {
    expect(inboundIntent(body)).toBe('opt_out');
  });

  it.each(['RET', 'ret', ' Ret ', 'IPTAL', 'iptal', 'İptal', 'İPTAL', 'ıptal', 'I\u0307PTAL'])(
    'opts out on the Turkish keyword %j the Turkish templates name (İ, ı and i alike)',
    (body) => {
      expect(inboundIntent(body)).toBe('opt_out');
    },
  );

  it.each([
    'RET.',
    'Ret lütfen',
    'RET SMS',
    'SMS İPTAL',
    'iptal et',
    'Mesaj istemiyorum',
    'sms almak istemiyorum',
  ])('reads the Turkish %j as a request to stop', (body) => {
    expect(asksToStop(body)).toBe(true);
    expect(inboundIntent(body)).toBe('opt_out');
  });

  it.each([
    'Siparişimi iptal etmek istiyorum',
    'iptal mi oldu?',
    'Kampanya ne zaman bitiyor?',
    'ret değil kabul',
    'teşekkürler',
  ])('does not opt out on the Turkish %j', (body) => {
    expect(asksToStop(body)).toBe(false);
    expect(inboundIntent(body)).not.toBe('opt_out');
  });

  it.each(['START', 'start', ' Unstop ', 'YES'])('opts back in on the keyword %j', (body) => {
    expect(inboundIntent(body)).toBe('opt_in');
  });

  it.each(['HELP', 'help', 'Info'])('answers %j with help', (body) => {
    expect(inboundIntent(body)).toBe('help');
  });

  it.each([
    'please stop texting me',
    'Please stop texting me!',
    'STOP.',
    'Stop please',
    'stop all',
    'opt-out',
    'opt me out',
    'unsubscribe me',
    'Unsubscribe me from this list please',
    'no more messages',
    'No more texts, thanks',
    'Stop sending me these messages',
    'can you stop messaging me?',
    'Do not text me again',
    "don't text me anymore",
    'Take me off your mailing list',
    'remove me from the list',
    'I want to unsubscribe',
    "I'd like to stop receiving these texts",
  ])('reads %j as a request to stop', (body) => {
    expect(asksToStop(body)).toBe(true);
    expect(inboundIntent(body)).toBe('opt_out');
  });

  it.each([
    "don't stop the discounts",
    'Please dont stop texting me',
    'never stop sending deals',
    'when does the sale stop?',
    "I can't stop buying your candles",
    'stop by the store tomorrow?',
    'no more messages? I love them',
    'Can I cancel my order?',
    'the end of the season sale is great',
    'yes please',
    'Is this the start of the sale?',
    'thanks!',
    '',
  ])('does not opt out on %j', (body) => {
    expect(asksToStop(body)).toBe(false);
    expect(inboundIntent(body)).not.toBe('opt_out');
  });

  it('takes keywords only as the whole message', () => {
    expect(inboundIntent('START the order please')).toBeNull();
    expect(inboundIntent('help me find my size')).toBeNull();
  });
});
