import { parseArgs } from 'node:util';

/*
 * `npm start`: the connector end to end against the local sandbox (the runner in ./runStart.ts,
 * the steps in ./steps.ts). The process ends by itself once everything is closed: a hang here
 * means something was left running.
 */

// zapier-platform-core decides when it is loaded whether it runs under test: then its output
// checks throw (as `zapier-platform invoke` does) and it does not print Lambda memory figures
// after every call. That is the mode wanted here, so it is set before core is first imported.
process.env.NODE_ENV = 'test';
const { PROFILE_ENV, readProfile } = await import('../sandbox/index.js');
const { default: App } = await import('../index.js');
const { runStart } = await import('./runStart.js');

// `npm start -- --profile documented` plays ProAbono's undocumented behaviours the least
// convenient way (docs/assumptions.md); without the flag, PROABONO_SANDBOX_PROFILE decides.
const { values } = parseArgs({ options: { profile: { type: 'string' } } });
let profile;
try {
  profile =
    values.profile === undefined
      ? readProfile(process.env[PROFILE_ENV], PROFILE_ENV)
      : readProfile(values.profile, '--profile');
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
}

process.exitCode = await runStart({ app: App, sandbox: { profile } });
