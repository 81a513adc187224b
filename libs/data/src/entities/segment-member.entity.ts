import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A customer currently in a segment, and since when. The daily refresh adds newcomers (each gets a
 * `segment.entered` event) and removes those who left, so a later return counts as a new entry.
 */
@Entity({ name: 'segment_members' })
export class SegmentMemberEntity {
  @PrimaryColumn({ name: 'segment_id', type: 'uuid' }) segmentId!: string;
  @PrimaryColumn({ name: 'customer_id', type: 'uuid' }) customerId!: string;
  @Column({ name: 'entered_at', type: 'timestamptz', default: () => 'now()' }) enteredAt!: Date;
}
