// Picks the page for the current hash route and keeps the document title in step with it.
import { lazy, Suspense, useEffect } from 'react';
import { AppLayout } from './AppLayout';
import { hrefFor, type Route } from './hash-route';
import { JourneyList } from './JourneyList';
import { OutboxList } from './OutboxList';
import { OutboxMessage } from './OutboxMessage';
import { useHashRoute } from './useHashRoute';
import { AdminPage } from './admin/AdminPage';
import { StorePage } from './store/StorePage';
import { SettingsPage } from './settings/SettingsPage';
import { homeFor, mayOpen } from './session/role-access';
import { SessionGate, useSession } from './session/SessionContext';
import { CustomerPage } from './support/CustomerPage';
import { CustomerSearchPage } from './support/CustomerSearchPage';
import { RunPage } from './support/RunPage';

// The canvas (React Flow, dagre, the shared validator) loads only when a journey is opened.
const loadJourneyEditor = () => import('./journey-editor/JourneyEditorPage');
const JourneyEditorPage = lazy(() =>
  loadJourneyEditor().then((module) => ({ default: module.JourneyEditorPage })),
);

// The segments page shares the canvas's condition builder: loaded when opened.
const SegmentsPage = lazy(() =>
  import('./segments/SegmentsPage').then((module) => ({ default: module.SegmentsPage })),
);

// The templates pages: the editor page brings CodeMirror, loaded when a template is opened.
const TemplatesPage = lazy(() =>
  import('./templates/TemplatesPage').then((module) => ({ default: module.TemplatesPage })),
);
const TemplateEditorPage = lazy(() =>
  import('./templates/TemplateEditorPage').then((module) => ({ default: module.TemplateEditorPage })),
);

// The dashboard brings the chart library: loaded when opened.
const DashboardPage = lazy(() =>
  import('./dashboard/DashboardPage').then((module) => ({ default: module.DashboardPage })),
);

// A journey's results bring the chart library too: loaded when opened.
const JourneyResultsPage = lazy(() =>
  import('./results/JourneyResultsPage').then((module) => ({ default: module.JourneyResultsPage })),
);

const titles: Record<Route['page'], string> = {
  journeys: 'Journeys',
  journey: 'Journey',
  'journey-results': 'Results',
  outbox: 'Outbox',
  'outbox-message': 'Outbox message',
  customers: 'Customers',
  customer: 'Customer',
  run: 'Run',
  admin: 'Admin',
  store: 'Store',
  segments: 'Segments',
  settings: 'Settings',
  templates: 'Templates',
  template: 'Template',
  dashboard: 'Dashboard',
  'not-found': 'Page not found',
};

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case 'journeys':
      return <JourneyList />;
    case 'journey':
      return (
        <Suspense
          fallback={
            <p className="placeholder" role="status">
              Loading the canvas…
            </p>
          }
        >
          <JourneyEditorPage key={route.id} id={route.id} />
        </Suspense>
      );
    case 'outbox':
      return <OutboxList />;
    case 'outbox-message':
      return <OutboxMessage key={route.id} id={route.id} />;
    case 'customers':
      return <CustomerSearchPage q={route.q} />;
    case 'customer':
      return <CustomerPage key={route.id} id={route.id} />;
    case 'run':
      return <RunPage key={route.id} id={route.id} />;
    case 'admin':
      return <AdminPage />;
    case 'store':
      return <StorePage />;
    case 'segments':
      return (
        <Suspense
          fallback={
            <p className="placeholder" role="status">
              Loading segments…
            </p>
          }
        >
          <SegmentsPage />
        </Suspense>
      );
    case 'settings':
      return <SettingsPage />;
    case 'templates':
    case 'template':
      return (
        <Suspense
          fallback={
            <p className="placeholder" role="status">
              Loading templates…
            </p>
          }
        >
          {route.page === 'templates' ? (
            <TemplatesPage />
          ) : (
            <TemplateEditorPage
              key={`${route.channel}/${route.name}`}
              channel={route.channel}
              name={route.name}
            />
          )}
        </Suspense>
      );
    case 'dashboard':
      return (
        <Suspense
          fallback={
            <p className="placeholder" role="status">
              Loading the dashboard…
            </p>
          }
        >
          <DashboardPage />
        </Suspense>
      );
    case 'journey-results':
      return (
        <Suspense
          fallback={
            <p className="placeholder" role="status">
              Loading the results…
            </p>
          }
        >
          <JourneyResultsPage key={route.id} id={route.id} />
        </Suspense>
      );
    case 'not-found':
      return (
        <>
          <h1>Page not found</h1>
          <p>
            There is no page at <code>{route.path}</code>. <a href="#/">Go to your start page</a>.
          </p>
        </>
      );
  }
}

export function App() {
  return (
    <SessionGate>
      <SignedInApp />
    </SessionGate>
  );
}

function SignedInApp() {
  const { user } = useSession();
  const hashRoute = useHashRoute();
  // The bare address is this role's start page, from the first render (no flash of another page).
  const route = window.location.hash.replace(/^#\/?/, '') === '' ? homeFor(user.role) : hashRoute;

  useEffect(() => {
    document.title = `${titles[route.page]} · Waypoint`;
  }, [route.page]);

  // Marketers open journeys: fetch and parse the canvas code while they look at the list, so
  // opening one waits only for the journey itself (the chunk is cached; import() runs once).
  useEffect(() => {
    if (!mayOpen(user.role, 'journey')) return;
    const idle = window.setTimeout(() => void loadJourneyEditor(), 200);
    return () => window.clearTimeout(idle);
  }, [user.role]);

  return (
    <AppLayout route={route}>
      {mayOpen(user.role, route.page) ? (
        <Page route={route} />
      ) : (
        <>
          <h1>Not for your role</h1>
          <p>
            This page needs another role than <strong>{user.role}</strong>; ask an admin.{' '}
            <a href={hrefFor(homeFor(user.role))}>Go to your start page</a>.
          </p>
        </>
      )}
    </AppLayout>
  );
}
