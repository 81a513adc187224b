/** The HTTP API: storefront webhooks, the journey API, runs, the outbox, health. */
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigurationError, loadEnvironment } from '@waypoint/config';
import { createApp } from './create-app';

async function bootstrap(): Promise<void> {
  const env = loadEnvironment();
  const app = await createApp({ trustProxy: env.TRUST_PROXY });
  await app.listen(env.PORT, '0.0.0.0');
  new Logger('Api').log(`listening on http://127.0.0.1:${env.PORT}`);
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof ConfigurationError ? error.message : error);
  process.exit(1);
});
