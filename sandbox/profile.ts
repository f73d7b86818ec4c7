/*
 * What the sandbox does where ProAbono documents nothing. Each such behaviour is one named switch,
 * read by the route (or the delivery engine) that decides it, so the connector can be run against
 * each way ProAbono might turn out. Two profiles set them all at once: `generous`, the sandbox's
 * long-standing guesses (the convenient way for a client), and `documented`, where each
 * undocumented behaviour takes its least convenient plausible alternative. docs/assumptions.md
 * gives the source (or the lack of one) behind each switch.
 */

export const PROFILE_NAMES = ['generous', 'documented'] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];

/** The environment variable that picks the profile of the test fixture, `npm start` and the bench. */
export const PROFILE_ENV = 'PROABONO_SANDBOX_PROFILE';

export interface Behaviour {
  /** `GET /Notification/Webhooks` lists the webhooks; otherwise that route is absent (404). */
  webhookList: boolean;
  /** `GET /Organization/Segments` lists the segments; otherwise that route is absent (404). */
  segmentList: boolean;
  /**
   * A customer whose billing address was never written reads as eleven `null`s; otherwise
   * `GET /v1/CustomerAddressBilling` answers 204 with no body until the first write.
   */
  unsetAddressReadsAsNulls: boolean;
  /**
   * The value that clears an address field in an update; the other one of `""` and `null`
   * leaves the field unchanged.
   */
  addressClearValue: '' | null;
  /** `RewindEvents` lists the newest event first; otherwise the oldest (ascending DateTrigger). */
  historyNewestFirst: boolean;
  /** `GET /v1/Customers` without `ReferenceSegment` lists every segment; otherwise the default one. */
  customersListAllSegments: boolean;
  /** `x-proabono-key` is new for each delivery; otherwise one key per webhook, made at creation. */
  keyPerDelivery: boolean;
  /** A 410 from the receiver stops the retries; otherwise every non-2xx answer is retried. */
  goneStopsRetries: boolean;
  /**
   * An address write that changes nothing stored still notifies and bumps the customer's
   * `DateUpdate`; otherwise it does neither.
   */
  noOpWriteNotifies: boolean;
  /**
   * API Live errors carry the sandbox's own `Code`s; otherwise only documented codes appear
   * (`Error.Api.Customer.Unaccessible`) and every other error has `Message` (and `Target`) only.
   */
  inventedErrorCodes: boolean;
  /** The longest value an address field takes (a 422 beyond); `null` for no limit. */
  addressFieldMaxLength: number | null;
  /** Backoffice `Distribution/Customers` items carry `ReferenceSegment` beside `IdSegment`. */
  backofficeCustomerReferenceSegment: boolean;
  /** The verification POST carries `IdWebhook` beside `Code`. */
  verificationIdWebhook: boolean;
  /**
   * Registering a webhook takes the event codes ProAbono's n8n node sends where they differ from
   * its webhook guide's (`InvoiceDebitPaymentAutoRequestedAuto` for `…RequestedAuth`), as the same
   * event; otherwise only the guide's codes are known (a 422 for the other).
   */
  acceptsN8nEventCodes: boolean;
}

export const PROFILES: Readonly<Record<ProfileName, Readonly<Behaviour>>> = {
  generous: {
    webhookList: true,
    segmentList: true,
    unsetAddressReadsAsNulls: true,
    addressClearValue: '',
    historyNewestFirst: true,
    customersListAllSegments: true,
    keyPerDelivery: true,
    goneStopsRetries: true,
    noOpWriteNotifies: true,
    inventedErrorCodes: true,
    // ProAbono documents no maximum; a database column would have one.
    addressFieldMaxLength: 255,
    backofficeCustomerReferenceSegment: true,
    verificationIdWebhook: true,
    acceptsN8nEventCodes: true,
  },
  documented: {
    webhookList: false,
    segmentList: false,
    unsetAddressReadsAsNulls: false,
    addressClearValue: null,
    historyNewestFirst: false,
    customersListAllSegments: false,
    keyPerDelivery: false,
    goneStopsRetries: false,
    noOpWriteNotifies: false,
    inventedErrorCodes: false,
    addressFieldMaxLength: null,
    backofficeCustomerReferenceSegment: false,
    verificationIdWebhook: false,
    acceptsN8nEventCodes: false,
  },
};

export const isProfileName = (value: unknown): value is ProfileName =>
  typeof value === 'string' && (PROFILE_NAMES as readonly string[]).includes(value);

/** A profile's behaviours with some switched individually. */
export const behaviourOf = (
  profile: ProfileName,
  overrides: Partial<Behaviour> = {},
): Behaviour => ({
  ...PROFILES[profile],
  ...overrides,
});

const fitsSwitch = (key: keyof Behaviour, value: unknown): boolean => {
  if (key === 'addressClearValue') return value === '' || value === null;
  if (key === 'addressFieldMaxLength') {
    return value === null || (typeof value === 'number' && Number.isInteger(value) && value > 0);
  }
  return typeof value === 'boolean';
};

/** Single switches sent as JSON (`/_admin/settings`), checked against the ones that exist. */
export const readBehaviour = (value: unknown): Partial<Behaviour> => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error('behaviour must be an object of switches');
  }
  const known = Object.keys(PROFILES.generous) as (keyof Behaviour)[];
  for (const [key, setting] of Object.entries(value)) {
    const name = known.find((candidate) => candidate === key);
    if (name === undefined) {
      throw new Error(`behaviour has no switch "${key}"; the switches are ${known.join(', ')}`);
    }
    if (!fitsSwitch(name, setting)) {
      throw new Error(`behaviour.${key} cannot be ${JSON.stringify(setting)}`);
    }
  }
  return value;
};

/**
 * The profile a name asks for: `generous` when there is none, an error naming `source` and the
 * accepted names when it is not one of them (a typo must not silently run the other profile).
 */
export const readProfile = (raw: string | undefined, source: string): ProfileName => {
  const name = raw?.trim() ?? '';
  if (name === '') return 'generous';
  if (isProfileName(name)) return name;
  throw new Error(
    `${source} must be one of ${PROFILE_NAMES.map((known) => `"${known}"`).join(', ')}, got "${raw ?? ''}".`,
  );
};

/** The profile `PROABONO_SANDBOX_PROFILE` names (`generous` when unset). */
export const profileFromEnv = (env: NodeJS.ProcessEnv = process.env): ProfileName =>
  readProfile(env[PROFILE_ENV], PROFILE_ENV);
