import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { errorCodeOf, isNetworkError } from './graphql-errors';

/** Plain words for an error of any operation, in the current language. */
export function useErrorText(): (error: unknown) => string {
  const { t } = useTranslation();
  return useCallback(
    (error: unknown) => {
      if (isNetworkError(error)) return t('errors.network');
      switch (errorCodeOf(error)) {
        case 'SERVICE_UNAVAILABLE':
          return t('errors.unavailable');
        case 'FORBIDDEN':
          return t('errors.forbidden');
        case 'NOT_FOUND':
          return t('errors.notFound');
        case 'UNAUTHENTICATED':
          return t('errors.unauthenticated');
        case 'RATE_LIMITED':
          return t('errors.rateLimited');
        case 'BAD_USER_INPUT':
          return t('errors.badInput');
        case 'CONFLICT':
          return t('errors.conflict');
        case 'QUERY_TOO_COMPLEX':
          return t('errors.tooComplex');
        case 'PAYLOAD_TOO_LARGE':
          return t('errors.tooLarge');
        default:
          return t('errors.unknown');
      }
    },
    [t],
  );
}
