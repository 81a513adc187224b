import { Column, Entity, PrimaryColumn } from 'typeorm';
import { numericTransformer } from './numeric.transformer';

/** One journey's count of one metric on one day (store time zone), per node and reason where they apply. */
@Entity({ name: 'journey_result_days' })
export class JourneyResultDayEntity {
  @PrimaryColumn({ name: 'journey_id', type: 'uuid' }) journeyId!: string;
  @PrimaryColumn({ type: 'date' }) day!: string;
  @PrimaryColumn({ type: 'text' }) metric!: string;
  /** '' for the journey as a whole. */
  @PrimaryColumn({ name: 'node_id', type: 'text', default: '' }) nodeId!: string;
  /** '' unless the metric has reasons (exits). */
  @PrimaryColumn({ type: 'text', default: '' }) reason!: string;
  @Column({ type: 'int' }) n!: number;
  @Column({ type: 'numeric', default: 0, transformer: numericTransformer }) revenue!: number;
}

/** How far the rollup has counted, and in which time zone its days are cut. */
@Entity({ name: 'journey_result_watermark' })
export class JourneyResultWatermarkEntity {
  @PrimaryColumn({ type: 'int' }) id!: number;
  @Column({ name: 'rolled_up_to', type: 'timestamptz' }) rolledUpTo!: Date;
  @Column({ name: 'time_zone', type: 'text' }) timeZone!: string;
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
}
