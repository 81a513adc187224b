import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Channel } from '@waypoint/journey';

/** A template saved through the API; it overrides the shipped file of the same channel and name. */
@Entity({ name: 'templates' })
export class TemplateEntity {
  @PrimaryColumn({ type: 'text' }) channel!: Channel;
  @PrimaryColumn({ type: 'text' }) name!: string;
  /** Handlebars source, front matter included. */
  @Column({ type: 'text' }) source!: string;
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
}
