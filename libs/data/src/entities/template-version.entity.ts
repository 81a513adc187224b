import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Channel } from '@waypoint/journey';

/** One saved version of a template: its locale variants as `{locale: source}`. Never changed. */
@Entity({ name: 'template_versions' })
export class TemplateVersionEntity {
  @PrimaryColumn({ type: 'text' }) channel!: Channel;
  @PrimaryColumn({ type: 'text' }) name!: string;
  @PrimaryColumn({ type: 'int' }) version!: number;
  /** Handlebars sources, front matter included, by locale. */
  @Column({ type: 'jsonb' }) variants!: Record<string, string>;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  /** Who saved it (an email or an API key's name); null for a snapshot of the shipped files. */
  @Column({ name: 'created_by', type: 'text', nullable: true }) createdBy!: string | null;
  /** A snapshot of the shipped files taken at publish, not a person's save. */
  @Column({ type: 'boolean', default: false }) shipped!: boolean;
}
