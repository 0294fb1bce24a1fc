/**
 * `npm start`: the CRM on the local Apps Script runtime at http://localhost:$PORT (default 8080),
 * on `.crm/demo.xlsx` (generated demo data on the first run, reloaded afterwards).
 * Environment: PORT, CRM_WORKBOOK (path), CRM_DEMO_CUSTOMERS (first run), CRM_LOCALE (first run).
 */
import { startDevServer } from '../devserver/server';

function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number, got ${raw}`);
  return n;
}

async function main(): Promise<void> {
  const started = Date.now();
  const server = await startDevServer({
    port: intFromEnv('PORT', 8080),
    workbookPath: process.env.CRM_WORKBOOK || '.crm/demo.xlsx',
    demoCustomers: intFromEnv('CRM_DEMO_CUSTOMERS', 300),
    locale: process.env.CRM_LOCALE || 'zh_CN',
  });
  console.log(
    `sheets-crm is running at ${server.url}  (workbook ${server.session.state().file}, ready in ${Date.now() - started} ms; Ctrl+C to stop)`,
  );
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: saving the workbook and stopping…`);
    server.close().then(
      () => process.exit(0),
      (e: unknown) => {
        console.error(e);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
