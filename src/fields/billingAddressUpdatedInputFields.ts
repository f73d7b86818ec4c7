import { defineInputFields } from 'zapier-platform-core';

import { ADDRESS_FIELD_CHOICES, ONLY_WHEN_CHANGED_LABEL, WATCH_FIELDS_LABEL } from './labels.js';

/*
 * The inputs of both Billing Address Updated triggers, instant and polling: the same record and
 * the same filters (mappers/addressFilter.ts), so the same words.
 */

const FIRST_SIGHT =
  'A customer this Zap has not seen before always gives a record: nothing tells what changed.';

const addressFilterInputFields = [
  {
    key: 'only_when_changed',
    label: ONLY_WHEN_CHANGED_LABEL,
    type: 'boolean' as const,
    required: false,
    default: 'true',
    helpText:
      'Yes: an update that leaves the address as this Zap last saw it gives no record. ProAbono ' +
      'notifies even a write of the same address, so this keeps a two-way sync with a CRM from ' +
      `echoing. No: every notification gives a record. ${FIRST_SIGHT}`,
  },
  {
    key: 'watch_fields',
    label: WATCH_FIELDS_LABEL,
    type: 'string' as const,
    required: false,
    list: true,
    choices: ADDRESS_FIELD_CHOICES,
    helpText:
      'Pick fields to get a record only when at least one of them changed (for example City and ' +
      `Zip / Postal Code); none picked means any field. ${FIRST_SIGHT}`,
  },
];

/**
 * The trigger's note, then its filters. The note says how the trigger gets its updates (`intro`),
 * whose memory the changes are measured against (`lastAddressSeenBy`), and what only this trigger
 * does (`outro`).
 */
export const billingAddressUpdatedInputFields = ({
  intro,
  lastAddressSeenBy,
  outro,
}: {
  intro: string;
  lastAddressSeenBy: string;
  outro: string;
}) =>
  defineInputFields([
    {
      key: 'how_it_works',
      type: 'copy',
      helpText:
        `${intro} Each update delivers the customer and their **current** billing address, read ` +
        'from ProAbono, plus **Changed Fields** and the **Previous** value of each changed field, ' +
        `compared with the last address ${lastAddressSeenBy} received for that customer. The ` +
        'first time a customer comes through, no previous address is known: **Previous Address ' +
        `Known** is false and Changed Fields is empty. ${outro}`,
    },
    ...addressFilterInputFields,
  ]);
