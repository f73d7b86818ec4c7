import App from '../index.js';
import { ADDRESS_FIELD_KEYS } from '../src/api/addressFieldKeys.js';
import { toUpdatedBillingAddress } from '../src/mappers/addressRecord.js';
import {
  toCustomerChoice,
  toCustomerRecord,
  toCustomerWithAddress,
} from '../src/mappers/customerRecord.js';
import { toSegmentChoice } from '../src/mappers/segmentRecord.js';
import { updatedBillingAddressSample } from '../src/samples/billingAddress.js';
import {
  customerChoiceSample,
  customerRecordSample,
  customerWithAddressSample,
} from '../src/samples/customer.js';
import { segmentChoiceSample } from '../src/samples/segment.js';

interface Field {
  key: string;
  type?: string;
  label?: string;
  helpText?: string;
  dynamic?: string;
  search?: string;
}

const fieldsOf = (operation: { inputFields?: unknown }): Field[] =>
  (operation.inputFields ?? []) as Field[];

describe('operations wiring', () => {
  const creates = App.creates as Record<string, { operation: { inputFields?: unknown } }>;
  const searches = App.searches as Record<string, { operation: { inputFields?: unknown } }>;
  const triggers = App.triggers as Record<string, { display: { hidden?: boolean } }>;

  it('pairs Find Customer with Create Customer, sharing the reference and email inputs', () => {
    expect(App.searchOrCreates).toEqual({
      find_customer: {
        key: 'find_customer',
        display: {
          label: 'Find or Create Customer',
          description: 'Finds a customer by reference or email, and creates it when none exists.',
        },
        search: 'find_customer',
        create: 'create_customer',
      },
    });
    const searchKeys = fieldsOf(searches.find_customer!.operation).map((field) => field.key);
    const createKeys = fieldsOf(creates.create_customer!.operation).map((field) => field.key);
    expect(searchKeys).toEqual(['ReferenceCustomer', 'Email']);
    expect(searchKeys.every((key) => createKeys.includes(key))).toBe(true);
  });

  it('feeds both update actions’ customer field from the hidden dropdown trigger and the search', () => {
    for (const key of ['update_customer_billing_address', 'update_customer']) {
      const [reference, note] = fieldsOf(creates[key]!.operation);
      expect(reference).toMatchObject({
        key: 'ReferenceCustomer',
        required: true,
        dynamic: 'customer_list.id.label',
        search: 'find_customer.ReferenceCustomer',
      });
      expect(note).toMatchObject({ key: 'how_it_works', type: 'copy' });
    }
    expect(triggers.customer_list?.display.hidden).toBe(true);
    const addressKeys = fieldsOf(creates.update_customer_billing_address!.operation)
      .slice(2)
      .map((field) => field.key);
    expect(addressKeys).toEqual([...ADDRESS_FIELD_KEYS, 'clear_fields', 'skip_if_unchanged']);
    expect(
      fieldsOf(creates.update_customer!.operation)
        .slice(2)
        .map((field) => field.key),
    ).toEqual(['Name', 'Email', 'Language', 'ReferenceAffiliation', 'Metadata']);
  });

  it('gives Create Customer the customer fields, the segment dropdown and the eleven address fields', () => {
    const fields = fieldsOf(creates.create_customer!.operation);
    expect(fields.map((field) => field.key)).toEqual([
      'ReferenceCustomer',
      'Name',
      'Email',
      'Language',
      'ReferenceAffiliation',
      'Metadata',
      'ReferenceSegment',
      ...ADDRESS_FIELD_KEYS,
    ]);
    expect(fields.find((field) => field.key === 'Metadata')).toMatchObject({ dict: true });
    expect(fields.find((field) => field.key === 'ReferenceSegment')?.dynamic).toBe(
      'segment_list.id.label',
    );
    expect(triggers.segment_list?.display.hidden).toBe(true);
    // The same address inputs as the update: keys, labels and help.
    const update = fieldsOf(creates.update_customer_billing_address!.operation);
    for (const key of ADDRESS_FIELD_KEYS) {
      expect(fields.find((field) => field.key === key)).toEqual(
        update.find((field) => field.key === key),
      );
    }
  });

  it('gives every input of these operations help text that says more than its label', () => {
    for (const operation of [
      creates.update_customer_billing_address!.operation,
      creates.update_customer!.operation,
      creates.create_customer!.operation,
      searches.find_customer!.operation,
    ]) {
      for (const field of fieldsOf(operation).filter((input) => input.type !== 'copy')) {
        expect(field.label).toBeTruthy();
        expect(field.helpText?.length ?? 0).toBeGreaterThan((field.label ?? '').length + 10);
      }
    }
  });
});

