import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Commissioned tasks in their default order (plan year, newest first, then title in Vietnamese order):
 * without an index every page sorted all visible tasks by an ICU collation, about 100 ms per page for
 * a ministry user at scale L (tests/bench Q3); with it a page reads its rows in order. Not led by
 * province_id: a province's own tasks are few enough to sort, and a ministry user's read filters by
 * function, which an index led by province_id cannot serve.
 */
export class CommissioningListOrder1764300010000 implements MigrationInterface {
  name = 'CommissioningListOrder1764300010000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX commissioning_requests_list_order_idx
      ON commissioning_requests (year DESC NULLS LAST, title COLLATE "vi-VN-x-icu", id) WHERE deleted_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX commissioning_requests_list_order_idx`);
  }
}
