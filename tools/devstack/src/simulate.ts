/**
 * `npm run simulate -- --customers 200 --months 6`: sends a simulated store's Shopify traffic to a
 * running API (default http://localhost:3000) signed with SHOPIFY_WEBHOOK_SECRET. Bounded: it sends
 * exactly the deliveries it generated, then stops.
 */
import { sendDeliveries, simulateStore } from './storefront-simulator';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

async function main(): Promise<void> {
  const secret = process.env.SHOPIFY_WEBHOOK_SECRET;
  if (!secret) {
    console.error('SHOPIFY_WEBHOOK_SECRET is not set: use the same value the API was started with.');
    process.exit(2);
  }
  const customers = Number(arg('customers', '100'));
  const months = Number(arg('months', '6'));
  const url = arg('url', process.env.API_URL ?? `http://localhost:${process.env.PORT ?? 3000}`);
  if (
    !Number.isInteger(customers) ||
    customers < 1 ||
    customers > 1_000_000 ||
    !(months > 0 && months <= 60)
  ) {
    console.error('--customers must be 1..1000000 and --months 1..60');
    process.exit(2);
  }
  const deliveries = simulateStore({ customers, months, seed: Number(arg('seed', '42')), now: new Date() });
  const counts = deliveries.reduce<Record<string, number>>(
    (acc, d) => ({ ...acc, [d.topic]: (acc[d.topic] ?? 0) + 1 }),
    {},
  );
  console.log(
    `simulating ${customers} customers over ${months} months: ${deliveries.length} deliveries ${JSON.stringify(counts)} → ${url}`,
  );
  const started = Date.now();
  const statuses = await sendDeliveries(
    deliveries,
    { url, secret, concurrency: Number(arg('concurrency', '8')) },
    (n) => console.log(`  ${n}/${deliveries.length} sent`),
  );
  const seconds = (Date.now() - started) / 1000;
  console.log(
    `done in ${seconds.toFixed(1)} s (${(deliveries.length / seconds).toFixed(0)} deliveries/s); answers by status: ${JSON.stringify(statuses)}`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
