import { describe, expect, it } from '@jest/globals';
import { channelLabel, firstLine, messageSummary, outboxStatusTone } from './outbox-display';

describe('channelLabel', () => {
  it('names each channel the way marketers write it', () => {
    expect(channelLabel('email')).toBe('Email');
    expect(channelLabel('sms')).toBe('SMS');
    expect(channelLabel('whatsapp')).toBe('WhatsApp');
  });
});

describe('firstLine', () => {
  it('skips leading blank lines and trims', () => {
    expect(firstLine('\n  \r\n  Hi Ada, your cart is waiting  \nSecond line')).toBe(
      'Hi Ada, your cart is waiting',
    );
  });

  it('shortens long lines with an ellipsis', () => {
    expect(firstLine('abcdefghij', 5)).toBe('abcd…');
    expect(firstLine('abcde', 5)).toBe('abcde');
  });

  it('returns null when there is no text', () => {
    expect(firstLine(null)).toBeNull();
    expect(firstLine(undefined)).toBeNull();
    expect(firstLine(' \n ')).toBeNull();
  });
});

describe('messageSummary', () => {
  it('prefers the subject', () => {
    expect(messageSummary({ subject: 'You left something behind', bodyText: 'Hi' })).toBe(
      'You left something behind',
    );
  });

  it('uses the first line of the text body for messages without a subject', () => {
    expect(messageSummary({ subject: null, bodyText: 'Your code SAVE10 expires tonight.\nReply STOP' })).toBe(
      'Your code SAVE10 expires tonight.',
    );
    expect(messageSummary({ subject: '  ', bodyText: 'Hello' })).toBe('Hello');
  });

  it('returns null when the list item carries neither', () => {
    expect(messageSummary({ subject: null })).toBeNull();
  });
});

describe('outboxStatusTone', () => {
  it('colours stored sandbox messages as information, deliveries as success and failures as danger', () => {
    expect(outboxStatusTone('sandboxed')).toBe('info');
    expect(outboxStatusTone('delivered')).toBe('success');
    expect(outboxStatusTone('Bounced')).toBe('danger');
    expect(outboxStatusTone('skipped')).toBe('warning');
  });

  it('keeps statuses it does not know neutral', () => {
    expect(outboxStatusTone('something_new')).toBe('neutral');
  });
});
