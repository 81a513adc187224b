/**
 * Ordered cleanup: each thing started registers how to stop it, and teardown stops them in
 * reverse order (apps before Temporal before PostgreSQL). A failing step is reported and the
 * rest still run, so one stuck server never leaves the others behind.
 */
import { describeFailure } from './devstack-error';

interface Step {
  name: string;
  run: () => Promise<void>;
}

export class Teardown {
  private readonly steps: Step[] = [];
  private running: Promise<void> | undefined;

  add(name: string, run: () => Promise<void>): void {
    this.steps.push({ name, run });
  }

  /** Runs once; later calls wait for the same teardown. */
  run(report: (line: string) => void = console.error): Promise<void> {
    this.running ??= (async () => {
      for (const step of [...this.steps].reverse()) {
        try {
          await step.run();
        } catch (error) {
          report(`Could not stop ${step.name}: ${describeFailure(error)}`);
        }
      }
    })();
    return this.running;
  }
}
