// Picks the page for the current hash route and keeps the document title in step with it.
import { lazy, Suspense, useEffect } from 'react';
import { AppLayout } from './AppLayout';
import { hrefFor, type Route } from './hash-route';
import { JourneyList } from './JourneyList';
import { OutboxList } from './OutboxList';
import { OutboxMessage } from './OutboxMessage';
import { useHashRoute } from './useHashRoute';

// The canvas (React Flow, dagre, the shared validator) loads only when a journey is opened.
const JourneyEditorPage = lazy(() =>
  import('./journey-editor/JourneyEditorPage').then((module) => ({ default: module.JourneyEditorPage })),
);

const titles: Record<Route['page'], string> = {
  journeys: 'Journeys',
  journey: 'Journey',
  outbox: 'Outbox',
  'outbox-message': 'Outbox message',
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
    case 'not-found':
      return (
        <>
          <h1>Page not found</h1>
          <p>
            There is no page at <code>{route.path}</code>.{' '}
            <a href={hrefFor({ page: 'journeys' })}>Go to journeys</a>.
          </p>
        </>
      );
  }
}

export function App() {
  const route = useHashRoute();

  useEffect(() => {
    document.title = `${titles[route.page]} · Waypoint`;
  }, [route.page]);

  return (
    <AppLayout route={route}>
      <Page route={route} />
    </AppLayout>
  );
}
