import { booleanInput } from '../../src/mappers/booleanInput.js';
import { notYesOrNo } from '../support/errors.js';

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
    ['maybe', '"maybe"'],
    [2, 'a value of type number'],
    [['yes'], 'a value of type list'],
    [{ value: true }, 'a value of type object'],
  ])('refuses %j, naming the field and the accepted forms', (value, received) => {
    expect(() => booleanInput(value, LABEL, true)).toThrow(
      JSON.stringify({ message: notYesOrNo(LABEL, received), code: 'invalid_input' }),
    );
  });
});
