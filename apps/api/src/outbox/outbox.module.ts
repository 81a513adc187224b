import { Module } from '@nestjs/common';
import { OutboxController } from './outbox.controller';
import { OutboxService } from './outbox.service';

/** The sandbox outbox, read by marketers and support. */
@Module({
  controllers: [OutboxController],
  providers: [OutboxService],
})
export class OutboxModule {}
