import {
  METADATA_MAX_PAIRS,
  METADATA_MAX_VALUE_LENGTH,
  REFERENCE_MAX_LENGTH,
} from '../mappers/customerInput.js';
import { CUSTOMER_FIELD_LABELS, CUSTOMER_LABEL } from './labels.js';

/*
 * The customer inputs the actions share, so each describes a customer the same way. An action that
 * changes a customer has it picked (the dropdown, or a Find Customer step); Create Customer asks
 * for the reference, a value the user's own system owns.
 */

/** Said once per update action, in its note: blank fields are not sent. */
const LEAVE_BLANK = 'Leave blank to keep the current value.';

/** The note at the top of an update action's fields; `more` adds what that action also offers. */
export const partialUpdateNote = (more = '') => ({
  key: 'how_it_works',
  type: 'copy' as const,
  helpText: `Fill in only the fields to change. ${LEAVE_BLANK}${more ? ` ${more}` : ''}`,
});

/** An existing customer, for the actions that change one: the dropdown, or a search step. */
export const existingCustomerField = {
  key: 'ReferenceCustomer',
  label: CUSTOMER_LABEL,
  required: true,
  type: 'string' as const,
  dynamic: 'customer_list.id.label',
  search: 'find_customer.ReferenceCustomer',
  helpText:
    "The customer's reference in ProAbono (the ID your own system gave them). Pick the " +
    'customer, or map the reference from an earlier step such as Find Customer.',
};

/** A new customer's reference: a value the user's own system owns, so it is typed or mapped. */
export const newCustomerReferenceField = {
  key: 'ReferenceCustomer',
  label: CUSTOMER_FIELD_LABELS.ReferenceCustomer,
  required: true,
  type: 'string' as const,
  placeholder: 'cust-42',
  helpText:
    'The ID your own system uses for this customer; ProAbono finds the customer by it later. ' +
    `At most ${REFERENCE_MAX_LENGTH} characters, without < > ; " = ? &. A reference that already ` +
    'exists stops the step with an error and changes nothing: use Update Customer to change an ' +
    'existing customer. The one exception is a replay of this very step after its billing ' +
    'address could not be saved: it then sets the address of the customer it created.',
};

/**
 * The languages ProAbono's Backoffice API lists customers by; any other ISO 639-1 code or locale
 * can still be mapped or typed. Written out, in English alphabetical order: naming and sorting
 * them with Intl at import would load the runtime's locale data, about 6 MiB more memory on every
 * cold start (the artifact test checks these are the names Intl gives).
 */
const LANGUAGE_CHOICES = [
  { value: 'nl', label: 'Dutch', sample: 'nl' },
  { value: 'en', label: 'English', sample: 'en' },
  { value: 'fr', label: 'French', sample: 'fr' },
  { value: 'de', label: 'German', sample: 'de' },
  { value: 'it', label: 'Italian', sample: 'it' },
  { value: 'pt', label: 'Portuguese', sample: 'pt' },
  { value: 'es', label: 'Spanish', sample: 'es' },
];

/** The customer's own fields, shared by Create Customer and Update Customer (metadata apart). */
export const customerDetailFields = [
  {
    key: 'Name',
    label: CUSTOMER_FIELD_LABELS.Name,
    required: false,
    type: 'string' as const,
    placeholder: 'John Doe',
    helpText: 'How the customer appears in ProAbono. The name on invoices is the billing address.',
  },
  {
    key: 'Email',
    label: CUSTOMER_FIELD_LABELS.Email,
    required: false,
    type: 'string' as const,
    placeholder: 'john.doe@example.com',
    helpText: 'Where ProAbono sends invoices and account emails.',
  },
  {
    key: 'Language',
    label: CUSTOMER_FIELD_LABELS.Language,
    required: false,
    type: 'string' as const,
    choices: LANGUAGE_CHOICES,
    placeholder: 'en',
    helpText:
      'Language of emails and invoices. Pick one, or map a two-letter code such as `en`, a ' +
      'locale such as `en-US`, or a language name in English or in the language itself ' +
      '(`English`, `Français`, `german`, `español`): names are converted to the code ProAbono ' +
      'stores.',
  },
  {
    key: 'ReferenceAffiliation',
    label: CUSTOMER_FIELD_LABELS.ReferenceAffiliation,
    required: false,
    type: 'string' as const,
    placeholder: 'partner-janesmith',
    helpText:
      'The reference of the affiliate or partner who brought the customer, as your affiliation ' +
      `program names them (at most ${REFERENCE_MAX_LENGTH} characters, without < > ; " = ? &).`,
  },
];

/**
 * The customer's metadata: Zapier's key-value field, so each pair is a line of its own. `more`
 * says what an update does with the pairs the customer already has.
 */
export const metadataField = (more = '') => ({
  key: 'Metadata',
  label: CUSTOMER_FIELD_LABELS.Metadata,
  required: false,
  type: 'string' as const,
  dict: true,
  helpText:
    'Your own data to keep with the customer, as pairs of a name and a value (such as `crm_id` ' +
    `and \`4711\`): at most ${METADATA_MAX_PAIRS} pairs, each value at most ` +
    `${METADATA_MAX_VALUE_LENGTH} characters. A pair whose value is left empty is not sent.` +
    (more ? ` ${more}` : ''),
});

/** The segment a new customer joins, from the segment dropdown. */
export const segmentField = {
  key: 'ReferenceSegment',
  label: CUSTOMER_FIELD_LABELS.ReferenceSegment,
  required: false,
  type: 'string' as const,
  dynamic: 'segment_list.id.label',
  helpText:
    "The segment (ProAbono's storefront, with its currency) the customer belongs to: pick one, " +
    'or type or map its reference, which also works when the list is empty. Without one, the ' +
    "customer joins the business's default segment.",
};
