import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type AuditActorType = 'user' | 'api_key' | 'system';

/** One thing staff (or a key, or the system) did: who, what, to which target, and why. */
@Entity({ name: 'audit_log' })
export class AuditLogEntity {
  /** bigserial: PostgreSQL's bigint arrives as a string. */
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id!: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) at!: Date;
  @Column({ name: 'actor_type', type: 'text' }) actorType!: AuditActorType;
  @Column({ name: 'actor_id', type: 'uuid', nullable: true }) actorId!: string | null;
  @Column({ name: 'actor_label', type: 'text' }) actorLabel!: string;
  @Column({ type: 'text' }) action!: string;
  @Column({ name: 'target_type', type: 'text' }) targetType!: string;
  @Column({ name: 'target_id', type: 'text' }) targetId!: string;
  @Column({ type: 'text', nullable: true }) reason!: string | null;
  @Column({ type: 'jsonb', default: {} }) detail!: Record<string, unknown>;
}
