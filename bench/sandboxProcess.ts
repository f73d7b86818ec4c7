import { profileFromEnv, startSandbox } from '../sandbox/index.js';

/*
 * The benchmark's sandbox, in a process of its own so that its CPU work (routing, paging through
 * 10,000 events, sending webhooks) never shares an event loop with the app being measured. It
 * prints one JSON line (URL, env overrides, credentials), then runs until its stdin closes (the
 * benchmark ended, or died) or it receives SIGTERM. PROABONO_SANDBOX_PROFILE picks its profile.
 */

const sandbox = await startSandbox({ delivery: { baseDelayMs: 20 }, profile: profileFromEnv() });
process.stdout.write(
  `${JSON.stringify({ url: sandbox.url, env: sandbox.env, authData: sandbox.authData })}\n`,
);

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  sandbox.close().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
};
process.stdin.on('end', stop);
process.stdin.on('error', stop);
process.stdin.resume();
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
