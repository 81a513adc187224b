import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The one connected Shopify store: its domain, sealed credentials and what it told us about itself. */
@Entity({ name: 'store_connection' })
export class StoreConnectionEntity {
  /** Always true: there is one row at most. */
  @PrimaryColumn({ type: 'boolean', default: true }) id!: boolean;
  @Column({ type: 'text' }) shop!: string;
  /** The Admin API token sealed with APP_SECRET (AES-256-GCM); never answered by the API. */
  @Column({ name: 'admin_token_sealed', type: 'text' }) adminTokenSealed!: string;
  @Column({ name: 'webhook_secret_sealed', type: 'text', nullable: true }) webhookSecretSealed!:
    string | null;
  @Column({ name: 'api_version', type: 'text' }) apiVersion!: string;
  @Column({ name: 'shop_name', type: 'text', nullable: true }) shopName!: string | null;
  @Column({ type: 'text', nullable: true }) currency!: string | null;
  @Column({ type: 'text', nullable: true }) timezone!: string | null;
  @Column({ type: 'text', nullable: true }) locale!: string | null;
  /** The webhook subscriptions registered on connect, with their state. */
  @Column({ type: 'jsonb', default: () => "'[]'" }) webhooks!: Array<{ topic: string; state: string }>;
  @Column({ name: 'connected_by', type: 'text', nullable: true }) connectedBy!: string | null;
  @Column({ name: 'connected_at', type: 'timestamptz', default: () => 'now()' }) connectedAt!: Date;
  @Column({ name: 'checked_at', type: 'timestamptz', nullable: true }) checkedAt!: Date | null;
}
