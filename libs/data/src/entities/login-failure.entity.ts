import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A failed sign-in, counted per email and per address by the sign-in rate limit. */
@Entity({ name: 'login_failures' })
export class LoginFailureEntity {
  /** bigserial: PostgreSQL's bigint arrives as a string. */
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id!: string;
  @Column({ type: 'text' }) email!: string;
  @Column({ type: 'text' }) ip!: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) at!: Date;
}
