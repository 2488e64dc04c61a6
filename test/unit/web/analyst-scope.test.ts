import { describe, expect, it } from 'vitest';
import { fileNameOf } from '../../../web/src/workspaces/analyst/download.ts';
import {
  DEFAULT_VIEW,
  hashOf,
  regionTree,
  scopeKey,
  scopeQuery,
  viewOf,
} from '../../../web/src/workspaces/analyst/scope.ts';

describe('the analyst’s scope in the URL', () => {
  it('when a view is written to the fragment and read back, then it is the same view', () => {
    const view = {
      region: '4617',
      kind: 'energy' as const,
      from: '2026-01-01',
      to: '2026-07-01',
      by: 'kind' as const,
      interval: 'quarter' as const,
    };
    expect(hashOf(view)).toBe(
      '#/analyst?region=4617&kind=energy&from=2026-01-01&to=2026-07-01&by=kind&interval=quarter',
    );
    expect(viewOf(hashOf(view))).toEqual(view);
  });

  it('when nothing is chosen, then the fragment is the bare route and the defaults apply', () => {
    expect(hashOf(DEFAULT_VIEW)).toBe('#/analyst');
    expect(viewOf('#/analyst')).toEqual(DEFAULT_VIEW);
  });

  it('when a hand-edited link holds values the API would refuse, then they are dropped', () => {
    expect(
      viewOf('#/analyst?region=4&kind=gold&from=2026-13-45&to=yesterday&by=planet&interval=week'),
    ).toEqual(DEFAULT_VIEW);
    expect(viewOf('#/analyst?from=2026-05-01&to=2026-02-01')).toEqual({
      ...DEFAULT_VIEW,
      from: '2026-05-01',
    });
  });

  it('when the scope is asked for, then only the scope’s fields are in it, and its key ignores the view choices', () => {
    const view = { ...viewOf('#/analyst?region=46&by=municipality'), kind: undefined };
    expect(scopeQuery(view)).toEqual({ region: '46' });
    expect(scopeKey(view)).toBe(scopeKey({ region: '46' }));
  });
});

describe('the region picker and downloads', () => {
  it('when regions are listed, then each county holds its municipalities, by name', () => {
    const tree = regionTree(
      {
        counties: [
          { code: '46', name: 'Vestland' },
          { code: '42', name: 'Agder' },
        ],
        municipalities: [
          { code: '4617', name: 'Kvinnherad', countyCode: '46' },
          { code: '4601', name: 'Bergen', countyCode: '46' },
          { code: '4216', name: 'Birkenes', countyCode: '42' },
        ],
      },
      'nb-NO',
    );
    expect(tree.map((c) => [c.name, c.municipalities.map((m) => m.name)])).toEqual([
      ['Agder', ['Birkenes']],
      ['Vestland', ['Bergen', 'Kvinnherad']],
    ]);
  });

  it('when the service names the file, then that name is used, without any path', () => {
    expect(fileNameOf('attachment; filename="network-4617.geojson"', 'x')).toBe('network-4617.geojson');
    expect(fileNameOf('attachment; filename="../../etc/passwd"', 'x')).toBe('.._.._etc_passwd');
    expect(fileNameOf(null, 'network.geojson')).toBe('network.geojson');
  });
});
