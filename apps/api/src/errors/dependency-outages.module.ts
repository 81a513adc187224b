/**
 * The process's one record of dependency outages (dependency-outage.ts), shared by the exception
 * filter (requests answered 503), the event router and /health, so an outage is logged once
 * whichever meets it first. Global, so those modules need not import it.
 */
import { Global, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { Database } from '@waypoint/data';
import { DependencyOutages } from './dependency-outage';

/** Stops the outage probes when the application shuts down. */
class OutageProbes implements OnApplicationShutdown {
  constructor(private readonly outages: DependencyOutages) {}

  onApplicationShutdown(): void {
    this.outages.close();
  }
}

@Global()
@Module({
  providers: [
    {
      provide: DependencyOutages,
      inject: [Database, Client],
      useFactory: (db: Database, temporal: Client) =>
        new DependencyOutages(new Logger('Dependencies'), {
          database: () => db.ping(),
          temporal: () => temporal.workflowService.getSystemInfo({}),
        }),
    },
    {
      provide: OutageProbes,
      inject: [DependencyOutages],
      useFactory: (o: DependencyOutages) => new OutageProbes(o),
    },
  ],
  exports: [DependencyOutages],
})
export class DependencyOutagesModule {}
