import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** The link a token in a sent message stands for (docs/product.md, "Tracked links"). */
@Entity({ name: 'tracked_links' })
export class TrackedLinkEntity {
  @PrimaryColumn({ type: 'text' }) token!: string;
  @Column({ name: 'run_id', type: 'uuid' }) runId!: string;
  @Column({ name: 'node_id', type: 'text' }) nodeId!: string;
  @Column({ name: 'customer_id', type: 'uuid' }) customerId!: string;
  @Column({ type: 'text' }) url!: string;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}

/** One request to a tracked link: a person's click, or a scanner's prefetch (HEAD, known agents). */
@Entity({ name: 'link_clicks' })
export class LinkClickEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) token!: string;
  @Column({ type: 'boolean' }) prefetch!: boolean;
  @Column({ name: 'user_agent', type: 'text', nullable: true }) userAgent!: string | null;
  /** The `message.clicked` event a click became; null for a prefetch. */
  @Column({ name: 'event_id', type: 'uuid', nullable: true }) eventId!: string | null;
  @Column({ name: 'clicked_at', type: 'timestamptz', default: () => 'now()' }) clickedAt!: Date;
}
