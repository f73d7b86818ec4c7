import type { CustomerBilling, SubscriptionCreation, SubscriptionFlags } from '../api/schemas.js';
import {
  BILLING_FIELD_LABELS,
  CUSTOMER_LABEL,
  SKIP_IF_SUBSCRIBED_LABEL,
} from '../fields/labels.js';
import { booleanInput } from './booleanInput.js';
import { customerRequired, validReference } from './customerInput.js';
import { optionalDate } from './dateInput.js';
import { invalidInput, optionalText } from './input.js';
import { quoted } from '../quoted.js';

/*
 * The billing steps' inputs, read and checked before any request: the customer and the offer
 * (references ProAbono would accept), yes/no options, dates, and the combinations ProAbono would
 * ignore or refuse. Every text reaches ProAbono as the user gave it, cleaned as every step cleans
 * text (input.ts).
 */

const labels = BILLING_FIELD_LABELS;

/** An optional customer or offer reference: blank is `undefined`, else one ProAbono accepts. */
const optionalReference = (value: unknown, label: string): string | undefined => {
  const reference = optionalText(value, label);
  return reference === undefined ? undefined : validReference(reference, label);
};

/** The customer a billing step acts on (the dropdown, or a mapped reference): required. */
const requiredCustomer = (value: unknown): string => {
  const reference = optionalReference(value, CUSTOMER_LABEL);
  if (reference === undefined) {
    throw customerRequired();
  }
  return reference;
};

interface SubscriptionRequest {
  body: SubscriptionCreation;
  flags: SubscriptionFlags;
  skipIfSubscribed: boolean;
}

/**
 * Create Subscription's input. Start Now defaults to yes (a subscription a Zap creates is meant
 * to run), Bill Now and Ensure Billable to no, Skip If Already Subscribed to yes; Bill Now
 * without Start Now is refused: ProAbono bills a subscription when it starts.
 */
export const toSubscriptionRequest = (inputData: Record<string, unknown>): SubscriptionRequest => {
  const ReferenceCustomer = requiredCustomer(inputData.ReferenceCustomer);
  const ReferenceOffer = optionalReference(inputData.ReferenceOffer, labels.ReferenceOffer);
  if (ReferenceOffer === undefined) {
    throw invalidInput(
      `${labels.ReferenceOffer} is required: pick the offer, or type or map its reference ` +
        '(such as starter-monthly).',
    );
  }
  const DateStart = optionalDate(inputData.DateStart, labels.DateStart, 'start');
  const flags: SubscriptionFlags = {
    TryStart: booleanInput(inputData.TryStart, labels.TryStart, true),
    BillNow: booleanInput(inputData.BillNow, labels.BillNow, false),
    EnsureBillable: booleanInput(inputData.EnsureBillable, labels.EnsureBillable, false),
  };
  if (flags.BillNow && !flags.TryStart) {
    throw invalidInput(
      `${labels.BillNow} is yes but ${labels.TryStart} is no: ProAbono bills a subscription when ` +
        `it starts, so nothing would be billed. Set ${labels.TryStart} to yes, or ` +
        `${labels.BillNow} to no.`,
    );
  }
  return {
    body: { ReferenceCustomer, ReferenceOffer, ...(DateStart === undefined ? {} : { DateStart }) },
    flags,
    skipIfSubscribed: booleanInput(inputData.skip_if_subscribed, SKIP_IF_SUBSCRIBED_LABEL, true),
  };
};

/** Find Subscription's input: the customer, and the offer when given. */
export const toSubscriptionLookup = (
  inputData: Record<string, unknown>,
): { customer: string; offer?: string } => {
  const customer = requiredCustomer(inputData.ReferenceCustomer);
  const offer = optionalReference(inputData.ReferenceOffer, labels.ReferenceOffer);
  return { customer, ...(offer === undefined ? {} : { offer }) };
};

/**
 * The longest Invoice Number taken. ProAbono documents no limit, but its full numbers are a
 * prefix, the segment's number and a counter (S-69.00000042): a longer text is another field
 * mapped by mistake, and as a URL query it could exceed what a web server takes and fail as if
 * ProAbono were unreachable.
 */
const FULL_NUMBER_MAX_LENGTH = 100;

/** Find Invoice's input: the full number, as typed, and the customer when given. */
export const toInvoiceLookup = (
  inputData: Record<string, unknown>,
): { fullNumber: string; customer?: string } => {
  const fullNumber = optionalText(inputData.FullNumber, labels.FullNumber);
  if (fullNumber === undefined) {
    throw invalidInput(
      `${labels.FullNumber} is required: enter the invoice's full number as it is printed on ` +
        'the invoice, such as S-69.00000042.',
    );
  }
  if (fullNumber.length > FULL_NUMBER_MAX_LENGTH) {
    throw invalidInput(
      `${labels.FullNumber} ${quoted(fullNumber)} is too long for an invoice number (at most ` +
        `${FULL_NUMBER_MAX_LENGTH} characters here; they look like S-69.00000042). Check what is ` +
        `mapped to ${labels.FullNumber}.`,
    );
  }
  const customer = optionalReference(inputData.ReferenceCustomer, CUSTOMER_LABEL);
  return { fullNumber, ...(customer === undefined ? {} : { customer }) };
};

/**
 * Bill Customer's body. The options ProAbono documents are sent every time, yes or no, so the
 * request says exactly what the step asked for; an empty range (Start Date after End Date) is
 * refused.
 */
export const toCustomerBilling = (inputData: Record<string, unknown>): CustomerBilling => {
  const ReferenceCustomer = requiredCustomer(inputData.ReferenceCustomer);
  const NoteLocalized = optionalText(inputData.NoteLocalized, labels.NoteLocalized);
  const DateStart = optionalDate(inputData.DateStart, labels.DateStart, 'start');
  const DateEnd = optionalDate(inputData.DateEnd, labels.DateEnd, 'end');
  if (DateStart !== undefined && DateEnd !== undefined && DateStart > DateEnd) {
    throw invalidInput(
      `${labels.DateStart} (${DateStart}) is after ${labels.DateEnd} (${DateEnd}): no balance ` +
        'line can be in between. Swap them, or leave one blank.',
    );
  }
  return {
    ReferenceCustomer,
    ...(NoteLocalized === undefined ? {} : { NoteLocalized }),
    EnsureBillable: booleanInput(inputData.EnsureBillable, labels.EnsureBillable, false),
    ForceOffline: booleanInput(inputData.ForceOffline, labels.ForceOffline, false),
    ...(DateStart === undefined ? {} : { DateStart }),
    ...(DateEnd === undefined ? {} : { DateEnd }),
  };
};

/**
 * The customer the offer dropdown lists offers for: the step's Customer when it names one. Zapier
 * hands the step's input to a dropdown as it stands, where a value mapped from an earlier step is
 * still its `{{…}}` placeholder, and a dropdown must not fail over a field filled in wrong:
 * anything but a usable reference gives `undefined` (the offers of every segment).
 */
export const dropdownCustomer = (inputData: Record<string, unknown>): string | undefined => {
  try {
    const reference = optionalReference(inputData.ReferenceCustomer, CUSTOMER_LABEL);
    return reference?.includes('{{') ? undefined : reference;
  } catch {
    return undefined;
  }
};
