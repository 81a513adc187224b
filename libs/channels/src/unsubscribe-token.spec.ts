import { signUnsubscribeToken, verifyUnsubscribeToken } from './unsubscribe-token';

const SECRET = 'a-secret-that-is-long-enough-for-tests';
const CUSTOMER = '6c1f3c0e-2f4e-4a57-9c55-0f7a1d3b9e21';

describe('unsubscribe tokens', () => {
  it('round-trips the customer id', () => {
    expect(verifyUnsubscribeToken(signUnsubscribeToken(CUSTOMER, SECRET), SECRET)).toBe(CUSTOMER);
  });

  it('refuses a token signed with another secret, for another customer, or mangled', () => {
    const token = signUnsubscribeToken(CUSTOMER, SECRET);
    expect(verifyUnsubscribeToken(token, 'another-secret-another-secret-12')).toBeNull();
    const other = signUnsubscribeToken('00000000-0000-4000-8000-000000000000', SECRET);
    expect(verifyUnsubscribeToken(`${token.split('.')[0]}.${other.split('.')[1]}`, SECRET)).toBeNull();
    expect(verifyUnsubscribeToken('garbage', SECRET)).toBeNull();
    expect(verifyUnsubscribeToken('', SECRET)).toBeNull();
  });
});
