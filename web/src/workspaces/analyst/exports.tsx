/**
 * The export and report buttons of a scope. The files need the bearer token, so a link cannot
 * fetch them: the app asks for the file with its token, makes a blob: URL of the answer and
 * clicks a download link to it (a download is a navigation, which the page's
 * Content-Security-Policy does not govern, so `blob:` needs no exception). The report downloads
 * too: opened from the app's origin as a blob it would inherit the app's policy, which refuses the
 * report's one inline stylesheet; opened from disk it carries its own policy.
 */
import { useState } from 'preact/hooks';
import type { Api } from '../../api/client.ts';
import { ApiError, dataOf } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { fileNameOf } from './download.ts';
import type { BreakdownKey, Scope } from './scope.ts';

type NetworkFile = { format: 'geojson' | 'graphml' | 'gexf' | 'csv'; table?: 'nodes' | 'edges' };

const NETWORK_FILES: [MessageKey, NetworkFile, string][] = [
  ['analyst.exportGeojson', { format: 'geojson' }, 'network.geojson'],
  ['analyst.exportGraphml', { format: 'graphml' }, 'network.graphml'],
  ['analyst.exportGexf', { format: 'gexf' }, 'network.gexf'],
  ['analyst.exportEdges', { format: 'csv', table: 'edges' }, 'network-edges.csv'],
  ['analyst.exportNodes', { format: 'csv', table: 'nodes' }, 'network-nodes.csv'],
];

const TABLES = [
  'realised',
  'potential',
  'co2e-by-factor-set',
  'funnel',
  'time-to-implementation',
  'barriers',
  'time-series-month',
  'breakdown',
] as const;
type Table = (typeof TABLES)[number];

function save(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

type Status = { kind: 'idle' } | { kind: 'busy' | 'done'; name: string } | { kind: 'failed'; error: unknown };

export function Exports({ api, scope, by }: { api: Api; scope: Scope; by: BreakdownKey }) {
  const { t, language } = useI18n();
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const [table, setTable] = useState<Table>('realised');

  const run = async (
    fallback: string,
    fetchFile: () => Promise<{ data?: Blob; error?: unknown; response: Response }>,
  ) => {
    setStatus({ kind: 'busy', name: fallback });
    try {
      const result = await fetchFile();
      const blob = dataOf(result);
      const name = fileNameOf(result.response.headers.get('content-disposition'), fallback);
      save(blob, name);
      setStatus({ kind: 'done', name });
    } catch (error) {
      setStatus({ kind: 'failed', error });
    }
  };

  const busy = status.kind === 'busy';
  const networkFile = (file: NetworkFile, fallback: string) =>
    run(fallback, () =>
      api.GET('/exports/network', {
        params: { query: { ...scope, nodes: 'site', ...file } },
        parseAs: 'blob',
      }),
    );
  const tableFile = () => {
    const name = table === 'breakdown' ? `breakdown-by-${by}` : table;
    return run(`${name}.csv`, () =>
      api.GET('/exports/indicators', { params: { query: { ...scope, table: name } }, parseAs: 'blob' }),
    );
  };
  const report = () =>
    run(`report-${language}.html`, () =>
      api.GET('/report', { params: { query: { ...scope, language } }, parseAs: 'blob' }),
    );

  return (
    <section aria-labelledby="analyst-exports" class="exports">
      <h2 id="analyst-exports">{t('analyst.exports')}</h2>
      <p class="note">{t('analyst.exportsIntro')}</p>
      <div class="export-groups">
        <fieldset>
          <legend>{t('analyst.exportNetwork')}</legend>
          <div class="buttons">
            {NETWORK_FILES.map(([label, file, fallback]) => (
              <button
                type="button"
                key={label}
                disabled={busy}
                onClick={() => void networkFile(file, fallback)}
              >
                {t(label)}
              </button>
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('analyst.exportTable')}</legend>
          <div class="buttons">
            <label class="visually-hidden" for="analyst-table">
              {t('analyst.exportTable')}
            </label>
            <select
              id="analyst-table"
              value={table}
              onChange={(e) => setTable((e.currentTarget as HTMLSelectElement).value as Table)}
            >
              {TABLES.map((name) => (
                <option key={name} value={name}>
                  {t(`analyst.table.${name}`)}
                </option>
              ))}
            </select>
            <button type="button" disabled={busy} onClick={() => void tableFile()}>
              {t('analyst.exportTableButton')}
            </button>
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('analyst.report')}</legend>
          <div class="buttons">
            <button type="button" disabled={busy} onClick={() => void report()}>
              {t('analyst.reportButton')}
            </button>
          </div>
          <p class="note">{t('analyst.reportHint')}</p>
        </fieldset>
      </div>
      <p class="status" role="status">
        {status.kind === 'busy' && t('analyst.downloading', { name: status.name })}
        {status.kind === 'done' && t('analyst.downloaded', { name: status.name })}
      </p>
      {status.kind === 'failed' && (
        <p class="failure" role="alert">
          {t('analyst.downloadFailed')}{' '}
          {status.error instanceof ApiError
            ? t('error.status', { status: String(status.error.status), code: status.error.code })
            : t('error.network')}
        </p>
      )}
    </section>
  );
}
