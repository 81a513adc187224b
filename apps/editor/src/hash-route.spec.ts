import { describe, expect, it } from '@jest/globals';
import { hrefFor, parseHashRoute } from './hash-route';

describe('parseHashRoute', () => {
  it('opens the journeys page when there is no hash', () => {
    expect(parseHashRoute('')).toEqual({ page: 'journeys' });
    expect(parseHashRoute('#')).toEqual({ page: 'journeys' });
    expect(parseHashRoute('#/')).toEqual({ page: 'journeys' });
  });

  it('reads the journeys and outbox pages, with or without a trailing slash', () => {
    expect(parseHashRoute('#/journeys')).toEqual({ page: 'journeys' });
    expect(parseHashRoute('#/outbox')).toEqual({ page: 'outbox' });
    expect(parseHashRoute('#/outbox/')).toEqual({ page: 'outbox' });
  });

  it('reads one journey (its canvas) by id', () => {
    expect(parseHashRoute('#/journeys/3f2a9c1e-0b1d-4c1e-9a55-1d2e3f4a5b6c')).toEqual({
      page: 'journey',
      id: '3f2a9c1e-0b1d-4c1e-9a55-1d2e3f4a5b6c',
    });
  });

  it("reads a journey's results page, and writes its link", () => {
    const id = '3f2a9c1e-0b1d-4c1e-9a55-1d2e3f4a5b6c';
    expect(parseHashRoute(`#/journeys/${id}/results`)).toEqual({ page: 'journey-results', id });
    expect(hrefFor({ page: 'journey-results', id })).toBe(`#/journeys/${id}/results`);
  });

  it('reads one outbox message by id', () => {
    expect(parseHashRoute('#/outbox/3f2a9c1e-0b1d-4c1e-9a55-1d2e3f4a5b6c')).toEqual({
      page: 'outbox-message',
      id: '3f2a9c1e-0b1d-4c1e-9a55-1d2e3f4a5b6c',
    });
  });

  it('decodes percent-encoded ids', () => {
    expect(parseHashRoute('#/outbox/msg%2F1%20a')).toEqual({ page: 'outbox-message', id: 'msg/1 a' });
  });

  it('reports unknown paths and malformed encodings as not found instead of throwing', () => {
    expect(parseHashRoute('#/preferences')).toEqual({ page: 'not-found', path: '/preferences' });
    expect(parseHashRoute('#/outbox/a/b')).toEqual({ page: 'not-found', path: '/outbox/a/b' });
    expect(parseHashRoute('#/journeys/x/y')).toEqual({ page: 'not-found', path: '/journeys/x/y' });
    expect(parseHashRoute('#/outbox/%E0%A4%A')).toEqual({ page: 'not-found', path: '/outbox/%E0%A4%A' });
  });
});

describe('support and admin pages', () => {
  it('reads the customer search with its query, a customer, a run and the admin page', () => {
    expect(parseHashRoute('#/customers')).toEqual({ page: 'customers', q: '' });
    expect(parseHashRoute('#/customers?q=ada%40example.com')).toEqual({
      page: 'customers',
      q: 'ada@example.com',
    });
    expect(parseHashRoute('#/customers/7001')).toEqual({ page: 'customer', id: '7001' });
    expect(parseHashRoute('#/runs/r-1')).toEqual({ page: 'run', id: 'r-1' });
    expect(parseHashRoute('#/admin')).toEqual({ page: 'admin' });
    expect(parseHashRoute('#/store')).toEqual({ page: 'store' });
    expect(hrefFor({ page: 'store' })).toBe('#/store');
    expect(parseHashRoute('#/settings')).toEqual({ page: 'settings' });
    expect(hrefFor({ page: 'settings' })).toBe('#/settings');
    expect(parseHashRoute('#/settings/x')).toEqual({ page: 'not-found', path: '/settings/x' });
    expect(parseHashRoute('#/runs')).toEqual({ page: 'not-found', path: '/runs' });
  });

  it('reads the dashboard and round-trips it', () => {
    expect(parseHashRoute('#/dashboard')).toEqual({ page: 'dashboard' });
    expect(hrefFor({ page: 'dashboard' })).toBe('#/dashboard');
    expect(parseHashRoute('#/dashboard/x')).toEqual({ page: 'not-found', path: '/dashboard/x' });
  });

  it('round-trips a search for a phone number with a plus sign and spaces', () => {
    const q = '+1 415 555 0100';
    expect(parseHashRoute(hrefFor({ page: 'customers', q }))).toEqual({ page: 'customers', q });
    expect(hrefFor({ page: 'customers', q: '' })).toBe('#/customers');
  });
});

describe('hrefFor', () => {
  it('builds the hash for each page', () => {
    expect(hrefFor({ page: 'journeys' })).toBe('#/journeys');
    expect(hrefFor({ page: 'journey', id: 'j1' })).toBe('#/journeys/j1');
    expect(hrefFor({ page: 'outbox' })).toBe('#/outbox');
    expect(hrefFor({ page: 'outbox-message', id: 'abc' })).toBe('#/outbox/abc');
  });

  it('round-trips ids that contain URL-significant characters', () => {
    const id = 'a/b?c#d e%';
    expect(parseHashRoute(hrefFor({ page: 'outbox-message', id }))).toEqual({ page: 'outbox-message', id });
  });
});

describe('templates pages', () => {
  it('reads the template list and one template by channel and name, and round-trips them', () => {
    expect(parseHashRoute('#/templates')).toEqual({ page: 'templates' });
    expect(parseHashRoute('#/templates/email/welcome')).toEqual({
      page: 'template',
      channel: 'email',
      name: 'welcome',
    });
    expect(hrefFor({ page: 'template', channel: 'sms', name: 'cart-last-call' })).toBe(
      '#/templates/sms/cart-last-call',
    );
    const route = { page: 'template', channel: 'whatsapp', name: 'a b' } as const;
    expect(parseHashRoute(hrefFor(route))).toEqual(route);
  });

  it('does not open a template of a channel that does not exist, or without a name', () => {
    expect(parseHashRoute('#/templates/fax/welcome')).toEqual({
      page: 'not-found',
      path: '/templates/fax/welcome',
    });
    expect(parseHashRoute('#/templates/email')).toEqual({ page: 'not-found', path: '/templates/email' });
  });
});
