import type { AfterResponseMiddleware, BeforeRequestMiddleware } from 'zapier-platform-core';

import packageJson from '../package.json' with { type: 'json' };
import { requestTimeoutMs } from './api/config.js';
import { contextOf, errorForResponse } from './api/responseErrors.js';
import { basicCredentials } from './api/redact.js';

/*
 * What every request to ProAbono needs, added in one place by zapier-platform-core's middleware:
 * credentials, JSON headers, the user agent and the timeout on the way out, and on the way back
 * the translation of an error status into the message the user reads (api/responseErrors.ts).
 */

const USER_AGENT = `ProAbono-for-Zapier/${packageJson.version}`;

/** HTTP Basic on both ProAbono APIs: the Agent Key is the user, the API Key the password. */
const addBasicAuth: BeforeRequestMiddleware = (request, _z, bundle) => {
  const token = basicCredentials(bundle.authData);
  if (token !== undefined) {
    request.headers = { ...request.headers, authorization: `Basic ${token}` };
  }
  return request;
};

const addJsonHeaders: BeforeRequestMiddleware = (request) => {
  // Lower-case names: core adds its own `user-agent`, and two spellings would be sent joined.
  request.headers = {
    ...request.headers,
    accept: 'application/json',
    ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
    'user-agent': USER_AGENT,
  };
  return request;
};

/** Answer before Zapier's 30-second limit, so the user reads our message rather than a kill. */
const addTimeout: BeforeRequestMiddleware = (request) => {
  request.timeout ??= requestTimeoutMs();
  return request;
};

/**
 * Every redirect (requests never follow one) and every status >= 400 the caller did not declare
 * it handles becomes the error the user reads.
 */
const throwForProAbonoError: AfterResponseMiddleware = (response, _z, bundle) => {
  if (response.status < 300) return response;
  const context = contextOf(response);
  if (context.accept?.includes(response.status)) return response;
  throw errorForResponse(response, context, bundle.authData);
};

export const befores = [addBasicAuth, addJsonHeaders, addTimeout];
export const afters = [throwForProAbonoError];
