import { existingCustomerField } from './customerInputFields.js';
import { BILLING_FIELD_LABELS, SKIP_IF_SUBSCRIBED_LABEL } from './labels.js';

/*
 * The inputs of the billing steps (Create Subscription, Bill Customer, Find Subscription, Find
 * Invoice), under the API's names. The customer is the same dropdown as in the customer actions;
 * the offer has its own, fed by offer_list.
 */

const labels = BILLING_FIELD_LABELS;

/** The customer a billing step acts on: the customer dropdown, or a mapped reference. */
export const billingCustomerField = existingCustomerField;

const offerHelp =
  'Pick an offer: once a Customer is chosen, the list holds the offers available to that ' +
  "customer, otherwise the offers of every segment. Or type or map the offer's reference, such " +
  "as starter-monthly: it must be an offer of the customer's segment.";

/** The offer to subscribe to, required. */
export const offerField = {
  key: 'ReferenceOffer',
  label: labels.ReferenceOffer,
  required: true,
  type: 'string' as const,
  dynamic: 'offer_list.id.label',
  helpText: `The offer the customer subscribes to. ${offerHelp}`,
};

/** Find Subscription's optional offer. */
export const optionalOfferField = {
  ...offerField,
  required: false,
  helpText:
    "Only the customer's subscription to this offer; empty, the customer's subscription to any " +
    `offer. ${offerHelp}`,
};

/** Find Invoice's optional customer, whose segment the search then looks in. */
export const optionalCustomerField = {
  ...existingCustomerField,
  required: false,
  helpText:
    'The customer the invoice belongs to. ProAbono looks an invoice number up in one segment: ' +
    "with a customer, the step searches the customer's segment and returns the invoice only if " +
    'it is theirs; without one, it searches the default segment, then the others where ProAbono ' +
    'lists its segments. For an invoice of another segment, pick the customer, or map their ' +
    'reference from an earlier step such as Find Customer.',
};

const yesNo = (key: string, label: string, byDefault: boolean, helpText: string) => ({
  key,
  label,
  required: false,
  type: 'boolean' as const,
  default: byDefault ? 'true' : 'false',
  helpText,
});

/** Create Subscription's options, after the customer and the offer. */
export const subscriptionOptionFields = [
  {
    key: 'DateStart',
    label: labels.DateStart,
    required: false,
    type: 'datetime' as const,
    helpText:
      'When the subscription starts, in the past or the future; empty, it starts now. A date ' +
      'without a time is midnight UTC.',
  },
  yesNo(
    'TryStart',
    labels.TryStart,
    true,
    'Yes: ProAbono starts the subscription at once (or at the Start Date, if later). No: it is ' +
      'created as a draft, to be started in ProAbono.',
  ),
  yesNo(
    'BillNow',
    labels.BillNow,
    false,
    'Yes: ProAbono bills the first period as soon as the subscription starts (needs Start Now). ' +
      'No: it is billed with the next billing of the customer.',
  ),
  yesNo(
    'EnsureBillable',
    labels.EnsureBillable,
    false,
    'Yes: ProAbono first checks that the customer can be billed (payment settings present), ' +
      'even for a free offer, and refuses to create the subscription otherwise.',
  ),
  yesNo(
    'skip_if_subscribed',
    SKIP_IF_SUBSCRIBED_LABEL,
    true,
    'Yes: if the customer already has a running subscription to this offer, the step returns it ' +
      'instead of creating a second one (one more request first), so a replayed step, or two ' +
      'runs at once, never subscribe twice. Running means not ended: a draft, an active ' +
      'subscription (even one ending at its term) or a suspended one; a terminated or ended one ' +
      'does not count. The result says whether the step created the subscription.',
  ),
];

/** Bill Customer's inputs, after the customer. */
export const customerBillingFields = [
  {
    key: 'NoteLocalized',
    label: labels.NoteLocalized,
    required: false,
    type: 'string' as const,
    placeholder: 'Purchase order PO-2026-118',
    helpText:
      'Printed at the bottom of the invoice, above the customer service section, such as a ' +
      'purchase order number.',
  },
  yesNo(
    'EnsureBillable',
    labels.EnsureBillable,
    false,
    "Yes: ProAbono checks the customer's payment settings even when the amount is zero, and " +
      'refuses to bill a customer without them.',
  ),
  yesNo(
    'ForceOffline',
    labels.ForceOffline,
    false,
    'Yes: the invoice is to be paid offline (bank transfer, check) even by a customer who pays ' +
      'by card or direct debit. The customer still needs payment settings: ProAbono bills no ' +
      'customer without them.',
  ),
  {
    key: 'DateStart',
    label: labels.DateStart,
    required: false,
    type: 'datetime' as const,
    helpText:
      'Only balance lines dated on or after this date are billed; empty, from the first. A date ' +
      'without a time is midnight UTC.',
  },
  {
    key: 'DateEnd',
    label: labels.DateEnd,
    required: false,
    type: 'datetime' as const,
    helpText:
      'Only balance lines dated on or before this date are billed; empty, up to the last. A ' +
      'date without a time includes that whole day (UTC).',
  },
];

/** Find Invoice's full number. */
export const fullNumberField = {
  key: 'FullNumber',
  label: labels.FullNumber,
  required: true,
  type: 'string' as const,
  placeholder: 'S-69.00000042',
  helpText:
    'The full number printed on the invoice or credit note, exactly as ProAbono wrote it, such ' +
    'as S-69.00000042.',
};
