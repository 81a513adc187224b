// The API's health in the sidebar, from `GET /health`, re-checked every 15 seconds.
import { useQuery } from '@tanstack/react-query';
import { getHealth } from './api-client';
import type { HealthResponse } from './api-types';
import { queryKeys } from './server-state/query-keys';

const HEALTH_REFRESH_MS = 15_000;

type Tone = 'checking' | 'ok' | 'degraded' | 'down';

function summarise(health: HealthResponse): { tone: Tone; label: string; detail: string } {
  const parts = [
    `Database ${health.database.ok ? 'ok' : 'down'}`,
    `Temporal ${health.temporal.ok ? 'ok' : 'down'}`,
  ];
  const detail = parts.join(' · ');
  return health.status === 'ok'
    ? { tone: 'ok', label: 'API healthy', detail }
    : { tone: 'degraded', label: 'API degraded', detail };
}

export function HealthBadge() {
  const { data, error } = useQuery({
    queryKey: queryKeys.health,
    queryFn: ({ signal }) => getHealth(signal),
    refetchInterval: HEALTH_REFRESH_MS,
  });

  let state: { tone: Tone; label: string; detail: string };
  if (data && !error) state = summarise(data);
  else if (error) state = { tone: 'down', label: 'API unreachable', detail: error.message };
  else state = { tone: 'checking', label: 'Checking API…', detail: 'Asking GET /health' };

  return (
    <div className={`health health--${state.tone}`} role="status">
      <span className="health__dot" aria-hidden="true" />
      <span className="health__label">{state.label}</span>
      <span className="health__detail">{state.detail}</span>
    </div>
  );
}
