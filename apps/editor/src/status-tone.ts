/** The colour families a status pill can take. */
export type StatusTone = 'neutral' | 'info' | 'success' | 'warning' | 'danger' | 'muted';
