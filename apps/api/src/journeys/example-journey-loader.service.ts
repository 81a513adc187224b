/**
 * Loads the example journeys shipped under `templates/journeys/*.json` on first start: each is
 * created and published once (remembered by its key), never overwritten afterwards.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { TemplateCatalog } from '@waypoint/channels';
import { DataSource } from 'typeorm';
import { JourneysService } from './journeys.service';

interface ExampleJourneyFile {
  key: string;
  name: string;
  definition: {
    nodes: Array<{ id: string; type: string }>;
    edges: Array<{ source: string; target: string }>;
  };
}

@Injectable()
export class ExampleJourneyLoader implements OnApplicationBootstrap {
  private readonly logger = new Logger(ExampleJourneyLoader.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly journeys: JourneysService,
    private readonly templates: TemplateCatalog,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const dir = join(this.templates.dir, 'journeys');
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort();
    for (const file of files) {
      const example = JSON.parse(readFileSync(join(dir, file), 'utf8')) as ExampleJourneyFile;
      const existing: unknown[] = await this.db.query(`SELECT 1 FROM journeys WHERE seed_key = $1`, [
        example.key,
      ]);
      if (existing.length > 0) continue;
      try {
        const journey = await this.journeys.create(
          { name: example.name, definition: example.definition },
          example.key,
        );
        await this.journeys.publish(journey.id);
        this.logger.log(`loaded example journey "${example.name}" (live, version 1)`);
      } catch (error) {
        // Another API instance loading at the same moment wins the unique seed key; that is fine.
        this.logger.warn(`example journey ${file} not loaded: ${(error as Error).message}`);
      }
    }
  }
}
