// The current route, read from `location.hash` and kept in step with it.
import { useSyncExternalStore } from 'react';
import { parseHashRoute, type Route } from './hash-route';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

const readHash = () => window.location.hash;

export function useHashRoute(): Route {
  const hash = useSyncExternalStore(subscribe, readHash, () => '');
  return parseHashRoute(hash);
}
