import { booleanInput } from '../../src/mappers/booleanInput.js';

const LABEL = 'Only When the Address Changed';

describe('booleanInput', () => {
  it.each([
    [true, true],
    [false, false],
    ['true', true],
    ['false', false],
    ['TRUE', true],
    [' False ', false],
    ['yes', true],
    ['no', false],
    ['Yes', true],
    ['NO', false],
    ['y', true],
    ['n', false],
    ['on', true],
    ['off', false],
    ['1', true],
    ['0', false],
    [1, true],
    [0, false],
  ])('reads %j as %s', (value, expected) => {
    expect(booleanInput(value, LABEL, !expected)).toBe(expected);
  });

  it.each([undefined, null, '', '   '])('reads %j as the default', (value) => {
    expect(booleanInput(value, LABEL, true)).toBe(true);
    expect(booleanInput(value, LABEL, false)).toBe(false);
  });

  it.each([
    ['maybe', 'received "maybe"'],
    [2, 'received a value of type number'],
    [['yes'], 'received a value of type list'],
    [{ value: true }, 'received a value of type object'],
  ])('refuses %j, naming the field and the accepted forms', (value, received) => {
    expect(() => booleanInput(value, LABEL, true)).toThrow(
      JSON.stringify({
        message:
          `${LABEL} must be yes or no (true or false), but it ${received}. Pick Yes or No, or map ` +
          'a text that says true, false, yes or no.',
        code: 'invalid_input',
      }),
    );
  });
});