describe('samples', () => {
  const customer = { Id: 1, ReferenceCustomer: 'r' };
  const address = { City: 'Paris' };

  it.each([
    [
      'Update Customer Billing Address',
      updatedBillingAddressSample,
      toUpdatedBillingAddress('r', address),
    ],
    [
      'Find Customer and Create Customer',
      customerWithAddressSample,
      toCustomerWithAddress(customer, address),
    ],
    ['Update Customer', customerRecordSample, toCustomerRecord(customer)],
    ['the customer dropdown', customerChoiceSample, toCustomerChoice(customer)],
    ['the segment dropdown', segmentChoiceSample, toSegmentChoice({ ReferenceSegment: 's' })],
  ])('%s: the sample has exactly the keys the operation returns', (_, sample, returned) => {
    expect(Object.keys(sample)).toEqual(Object.keys(returned ?? {}));
  });

  it('Update Customer Billing Address: its output fields add Address Changed and Changed Fields exactly when the record has them', async () => {
    const outputFields = App.creates?.update_customer_billing_address?.operation.outputFields ?? [];
    const staticKeys = outputFields.flatMap((field) =>
      typeof field === 'function' ? [] : [field.key],
    );
    const outputKeys = async (inputData: Record<string, unknown>) => [
      ...staticKeys,
      ...(
        await Promise.all(
          outputFields
            .filter((field) => typeof field === 'function')
            .map((field) => field({} as never, { inputData } as never)),
        )
      )
        .flat()
        .map((field: { key: string }) => field.key),
    ];
    expect(staticKeys).toEqual(Object.keys(updatedBillingAddressSample));
    expect(await outputKeys({ skip_if_unchanged: 'false' })).toEqual(
      Object.keys(toUpdatedBillingAddress('r', address)),
    );
    expect(await outputKeys({ skip_if_unchanged: 'yes' })).toEqual(
      Object.keys(toUpdatedBillingAddress('r', address, ['City'])),
    );
    // A value the step will refuse gives the fields of a step that does not read first.
    expect(await outputKeys({ skip_if_unchanged: 'maybe' })).toEqual(staticKeys);
  });

  it('wires each sample into its operation', () => {
    expect(App.creates?.update_customer_billing_address?.operation.sample).toBe(
      updatedBillingAddressSample,
    );
    expect(App.creates?.create_customer?.operation.sample).toBe(customerWithAddressSample);
    expect(App.creates?.update_customer?.operation.sample).toBe(customerRecordSample);
    expect(App.searches?.find_customer?.operation.sample).toBe(customerWithAddressSample);
    expect(App.triggers?.customer_list?.operation.sample).toBe(customerChoiceSample);
    expect(App.triggers?.segment_list?.operation.sample).toBe(segmentChoiceSample);
  });
});

describe('the billing steps’ wiring', () => {
  const inputKeys = (group: 'creates' | 'searches', key: string) =>
    fieldsOf(
      (App[group] as Record<string, { operation: { inputFields?: unknown } }>)[key]!.operation,
    );

  it('keep their public input keys, the API names', () => {
    expect(inputKeys('creates', 'bill_customer').map((field) => field.key)).toEqual([
      'ReferenceCustomer',
      'NoteLocalized',
      'EnsureBillable',
      'ForceOffline',
      'DateStart',
      'DateEnd',
    ]);
    expect(inputKeys('creates', 'create_subscription').map((field) => field.key)).toEqual([
      'ReferenceCustomer',
      'ReferenceOffer',
      'DateStart',
      'TryStart',
      'BillNow',
      'EnsureBillable',
      'skip_if_subscribed',
    ]);
    expect(inputKeys('searches', 'find_subscription').map((field) => field.key)).toEqual([
      'ReferenceCustomer',
      'ReferenceOffer',
    ]);
    expect(inputKeys('searches', 'find_invoice').map((field) => field.key)).toEqual([
      'FullNumber',
      'ReferenceCustomer',
    ]);
  });

  it('feed every customer field from the customer dropdown and search, every offer from offer_list', () => {
    const fields = [
      ...inputKeys('creates', 'bill_customer'),
      ...inputKeys('creates', 'create_subscription'),
      ...inputKeys('searches', 'find_subscription'),
      ...inputKeys('searches', 'find_invoice'),
    ];
    for (const field of fields.filter((f) => f.key === 'ReferenceCustomer')) {
      expect(field).toMatchObject({
        dynamic: 'customer_list.id.label',
        search: 'find_customer.ReferenceCustomer',
      });
    }
    for (const field of fields.filter((f) => f.key === 'ReferenceOffer')) {
      expect(field).toMatchObject({ dynamic: 'offer_list.id.label' });
    }
    expect(
      (App.triggers as Record<string, { display: { hidden?: boolean } }>).offer_list?.display
        .hidden,
    ).toBe(true);
    const skip = inputKeys('creates', 'create_subscription').find(
      (field) => field.key === 'skip_if_subscribed',
    ) as Field & { default?: string };
    expect(skip).toMatchObject({ type: 'boolean', default: 'true' });
  });
});
