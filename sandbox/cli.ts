import { parseArgs } from 'node:util';

import { PROFILE_ENV, PROFILE_NAMES, readProfile, startSandbox } from './index.js';

/*
 * `npm run sandbox`: the sandbox alone, seeded, on a fixed port, until Ctrl-C. It prints what a
 * developer needs to point `npx zapier-platform invoke` (or curl) at it.
 */

const DEFAULT_PORT = 8787;

const usage = `Usage: npm run sandbox -- [--port N] [--no-seed] [--profile NAME]
  --port N          listen on 127.0.0.1:N (default ${DEFAULT_PORT}, or SANDBOX_PORT)
  --no-seed         start with no customers
  --profile NAME    ${PROFILE_NAMES.join(' or ')} (default generous, or ${PROFILE_ENV}): how it
                    plays what ProAbono does not document (docs/assumptions.md)`;

const readPort = (raw: string | undefined): number => {
  if (raw === undefined || raw === '') return DEFAULT_PORT;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`The port must be an integer from 0 to 65535, got "${raw}".`);
  }
  return port;
};

const main = async () => {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      'no-seed': { type: 'boolean', default: false },
      profile: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  const port = readPort(values.port ?? process.env.SANDBOX_PORT);
  const profile =
    values.profile !== undefined
      ? readProfile(values.profile, '--profile')
      : readProfile(process.env[PROFILE_ENV], PROFILE_ENV);
  const sandbox = await startSandbox({ port, seed: !values['no-seed'], profile });
  const { authData, env, url } = sandbox;
  const customers = sandbox.customers.list();

  console.log(`ProAbono sandbox listening on ${url} (profile: ${sandbox.profile})

  API Live     ${env.PROABONO_LIVE_URL}/v1    try: GET /v1/Customers
  Backoffice   ${env.PROABONO_BACKOFFICE_URL}
  Admin        ${url}/_admin    no authentication, loopback only

Credentials
  Business ID           ${authData.businessId}
  Agent Key             ${authData.agentKey}
  API Key               ${authData.apiKey}
  Webhook Security Key  ${authData.webhookSecret}

Customers: ${customers.length === 0 ? 'none' : customers.map((c) => c.ReferenceCustomer).join(', ')}

.env lines for \`npx zapier-platform invoke\` (after \`npm run build\`):
authData_businessId=${authData.businessId}
authData_agentKey=${authData.agentKey}
authData_apiKey=${authData.apiKey}
authData_webhookSecret=${authData.webhookSecret}
PROABONO_LIVE_URL=${env.PROABONO_LIVE_URL}
PROABONO_BACKOFFICE_URL=${env.PROABONO_BACKOFFICE_URL}

In the shell that runs the CLI (it reads this before .env, where it has no effect):
export DISABLE_ZAPIER_ANALYTICS=1

Press Ctrl-C to stop.`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the sandbox.`);
    sandbox.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
};

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
