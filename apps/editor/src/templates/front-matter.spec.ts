import { describe, expect, it } from '@jest/globals';
import { readFrontMatterField, setFrontMatterField } from './front-matter';

const WELCOME = [
  '---',
  'layout: default',
  'subject: Hoş geldin {{customer.firstName}}',
  'preheader:   Kodun {{coupon.code}} seni bekliyor.  ',
  '---',
  '<h1>Merhaba</h1>',
  '',
].join('\n');

describe('front matter fields', () => {
  it('reads a field as the API does: the text after the colon, trimmed', () => {
    expect(readFrontMatterField(WELCOME, 'subject')).toBe('Hoş geldin {{customer.firstName}}');
    expect(readFrontMatterField(WELCOME, 'preheader')).toBe('Kodun {{coupon.code}} seni bekliyor.');
    expect(readFrontMatterField(WELCOME, 'layout')).toBe('default');
    expect(readFrontMatterField(WELCOME, 'missing')).toBeUndefined();
    expect(readFrontMatterField('<p>no front matter</p>', 'subject')).toBeUndefined();
  });

  it('round-trips: writing back what was read leaves the source byte for byte the same', () => {
    for (const key of ['subject', 'preheader', 'layout']) {
      expect(setFrontMatterField(WELCOME, key, readFrontMatterField(WELCOME, key)!)).toBe(WELCOME);
    }
    const crlf = WELCOME.replace(/\n/g, '\r\n');
    expect(setFrontMatterField(crlf, 'subject', readFrontMatterField(crlf, 'subject')!)).toBe(crlf);
  });

  it('changes only the value of the field written', () => {
    const changed = setFrontMatterField(WELCOME, 'subject', 'Welcome {{customer.firstName}}');
    expect(changed).toBe(
      WELCOME.replace('Hoş geldin {{customer.firstName}}', 'Welcome {{customer.firstName}}'),
    );
    expect(readFrontMatterField(changed, 'subject')).toBe('Welcome {{customer.firstName}}');
    expect(readFrontMatterField(changed, 'preheader')).toBe('Kodun {{coupon.code}} seni bekliyor.');
  });

  it('adds a missing field as the last front-matter line, or opens a front matter', () => {
    const noPreheader = '---\nsubject: Hi\n---\n<p>x</p>';
    expect(setFrontMatterField(noPreheader, 'preheader', 'Read me')).toBe(
      '---\nsubject: Hi\npreheader: Read me\n---\n<p>x</p>',
    );
    expect(setFrontMatterField('<p>x</p>', 'subject', 'Hi')).toBe('---\nsubject: Hi\n---\n<p>x</p>');
    const crlf = '---\r\nsubject: Hi\r\n---\r\nbody';
    expect(setFrontMatterField(crlf, 'preheader', 'P')).toBe(
      '---\r\nsubject: Hi\r\npreheader: P\r\n---\r\nbody',
    );
  });

  it('does not add an empty field, keeps fields on one line, and spaces a value typed into "key:"', () => {
    expect(setFrontMatterField('<p>x</p>', 'preheader', '')).toBe('<p>x</p>');
    expect(setFrontMatterField('---\nsubject: Hi\n---\n', 'subject', 'two\nlines')).toBe(
      '---\nsubject: two lines\n---\n',
    );
    expect(setFrontMatterField('---\nsubject:\n---\n', 'subject', 'Hi')).toBe('---\nsubject: Hi\n---\n');
  });
});
