import { Column, Entity, PrimaryColumn } from 'typeorm';
import { numericTransformer } from './numeric.transformer';

/** A run whose journey goal was reached within its window, with the order's revenue. */
@Entity({ name: 'run_conversions' })
export class RunConversionEntity {
  @PrimaryColumn({ name: 'run_id', type: 'uuid' }) runId!: string;
  @Column({ name: 'journey_id', type: 'uuid' }) journeyId!: string;
  @Column({ name: 'event_id', type: 'uuid' }) eventId!: string;
  @Column({ type: 'numeric', default: 0, transformer: numericTransformer }) revenue!: number;
  @Column({ type: 'text', nullable: true }) currency!: string | null;
  @Column({ name: 'converted_at', type: 'timestamptz' }) convertedAt!: Date;
}
