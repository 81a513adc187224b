import { Module } from '@nestjs/common';
import { IngestionModule } from '../events/ingestion.module';
import { TrackedLinksController } from './tracked-links.controller';
import { TrackedLinks } from './tracked-links.service';

/** Tracked links: the redirect that turns a click in a message into a `message.clicked` event. */
@Module({
  imports: [IngestionModule],
  controllers: [TrackedLinksController],
  providers: [TrackedLinks],
})
export class LinksModule {}
