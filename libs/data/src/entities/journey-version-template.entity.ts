import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Channel } from '@waypoint/journey';

/** The template version a published journey version renders (pinned when it was published). */
@Entity({ name: 'journey_version_templates' })
export class JourneyVersionTemplateEntity {
  @PrimaryColumn({ name: 'journey_id', type: 'uuid' }) journeyId!: string;
  @PrimaryColumn({ name: 'journey_version', type: 'int' }) journeyVersion!: number;
  @PrimaryColumn({ type: 'text' }) channel!: Channel;
  @PrimaryColumn({ type: 'text' }) name!: string;
  @Column({ name: 'template_version', type: 'int' }) templateVersion!: number;
}
