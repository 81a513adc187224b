import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from '@waypoint/journey';

/** A person who signs in, with one role; a disabled person keeps their row (the audit log names them). */
@Entity({ name: 'users' })
export class UserEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) email!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text' }) role!: Role;
  @Column({ name: 'password_hash', type: 'text' }) passwordHash!: string;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  /** Their own phone (E.164) for test sends. */
  @Column({ type: 'text', nullable: true }) phone!: string | null;
  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true }) disabledAt!: Date | null;
}
