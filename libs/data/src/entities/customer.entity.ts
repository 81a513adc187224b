import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A store's customer: identity and profile attributes (consent lives in customer_consents). */
@Entity({ name: 'customers' })
export class CustomerEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'external_id', type: 'text', nullable: true }) externalId!: string | null;
  @Column({ type: 'text', nullable: true }) email!: string | null;
  @Column({ type: 'text', nullable: true }) phone!: string | null;
  @Column({ name: 'first_name', type: 'text', nullable: true }) firstName!: string | null;
  @Column({ name: 'last_name', type: 'text', nullable: true }) lastName!: string | null;
  @Column({ type: 'text', nullable: true }) timezone!: string | null;
  @Column({ type: 'text', nullable: true }) locale!: string | null;
  @Column({ type: 'jsonb', default: {} }) attributes!: Record<string, unknown>;
  @Column({ name: 'loyalty_points', type: 'int', default: 0 }) loyaltyPoints!: number;
  @Column({ type: 'text', array: true, default: [] }) tags!: string[];
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
