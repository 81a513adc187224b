import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Customers, events (with the routing outbox), journeys and versions, runs, steps, messages, coupons. */
export class CreateCoreSchema1764000000000 implements MigrationInterface {
  name = 'CreateCoreSchema1764000000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE customers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        external_id text,
        email text,
        phone text,
        first_name text,
        last_name text,
        timezone text,
        locale text,
        attributes jsonb NOT NULL DEFAULT '{}',
        email_opted_out_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX customers_external_id_key ON customers (external_id)`);
    await q.query(`CREATE INDEX customers_email_idx ON customers (lower(email))`);
    await q.query(`CREATE INDEX customers_phone_idx ON customers (phone)`);

    await q.query(`
      CREATE TABLE events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        idempotency_key text NOT NULL,
        type text NOT NULL,
        customer_id uuid NOT NULL REFERENCES customers (id),
        source text NOT NULL,
        properties jsonb NOT NULL DEFAULT '{}',
        occurred_at timestamptz NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        routed_at timestamptz
      )`);
    await q.query(`CREATE UNIQUE INDEX events_idempotency_key_key ON events (idempotency_key)`);
    await q.query(`CREATE INDEX events_customer_occurred_idx ON events (customer_id, occurred_at DESC)`);
    // The routing outbox: only unrouted rows are indexed, so the sweep stays cheap at any volume.
    await q.query(`CREATE INDEX events_unrouted_idx ON events (received_at) WHERE routed_at IS NULL`);

    await q.query(`
      CREATE TABLE journeys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        status text NOT NULL CHECK (status IN ('draft', 'live', 'paused', 'archived')),
        draft jsonb NOT NULL,
        published_version int,
        seed_key text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX journeys_seed_key_key ON journeys (seed_key)`);

    await q.query(`
      CREATE TABLE journey_versions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        journey_id uuid NOT NULL REFERENCES journeys (id),
        version int NOT NULL,
        definition jsonb NOT NULL,
        published_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (journey_id, version)
      )`);

    await q.query(`
      CREATE TABLE runs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        journey_id uuid NOT NULL REFERENCES journeys (id),
        journey_version int NOT NULL,
        customer_id uuid NOT NULL REFERENCES customers (id),
        trigger_event_id uuid REFERENCES events (id),
        entry_key text NOT NULL,
        workflow_id text NOT NULL UNIQUE,
        status text NOT NULL CHECK (status IN ('running', 'completed', 'exited', 'cancelled', 'failed')),
        status_reason text,
        current_node_id text,
        started_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        FOREIGN KEY (journey_id, journey_version) REFERENCES journey_versions (journey_id, version)
      )`);
    // One run per journey and triggering event: routing an event twice never starts a second run.
    await q.query(`CREATE UNIQUE INDEX runs_journey_trigger_key ON runs (journey_id, trigger_event_id)`);
    await q.query(`CREATE INDEX runs_customer_started_idx ON runs (customer_id, started_at DESC)`);
    await q.query(`CREATE INDEX runs_active_idx ON runs (journey_id, customer_id) WHERE status = 'running'`);

    await q.query(`
      CREATE TABLE messages (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        run_id uuid NOT NULL REFERENCES runs (id),
        node_id text NOT NULL,
        visit int NOT NULL,
        customer_id uuid NOT NULL REFERENCES customers (id),
        channel text NOT NULL CHECK (channel IN ('email', 'sms', 'whatsapp')),
        template text NOT NULL,
        to_address text NOT NULL,
        from_address text,
        subject text,
        body_html text,
        body_text text,
        headers jsonb NOT NULL DEFAULT '{}',
        status text NOT NULL CHECK (status IN ('sending', 'sent', 'sandboxed', 'failed', 'unconfirmed')),
        provider text NOT NULL,
        provider_message_id text,
        provider_request jsonb,
        error text,
        attempts int NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        UNIQUE (run_id, node_id, visit)
      )`);
    await q.query(`CREATE INDEX messages_customer_created_idx ON messages (customer_id, created_at DESC)`);
    await q.query(`CREATE INDEX messages_provider_created_idx ON messages (provider, created_at DESC)`);

    await q.query(`
      CREATE TABLE run_steps (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        run_id uuid NOT NULL REFERENCES runs (id),
        node_id text NOT NULL,
        node_type text NOT NULL,
        visit int NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('completed', 'waiting', 'skipped', 'failed')),
        entered_at timestamptz NOT NULL,
        finished_at timestamptz,
        branch text,
        reason text,
        wake_at timestamptz,
        message_id uuid REFERENCES messages (id),
        detail jsonb NOT NULL DEFAULT '{}',
        UNIQUE (run_id, node_id, visit)
      )`);

    await q.query(`
      CREATE TABLE coupons (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL UNIQUE,
        customer_id uuid NOT NULL REFERENCES customers (id),
        run_id uuid NOT NULL REFERENCES runs (id),
        node_id text NOT NULL,
        visit int NOT NULL,
        kind text NOT NULL CHECK (kind IN ('percent', 'fixed', 'free_shipping')),
        value numeric NOT NULL,
        expires_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (run_id, node_id, visit)
      )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'coupons',
      'run_steps',
      'messages',
      'runs',
      'journey_versions',
      'journeys',
      'events',
      'customers',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
