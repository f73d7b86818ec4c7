import type { Reply } from './http.js';
import type { FaultRule } from './types.js';

/*
 * Faults a test arms against the APIs (a status, a body that breaks the schema, an error page,
 * latency, Retry-After), because the connector's error handling must be proved against a
 * ProAbono that misbehaves, and the real one cannot be made to on demand.
 */

interface ActiveRule {
  rule: FaultRule;
  remaining: number;
  matchesPath: (path: string) => boolean;
}

const pathMatcher = (rule: FaultRule): ((path: string) => boolean) => {
  if (rule.pathRegex !== undefined) {
    const pattern = new RegExp(rule.pathRegex, 'i');
    return (path) => pattern.test(path);
  }
  const { path } = rule;
  if (path instanceof RegExp) return (candidate) => path.test(candidate);
  if (typeof path === 'string') {
    const prefix = path.toLowerCase();
    return (candidate) => candidate.toLowerCase().startsWith(prefix);
  }
  return () => true;
};

/** Checks a rule before it is armed, so a typo fails the test that wrote it, not a later one. */
const validateFaultRule = (rule: FaultRule): string | undefined => {
  if (rule.status !== undefined && (!Number.isInteger(rule.status) || rule.status < 100)) {
    return `status must be an HTTP status code, got ${String(rule.status)}`;
  }
  if (rule.latencyMs !== undefined && !(rule.latencyMs >= 0)) {
    return `latencyMs must be a number of milliseconds >= 0, got ${String(rule.latencyMs)}`;
  }
  if (rule.times !== undefined && (Number.isNaN(rule.times) || rule.times === 0)) {
    return 'times must be a positive count, or Infinity / a negative number for "until cleared"';
  }
  if (rule.pathRegex !== undefined) {
    try {
      new RegExp(rule.pathRegex);
    } catch {
      return `pathRegex is not a valid regular expression: ${rule.pathRegex}`;
    }
  }
  return undefined;
};

/** Faults armed against the API Live and the Backoffice, consumed by the requests they match. */
export class FaultList {
  private rules: ActiveRule[] = [];

  add(rule: FaultRule): void {
    const problem = validateFaultRule(rule);
    if (problem) throw new Error(`Invalid fault rule: ${problem}`);
    const times = rule.times ?? 1;
    this.rules.push({
      rule,
      remaining: times < 0 ? Infinity : times,
      matchesPath: pathMatcher(rule),
    });
  }

  clear(): void {
    this.rules = [];
  }

  /** The first armed rule matching the request, counted as used. */
  take(method: string, path: string): FaultRule | undefined {
    const found = this.rules.find(
      (active) =>
        active.remaining > 0 &&
        (active.rule.method === undefined ||
          active.rule.method.toUpperCase() === method.toUpperCase()) &&
        active.matchesPath(path),
    );
    if (!found) return undefined;
    found.remaining -= 1;
    if (found.remaining <= 0) this.rules = this.rules.filter((active) => active !== found);
    return found.rule;
  }
}

const DEFAULT_ERROR_BODIES: Record<number, { Code: string; Message: string }> = {
  429: { Code: 'Error.Api.TooManyRequests', Message: 'Too many requests: slow down.' },
  500: { Code: 'Error.Api.Internal', Message: 'An unexpected error occurred.' },
  502: { Code: 'Error.Api.BadGateway', Message: 'The upstream server did not answer.' },
  503: { Code: 'Error.Api.Unavailable', Message: 'The service is temporarily unavailable.' },
};

/**
 * The answer a rule forces, or undefined when the rule only adds latency (the request is then
 * handled normally, with the rule's headers added).
 */
export const faultReply = (rule: FaultRule): Reply | undefined => {
  const headers: Record<string, string> = { ...rule.headers };
  if (rule.retryAfter !== undefined) headers['retry-after'] = String(rule.retryAfter);
  if (rule.rawBody !== undefined) {
    return { status: rule.status ?? 200, text: rule.rawBody, headers };
  }
  if (rule.json !== undefined) return { status: rule.status ?? 200, json: rule.json, headers };
  if (rule.status === undefined) return undefined;
  if (rule.status === 204) return { status: 204, headers };
  const body = DEFAULT_ERROR_BODIES[rule.status] ?? {
    Code: `Error.Api.Http${rule.status}`,
    Message: `Injected HTTP ${rule.status}.`,
  };
  return { status: rule.status, json: body, headers };
};
