import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { JourneyDefinitionInput } from '@waypoint/journey';

export type JourneyStatus = 'draft' | 'live' | 'paused' | 'archived';

/** A journey: its editable draft and a pointer to its newest published version. */
@Entity({ name: 'journeys' })
export class JourneyEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text' }) status!: JourneyStatus;
  @Column({ type: 'jsonb' }) draft!: JourneyDefinitionInput;
  @Column({ name: 'published_version', type: 'int', nullable: true }) publishedVersion!: number | null;
  /** Which shipped example this journey was loaded from, so first-start loading happens once. */
  @Column({ name: 'seed_key', type: 'text', nullable: true }) seedKey!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
