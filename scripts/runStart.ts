import zapier from 'zapier-platform-core';

import { profileFromEnv, startSandbox } from '../sandbox/index.js';
import type { Sandbox, SandboxOptions } from '../sandbox/index.js';
import { setEnv } from '../sandbox/zapier/zapierHarness.js';
import type { AppTester } from '../sandbox/zapier/zapierHarness.js';
import { Printer, flushZapLog, messageOf } from './output.js';
import type { StepOutput } from './output.js';
import { steps } from './steps.js';

/*
 * Runs `npm start`'s steps (steps.ts) against a sandbox of their own, as a test can too: it
 * points the app at the sandbox, prints a numbered section per step, counts the steps that
 * fail without stopping at them, and leaves nothing running or changed once it is done.
 */

/** What every step is given. */
export interface Context extends StepOutput {
  sandbox: Sandbox;
  app: object;
  appTester: AppTester;
  authData: Record<string, string>;
  /** The connection test's result, for the label step. */
  connection?: Record<string, unknown>;
}

export interface Step {
  title: string;
  run: (context: Context) => Promise<void>;
}

export interface StartOptions {
  app: object;
  /** Where the sections are printed (default: console.log). */
  write?: (text: string) => void;
  /** Its `profile` defaults to PROABONO_SANDBOX_PROFILE's, else `generous`. */
  sandbox?: SandboxOptions;
}

/**
 * Starts a seeded sandbox, points the app at it, runs every step and closes everything.
 * Resolves with the exit code: 0 when no step failed.
 */
export const runStart = async (options: StartOptions): Promise<number> => {
  const consoleLog = console.log;
  const out = new Printer(options.write ?? ((text) => consoleLog(text)));
  const sandbox = await startSandbox({
    delivery: { baseDelayMs: 20 },
    ...options.sandbox,
    profile: options.sandbox?.profile ?? profileFromEnv(),
  });
  const restoreEnv = setEnv(sandbox.env);
  const context: Context = {
    out,
    sandbox,
    app: options.app,
    appTester: zapier.createAppTester(options.app),
    authData: { ...sandbox.authData },
    zapLog: [],
  };
  // The app's z.console lines are held back and shown where they belong (see StepOutput.zapLog).
  console.log = (...args: unknown[]) => {
    context.zapLog.push(
      ...args
        .map(String)
        .join(' ')
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== ''),
    );
  };
  let failures = 0;
  try {
    out.line(`Sandbox profile: ${sandbox.profile}`);
    for (const [index, step] of steps.entries()) {
      out.line();
      out.line(`── ${index + 1}. ${step.title} ${'─'.repeat(Math.max(3, 60 - step.title.length))}`);
      try {
        await step.run(context);
      } catch (error) {
        failures += 1;
        out.field('FAILED', messageOf(error));
      }
      flushZapLog(context);
    }
  } finally {
    console.log = consoleLog;
    await sandbox.close();
    restoreEnv();
  }
  out.line();
  out.line(
    failures === 0
      ? 'Done: every available step passed. The sandbox is closed.'
      : `Done with ${failures} failed step(s). The sandbox is closed.`,
  );
  return failures === 0 ? 0 : 1;
};
