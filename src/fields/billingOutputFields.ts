import {
  DECIMAL_SUFFIX,
  GATEWAY_PERMISSION_FIELDS,
  INVOICE_FIELDS,
  OFFER_FIELDS,
  SUBSCRIPTION_FIELDS,
  type FieldKind,
} from '../mappers/billingRecords.js';

/*
 * Output fields of the billing blocks, one builder per block, matching the mappers of
 * billingRecords.ts field for field. The searches and creates use them as they are; a trigger
 * whose record holds several blocks prefixes each: `{ keyPrefix: 'Subscription_', labelPrefix:
 * 'Subscription ' }` gives `Subscription_Status`, "Subscription Status". Labels name the field
 * within its block ("ID", "Status"), so a prefix reads naturally; amounts say their unit.
 */

interface Prefixes {
  /** Put before every key: `Subscription_`. */
  keyPrefix?: string;
  /** Put before every label: `Subscription `. */
  labelPrefix?: string;
}

type OutputType = 'string' | 'integer' | 'boolean' | 'datetime';

interface OutputField {
  key: string;
  label: string;
  type: OutputType;
}

const TYPES: Record<FieldKind, OutputType> = {
  text: 'string',
  date: 'datetime',
  integer: 'integer',
  amount: 'integer',
  boolean: 'boolean',
};

const IN_CENTS = ' (In Cents)';

/**
 * The fields of a block in record order; each amount, labelled "… (In Cents)", is followed by its
 * decimal text under the label without the unit.
 */
const blockOutputFields = <S extends Readonly<Record<string, FieldKind>>>(
  spec: S,
  labels: Record<keyof S & string, string>,
  { keyPrefix = '', labelPrefix = '' }: Prefixes,
): OutputField[] =>
  Object.entries(spec).flatMap(([key, kind]) => {
    const label = labels[key as keyof S & string];
    const field = { key: `${keyPrefix}${key}`, type: TYPES[kind] };
    return kind === 'amount'
      ? [
          { ...field, label: `${labelPrefix}${label}${IN_CENTS}` },
          {
            key: `${keyPrefix}${key}${DECIMAL_SUFFIX}`,
            label: `${labelPrefix}${label}`,
            type: 'string' as const,
          },
        ]
      : [{ ...field, label: `${labelPrefix}${label}` }];
  });

const SUBSCRIPTION_LABELS: Record<keyof typeof SUBSCRIPTION_FIELDS, string> = {
  Id: 'ID',
  IdCustomer: 'Customer ID',
  IdOffer: 'Offer ID',
  IdSegment: 'Segment ID',
  ReferenceCustomer: 'Customer Reference',
  ReferenceCustomerBuyer: 'Buyer Customer Reference',
  ReferenceOffer: 'Offer Reference',
  ReferenceSegment: 'Segment Reference',
  TitleLocalized: 'Title',
  Status: 'Status',
  StateSubscription: 'State',
  Currency: 'Currency',
  DateStart: 'Start Date',
  DatePeriodStart: 'Current Period Start',
  DatePeriodEnd: 'Current Period End',
  DateTerm: 'Term Date',
  DateEnd: 'End Date',
  DateNextBilling: 'Next Billing Date',
  IsTrial: 'In Trial',
  AmountUpFront: 'Upfront Fee',
  AmountRecurrence: 'Recurring Amount',
  DurationRecurrence: 'Recurrence Length',
  UnitRecurrence: 'Recurrence Unit',
  DateUpdate: 'Updated At',
};

const OFFER_LABELS: Record<keyof typeof OFFER_FIELDS, string> = {
  Id: 'ID',
  IdSegment: 'Segment ID',
  ReferenceOffer: 'Reference',
  ReferenceSegment: 'Segment Reference',
  Name: 'Name',
  TitleLocalized: 'Title',
  StateLife: 'State',
  IsVisible: 'Visible',
  IsPriced: 'Priced',
  Currency: 'Currency',
  AmountUpFront: 'Upfront Fee',
  DurationTrial: 'Trial Length',
  UnitTrial: 'Trial Unit',
  AmountRecurrence: 'Recurring Amount',
  DurationRecurrence: 'Recurrence Length',
  UnitRecurrence: 'Recurrence Unit',
  AmountTermination: 'Termination Fee',
};

const INVOICE_LABELS: Record<keyof typeof INVOICE_FIELDS, string> = {
  Id: 'ID',
  IdCustomer: 'Customer ID',
  IdSegment: 'Segment ID',
  ReferenceCustomer: 'Customer Reference',
  ReferenceSegment: 'Segment Reference',
  FullNumber: 'Number',
  Status: 'Status',
  StateInvoice: 'State',
  TypeCredit: 'Credit Note Type',
  Reason: 'Credit Note Reason',
  TypePayment: 'Payment Method',
  Currency: 'Currency',
  AmountSubtotal: 'Subtotal',
  AmountTotal: 'Total',
  DateIssue: 'Issue Date',
  DatePayment: 'Payment Date',
  DatePaymentScheduled: 'Scheduled Payment Date',
  DatePaymentLimit: 'Payment Due Date',
  DateUpdate: 'Updated At',
  NoteLocalized: 'Note',
};

const GATEWAY_PERMISSION_LABELS: Record<keyof typeof GATEWAY_PERMISSION_FIELDS, string> = {
  Id: 'ID',
  StatePermission: 'State',
  TypePayment: 'Payment Method',
  TypeGateway: 'Gateway',
  NameDisplay: 'Name',
  Country: 'Country',
  DateExpiration: 'Expiration Date',
};

export const subscriptionOutputFields = (prefixes: Prefixes = {}): OutputField[] =>
  blockOutputFields(SUBSCRIPTION_FIELDS, SUBSCRIPTION_LABELS, prefixes);

export const offerOutputFields = (prefixes: Prefixes = {}): OutputField[] =>
  blockOutputFields(OFFER_FIELDS, OFFER_LABELS, prefixes);

/** The invoice's fields, then its PDF link. */
export const invoiceOutputFields = (prefixes: Prefixes = {}): OutputField[] => [
  ...blockOutputFields(INVOICE_FIELDS, INVOICE_LABELS, prefixes),
  {
    key: `${prefixes.keyPrefix ?? ''}PdfUrl`,
    label: `${prefixes.labelPrefix ?? ''}PDF Link`,
    type: 'string',
  },
];

export const gatewayPermissionOutputFields = (prefixes: Prefixes = {}): OutputField[] =>
  blockOutputFields(GATEWAY_PERMISSION_FIELDS, GATEWAY_PERMISSION_LABELS, prefixes);

/** The record's own `id`: ProAbono's number for the subscription or invoice. */
export const billingIdOutputField: OutputField = { key: 'id', label: 'ID', type: 'integer' };
