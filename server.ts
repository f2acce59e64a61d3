import { EnvError } from './app/utils/env.server.ts';
import { startPortal } from './server/portal.ts';

try {
  const portal = await startPortal();
  const shutdown = (signal: string) => {
    portal.services.logger.info({ signal }, 'shutting down');
    portal
      .close()
      .then(() => process.exit(0))
      .catch((error) => {
        portal.services.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
} catch (error) {
  if (error instanceof EnvError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`The portal could not start: ${error instanceof Error ? error.stack : String(error)}\n`);
  }
  process.exit(1);
}
