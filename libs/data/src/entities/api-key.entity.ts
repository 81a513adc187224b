import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A key for the events API, stored as a hash; the prefix is shown so people can tell keys apart. */
@Entity({ name: 'api_keys' })
export class ApiKeyEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text' }) prefix!: string;
  @Column({ name: 'key_hash', type: 'text' }) keyHash!: string;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true }) lastUsedAt!: Date | null;
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true }) revokedAt!: Date | null;
  /** The person who made it; null when nobody signed in made it, or once that person is deleted. */
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy!: string | null;
}
