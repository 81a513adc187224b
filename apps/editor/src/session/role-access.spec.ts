import { describe, expect, it } from '@jest/globals';
import { homeFor, mayOpen, roleAllows } from './role-access';

describe('role access in the editor', () => {
  it('lets admins open everything and keeps the admin page to them', () => {
    for (const page of ['journeys', 'customers', 'run', 'admin'] as const)
      expect(mayOpen('admin', page)).toBe(true);
    expect(mayOpen('marketer', 'admin')).toBe(false);
    expect(mayOpen('support', 'admin')).toBe(false);
  });

  it('shows customers and runs to support but not to marketers, as the API does', () => {
    expect(mayOpen('support', 'customer')).toBe(true);
    expect(mayOpen('support', 'run')).toBe(true);
    expect(mayOpen('marketer', 'customer')).toBe(false);
    expect(mayOpen('marketer', 'run')).toBe(false);
    expect(mayOpen('marketer', 'journey')).toBe(true);
    expect(mayOpen('support', 'journey')).toBe(false);
    expect(mayOpen('support', 'outbox')).toBe(true);
    expect(roleAllows('support', ['marketer'])).toBe(false);
  });

  it('lets every role read the store connection page', () => {
    for (const role of ['admin', 'marketer', 'support'] as const) expect(mayOpen(role, 'store')).toBe(true);
  });

  it('shows the templates pages to marketers and admins, not to support', () => {
    for (const page of ['templates', 'template'] as const) {
      expect(mayOpen('marketer', page)).toBe(true);
      expect(mayOpen('admin', page)).toBe(true);
      expect(mayOpen('support', page)).toBe(false);
    }
  });

  it('starts support at the customer search and everyone else at the store dashboard', () => {
    expect(homeFor('support')).toEqual({ page: 'customers', q: '' });
    expect(homeFor('marketer')).toEqual({ page: 'dashboard' });
    expect(homeFor('admin')).toEqual({ page: 'dashboard' });
  });
});
