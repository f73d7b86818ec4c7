import type { Bundle, ZObject } from 'zapier-platform-core';

import { userError, withoutCoreContext } from './api/errorFactories.js';

/*
 * No error leaves an operation with zapier-platform-core's "What happened" appendix: core adds the
 * step's whole bundle to any error not marked otherwise, and an instant trigger's bundle holds the
 * raw webhook request, whose `x-proabono-key` and `x-proabono-signature` together are a credential
 * for anyone who reads the task history. Every message the connector writes already says what
 * happened and what to do.
 */

/** Wraps an operation's function; a thrown value that is no `Error` becomes an `internal_error`. */
export const withCleanErrors =
  <B extends Bundle, R>(operation: (z: ZObject, bundle: B) => Promise<R>) =>
  async (z: ZObject, bundle: B): Promise<R> => {
    try {
      return await operation(z, bundle);
    } catch (error) {
      if (error instanceof Error) throw withoutCoreContext(error);
      throw userError(`Unexpected failure: ${String(error).slice(0, 200)}`, 'internal_error', {
        authData: bundle.authData,
      });
    }
  };
