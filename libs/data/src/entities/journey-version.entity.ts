import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { JourneyDefinition } from '@waypoint/journey';

/** A published, immutable version of a journey; runs are pinned to one. */
@Entity({ name: 'journey_versions' })
export class JourneyVersionEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'journey_id', type: 'uuid' }) journeyId!: string;
  @Column({ type: 'int' }) version!: number;
  @Column({ type: 'jsonb' }) definition!: JourneyDefinition;
  @Column({ name: 'published_at', type: 'timestamptz' }) publishedAt!: Date;
}
