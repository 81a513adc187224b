import { Entity, PrimaryColumn } from 'typeorm';

/** A customer a history import stored something for: the recompute at the end of the run reads these. */
@Entity({ name: 'store_import_customers' })
export class StoreImportCustomerEntity {
  @PrimaryColumn({ name: 'run_id', type: 'uuid' }) runId!: string;
  @PrimaryColumn({ name: 'customer_id', type: 'uuid' }) customerId!: string;
}
