import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Condition } from '@waypoint/journey';

/** A saved condition over customers; shipped presets carry a `key` (`big-spenders`). */
@Entity({ name: 'segments' })
export class SegmentEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text', nullable: true }) key!: string | null;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text', nullable: true }) description!: string | null;
  @Column({ type: 'jsonb' }) condition!: Condition;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
}
