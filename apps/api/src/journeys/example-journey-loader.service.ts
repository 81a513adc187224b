/**
 * Loads the example journeys shipped under `templates/journeys/*.json` on first start: each is
 * created and published once (remembered by its key), never overwritten afterwards. A file with
 * `"loadOnFirstStart": false` (the journey library) is only offered in the editor's New journey
 * dialog: a store publishes the ones it wants (docs/product.md, Journeys).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { TemplateCatalog } from '@waypoint/channels';
import type { JourneyDraft } from '@waypoint/contract';
import { Database, journeySeedExists } from '@waypoint/data';
import { JourneyPublisher } from './journey-publisher.service';
import { JourneysService } from './journeys.service';

interface ExampleJourneyFile {
  key: string;
  name: string;
  loadOnFirstStart?: boolean;
  definition: JourneyDraft;
}

@Injectable()
export class ExampleJourneyLoader implements OnApplicationBootstrap {
  private readonly logger = new Logger(ExampleJourneyLoader.name);

  constructor(
    private readonly db: Database,
    private readonly journeys: JourneysService,
    private readonly publisher: JourneyPublisher,
    private readonly templates: TemplateCatalog,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const dir = join(this.templates.dir, 'journeys');
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort();
    for (const file of files) {
      const example = JSON.parse(readFileSync(join(dir, file), 'utf8')) as ExampleJourneyFile;
      if (example.loadOnFirstStart === false) continue;
      if (await journeySeedExists(this.db.query, example.key)) continue;
      try {
        const journey = await this.journeys.createDraft(
          { name: example.name, definition: example.definition },
          example.key,
        );
        await this.publisher.publishDraft(journey.id);
        this.logger.log(`loaded example journey "${example.name}" (live, version 1)`);
      } catch (error) {
        // Another API instance loading at the same moment wins the unique seed key; that is fine.
        this.logger.warn(`example journey ${file} not loaded: ${(error as Error).message}`);
      }
    }
  }
}
