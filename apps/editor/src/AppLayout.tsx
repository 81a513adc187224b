// The frame around every page: a skip link, the sidebar (product name, API health, navigation
// for the signed-in person's role, who is signed in and sign out)
// and the main region. Moves focus to the main region when the page changes, so keyboard and
// screen-reader users land on the new content rather than on the link they used.
import { useEffect, useRef, type MouseEvent, type ReactNode, type RefObject } from 'react';
import { hrefFor, type Route } from './hash-route';
import { HealthBadge } from './HealthBadge';
import { mayOpen } from './session/role-access';
import { useSession } from './session/SessionContext';

const sections = [
  {
    label: 'Customers',
    href: hrefFor({ page: 'customers', q: '' }),
    pages: ['customers', 'customer', 'run'],
  },
  { label: 'Dashboard', href: hrefFor({ page: 'dashboard' }), pages: ['dashboard'] },
  {
    label: 'Journeys',
    href: hrefFor({ page: 'journeys' }),
    pages: ['journeys', 'journey', 'journey-results'],
  },
  { label: 'Templates', href: hrefFor({ page: 'templates' }), pages: ['templates', 'template'] },
  { label: 'Outbox', href: hrefFor({ page: 'outbox' }), pages: ['outbox', 'outbox-message'] },
  { label: 'Store', href: hrefFor({ page: 'store' }), pages: ['store'] },
  { label: 'Segments', href: hrefFor({ page: 'segments' }), pages: ['segments'] },
  { label: 'Settings', href: hrefFor({ page: 'settings' }), pages: ['settings'] },
  { label: 'Admin', href: hrefFor({ page: 'admin' }), pages: ['admin'] },
] as const satisfies ReadonlyArray<{ label: string; href: string; pages: ReadonlyArray<Route['page']> }>;

export function AppLayout({ route, children }: { route: Route; children: ReactNode }) {
  const { user, signOut } = useSession();
  const mainRef = useRef<HTMLElement>(null);
  const routeKey = JSON.stringify(route);
  const firstRender = useRef(true);

  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.focus();
  }, [routeKey]);

  return (
    <div className="layout">
      <a className="skip-link" href="#main" onClick={focusMain(mainRef)}>
        Skip to content
      </a>
      <aside className="sidebar">
        <p className="brand">
          <span className="brand__mark" aria-hidden="true">
            ◆
          </span>
          Waypoint
        </p>
        <HealthBadge />
        <nav aria-label="Main">
          <ul className="nav">
            {sections
              .filter((section) => mayOpen(user.role, section.pages[0]))
              .map((section) => {
                const current = (section.pages as ReadonlyArray<Route['page']>).includes(route.page);
                return (
                  <li key={section.href}>
                    <a className="nav__link" href={section.href} aria-current={current ? 'page' : undefined}>
                      {section.label}
                    </a>
                  </li>
                );
              })}
          </ul>
        </nav>
        <div className="signed-in">
          <p className="signed-in__who">
            {user.name} <span className="muted small">({user.role})</span>
          </p>
          <button type="button" className="button" onClick={signOut}>
            Sign out
          </button>
        </div>
      </aside>
      {/* The canvas page uses the whole width and height; the template page (editor and preview side by
          side) a wider column; the other pages read as documents. */}
      <main
        id="main"
        className={
          route.page === 'journey'
            ? 'main main--canvas'
            : route.page === 'template'
              ? 'main main--wide'
              : 'main'
        }
        ref={mainRef}
        tabIndex={-1}
      >
        {children}
      </main>
    </div>
  );
}

/** The skip link must not change the hash: the hash is the route. */
function focusMain(mainRef: RefObject<HTMLElement | null>) {
  return (event: MouseEvent) => {
    event.preventDefault();
    mainRef.current?.focus();
  };
}
