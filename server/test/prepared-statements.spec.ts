import { asPreparedStatement } from '../src/db/prepared-statements';

describe('parameterised statements run prepared', () => {
  it('prepares a text from its second use on, under one name per text', () => {
    const text = 'SELECT * FROM members WHERE id = $1';
    expect(asPreparedStatement([text, ['a']])).toEqual([text, ['a']]);
    const second = asPreparedStatement([text, ['b']]);
    expect(second).toEqual([{ name: expect.stringMatching(/^stp_\d+$/), text, values: ['b'] }]);
    const third = asPreparedStatement([text, ['c']]) as Array<{ name: string }>;
    expect(third[0].name).toBe((second as Array<{ name: string }>)[0].name);

    const other = 'SELECT * FROM agencies WHERE id = $1';
    asPreparedStatement([other, ['a']]);
    expect((asPreparedStatement([other, ['a']]) as Array<{ name: string }>)[0].name).not.toBe(third[0].name);
  });

  it('leaves alone what cannot or need not be prepared', () => {
    for (let i = 0; i < 3; i++) {
      // No parameters: pg sends it as a simple query, which may hold several statements.
      expect(asPreparedStatement(['BEGIN; SELECT set_config($$a$$, $$b$$, true)', []])).toEqual(['BEGIN; SELECT set_config($$a$$, $$b$$, true)', []]);
      expect(asPreparedStatement(['COMMIT', undefined])).toEqual(['COMMIT', undefined]);
      expect(asPreparedStatement(['COMMIT'])).toEqual(['COMMIT']);
      const config = { text: 'SELECT $1', values: [1] };
      expect(asPreparedStatement([config])).toEqual([config]);
    }
  });

  it('stops preparing new texts after 500, so texts that vary do not fill the database sessions', () => {
    const named = (args: unknown[]) => typeof args[0] === 'object';
    let prepared = 0;
    for (let i = 0; i < 600; i++) {
      const text = `SELECT * FROM members WHERE id IN (${Array.from({ length: i + 1 }, (_, k) => `$${k + 1}`).join(', ')})`;
      asPreparedStatement([text, ['x']]);
      if (named(asPreparedStatement([text, ['x']]))) prepared++;
    }
    // Two texts were prepared by the first test.
    expect(prepared).toBe(498);
    expect(named(asPreparedStatement(['SELECT * FROM members WHERE id = $1', ['z']]))).toBe(true);
  });
});
