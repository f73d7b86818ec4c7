import App from '../index.js';
import { ADDRESS_FIELD_KEYS } from '../src/api/schemas.js';
import {
  toCustomerChoice,
  toFoundCustomer,
  toSavedCustomer,
  toUpdatedBillingAddress,
} from '../src/mappers/customerRecord.js';
import { updatedBillingAddressSample } from '../src/samples/billingAddress.js';
import {
  customerChoiceSample,
  foundCustomerSample,
  savedCustomerSample,
} from '../src/samples/customer.js';

interface Field {
  key: string;
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

  it('feeds the update’s customer field from the hidden dropdown trigger and the search', () => {
    const [reference, ...rest] = fieldsOf(creates.update_customer_billing_address!.operation);
    expect(reference).toMatchObject({
      key: 'ReferenceCustomer',
      required: true,
      dynamic: 'customer_list.id.label',
      search: 'find_customer.ReferenceCustomer',
    });
    expect(triggers.customer_list?.display.hidden).toBe(true);
    expect(Object.keys(foundCustomerSample)).toContain('ReferenceCustomer');
    expect(rest.map((field) => field.key)).toEqual([...ADDRESS_FIELD_KEYS, 'clear_fields']);
  });

  it('gives every input of these operations help text that says more than its label', () => {
    for (const operation of [
      creates.update_customer_billing_address!.operation,
      creates.create_customer!.operation,
      searches.find_customer!.operation,
    ]) {
      for (const field of fieldsOf(operation)) {
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
    ['Find Customer', foundCustomerSample, toFoundCustomer(customer, address)],
    ['Create Customer', savedCustomerSample, toSavedCustomer(customer, true)],
    ['the customer dropdown', customerChoiceSample, toCustomerChoice(customer)],
  ])('%s: the sample has exactly the keys the operation returns', (_, sample, returned) => {
    expect(Object.keys(sample)).toEqual(Object.keys(returned));
  });

  it('wires each sample into its operation', () => {
    expect(App.creates?.update_customer_billing_address?.operation.sample).toBe(
      updatedBillingAddressSample,
    );
    expect(App.creates?.create_customer?.operation.sample).toBe(savedCustomerSample);
    expect(App.searches?.find_customer?.operation.sample).toBe(foundCustomerSample);
    expect(App.triggers?.customer_list?.operation.sample).toBe(customerChoiceSample);
  });
});
