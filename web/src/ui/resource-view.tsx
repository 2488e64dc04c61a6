/**
 * What a read shows while it loads (announced politely), when it failed (announced at once, with
 * the service's answer and a way to try again) and when it is there.
 */
import type { ComponentChildren } from 'preact';
import { ApiError } from '../api/client.ts';
import type { Resource } from '../api/use-resource.ts';
import { ApiMessage } from '../i18n/api-message.tsx';
import { useI18n } from '../i18n/i18n.tsx';

export function ResourceView<T>({
  resource,
  retry,
  children,
}: {
  resource: Resource<T>;
  retry: () => void;
  children: (data: T) => ComponentChildren;
}) {
  const { t } = useI18n();
  if (resource.state === 'loading') {
    return (
      <p class="loading" role="status">
        {t('app.loading')}
      </p>
    );
  }
  if (resource.state === 'failed') {
    const e = resource.error;
    return (
      <div class="failure" role="alert">
        <p>{t('error.title')}</p>
        <p>
          {e instanceof ApiError
            ? t('error.status', { status: String(e.status), code: e.code })
            : t('error.network')}
          {e instanceof ApiError && e.body && (
            <>
              {' '}
              <ApiMessage text={e.body.error.message} />
            </>
          )}
        </p>
        <button type="button" onClick={retry}>
          {t('error.retry')}
        </button>
      </div>
    );
  }
  return <>{children(resource.data)}</>;
}
