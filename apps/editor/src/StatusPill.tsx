// A small coloured label for a status. The text carries the meaning; colour only reinforces it.
import type { ReactNode } from 'react';
import type { StatusTone } from './status-tone';

export function StatusPill({ tone, children }: { tone: StatusTone; children: ReactNode }) {
  return <span className={`pill pill--${tone}`}>{children}</span>;
}
