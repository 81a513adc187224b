/**
 * The workflow bundle carries only what a run executes. The worker evaluates the bundle's
 * non-Temporal modules once for every run it starts or replays and keeps them while the run is
 * cached, so a schema library or the publish-time validator in here costs CPU on every start and
 * memory for every waiting run (it did: zod was ~2.4 ms per run and most of a cached run's memory).
 *
 * Needs the bundle: `npx tsc -b tsconfig.build.json && npm run bundle -w @waypoint/worker`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { WORKFLOW_BUNDLE } from './support/histories';

describe('the workflow bundle', () => {
  it('leaves out zod, the journey schemas and the validator', () => {
    if (!existsSync(WORKFLOW_BUNDLE))
      throw new Error(`${WORKFLOW_BUNDLE} is missing: run \`npm run bundle -w @waypoint/worker\` first`);
    const code = readFileSync(WORKFLOW_BUNDLE, 'utf8');
    // Webpack names every module by its path; the inline source map is base64, so it does not match.
    const modules = [...code.matchAll(/^\/\*\*\*\/ "([^"]+)"/gm)].map((m) => m[1]);
    expect(modules.some((m) => m.includes('libs/journey/dist/graph.js'))).toBe(true);
    expect(
      modules.filter((m) =>
        /node_modules\/zod\/|definition\.schema|condition\.schema|validate-journey/.test(m),
      ),
    ).toEqual([]);
  });
});
