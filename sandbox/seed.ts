import type { CustomerSeed, Segment } from './types.js';

/*
 * The business every sandbox starts with, so tests, `npm start` and the bench can name customers
 * they did not create. The customers are chosen to catch likely mistakes, as their comment says.
 */

/** Two segments, as a business selling in euros and in dollars would have; the first is the default. */
export const SEGMENTS: readonly Segment[] = [
  { Id: 69, Reference: 'sandbox-eur', Name: 'Sandbox EUR', Currency: 'EUR' },
  { Id: 70, Reference: 'sandbox-usd', Name: 'Sandbox USD', Currency: 'USD' },
];

/**
 * Customers across FR, DE, ES, GB and US: full addresses, a partial one, and one with none.
 * `cust-us-005` and `cust-fr-006` share an email; the older customer was updated more recently,
 * so a search that must prefer the latest update cannot rely on creation order. VAT numbers pass
 * the EU format and checksum rules.
 */
export const SEED_CUSTOMERS: readonly CustomerSeed[] = [
  {
    ReferenceCustomer: 'cust-fr-001',
    Name: 'Camille Laurent',
    Email: 'camille.laurent@atelier-laurent.fr',
    Language: 'fr',
    ReferenceSegment: 'sandbox-eur',
    DateCreation: '2026-02-03T09:15:00.000Z',
    DateUpdate: '2026-06-18T14:02:11.000Z',
    address: {
      Company: 'Atelier Laurent SARL',
      FirstName: 'Camille',
      LastName: 'Laurent',
      AddressLine1: '18 rue de la Roquette',
      ZipCode: '75011',
      City: 'Paris',
      Country: 'FR',
      Region: 'FR-75',
      Phone: '+33144556677',
      TaxInformation: 'FR49519287346',
    },
  },
  {
    ReferenceCustomer: 'cust-de-002',
    Name: 'Jonas Becker',
    Email: 'jonas.becker@becker-sohn.de',
    Language: 'de',
    ReferenceSegment: 'sandbox-eur',
    DateCreation: '2026-03-11T08:40:00.000Z',
    DateUpdate: '2026-08-02T10:25:43.000Z',
    address: {
      Company: 'Becker & Sohn GmbH',
      FirstName: 'Jonas',
      LastName: 'Becker',
      AddressLine1: 'Friedrichstraße 68',
      AddressLine2: '3. Etage',
      ZipCode: '10117',
      City: 'Berlin',
      Country: 'DE',
      Region: 'DE-BE',
      Phone: '+4930208471122',
      TaxInformation: 'DE274938516',
    },
  },
  {
    ReferenceCustomer: 'cust-es-003',
    Name: 'Lucía Fernández',
    Email: 'lucia@estudio-fernandez.es',
    Language: 'es',
    ReferenceSegment: 'sandbox-eur',
    DateCreation: '2026-04-22T16:05:00.000Z',
    DateUpdate: '2026-04-22T16:05:00.000Z',
    address: {
      FirstName: 'Lucía',
      LastName: 'Fernández',
      City: 'Madrid',
      Country: 'ES',
    },
  },
  {
    ReferenceCustomer: 'cust-gb-004',
    Name: 'Oliver Bennett',
    Email: 'accounts@bennett-design.co.uk',
    Language: 'en-GB',
    ReferenceSegment: 'sandbox-eur',
    DateCreation: '2026-05-06T11:30:00.000Z',
    DateUpdate: '2026-09-30T09:12:05.000Z',
    address: {
      Company: 'Bennett Design Ltd',
      FirstName: 'Oliver',
      LastName: 'Bennett',
      AddressLine1: '27 Clerkenwell Road',
      ZipCode: 'EC1M 5RN',
      City: 'London',
      Country: 'GB',
      Phone: '+442074960123',
      TaxInformation: 'GB123456789',
    },
  },
  {
    ReferenceCustomer: 'cust-us-005',
    Name: 'Emily Carter',
    Email: 'billing@northwind-analytics.com',
    Language: 'en-US',
    ReferenceSegment: 'sandbox-usd',
    DateCreation: '2026-06-01T15:45:00.000Z',
    DateUpdate: '2026-10-28T16:40:00.000Z',
    address: {
      Company: 'Northwind Analytics Inc.',
      FirstName: 'Emily',
      LastName: 'Carter',
      AddressLine1: '500 Howard Street',
      AddressLine2: 'Suite 300',
      ZipCode: '94105',
      City: 'San Francisco',
      Country: 'US',
      Region: 'US-CA',
      Phone: '+14155550132',
    },
  },
  {
    ReferenceCustomer: 'cust-fr-006',
    Name: 'Northwind Analytics France',
    Email: 'billing@northwind-analytics.com',
    Language: 'fr',
    ReferenceSegment: 'sandbox-eur',
    DateCreation: '2026-07-14T10:00:00.000Z',
    DateUpdate: '2026-09-12T08:05:00.000Z',
  },
];
