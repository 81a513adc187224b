/**
 * `@waypoint/journey/engine`: the part of the journey model the run workflow executes (graph
 * walking, durations, in-memory condition checks on events, quiet-hour defaults), without zod.
 * The workflow imports values from here, never from the index: the worker evaluates every
 * non-Temporal module of the bundle once per run it starts or replays (each run has its own
 * module cache), so the schemas would be rebuilt for each run and kept in memory for every cached
 * run. Types may still come from the index (`import type` costs nothing at run time).
 */
export * from './condition-evaluation';
export * from './duration';
export * from './graph';
export * from './quiet-hours';
export * from './read-path';
export * from './run-types';
export * from './vocabulary';
export * from './test-waits';
export * from './decision-types';
export * from './split-bucket';
export * from './step-stamps';
