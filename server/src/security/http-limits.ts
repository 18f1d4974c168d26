import type { ErrorRequestHandler } from 'express';
import { ErrorCode } from '../common/errors';

/**
 * JSON bodies of /graphql over the size limit answer HTTP 413 PAYLOAD_TOO_LARGE, malformed ones
 * 400 BAD_REQUEST, both as GraphQL-shaped JSON errors (express.json would answer an HTML page).
 */
export function bodyErrors(limitBytes: number, production: boolean): ErrorRequestHandler {
  return (err: { type?: string; status?: number }, _req, res, next) => {
    if (res.headersSent) return next(err);
    if (err?.type === 'entity.too.large') {
      const message = production ? 'The request body is too large.' : `The request body is larger than ${limitBytes} bytes.`;
      res.status(413).json({ errors: [{ message, extensions: { code: ErrorCode.PAYLOAD_TOO_LARGE } }] });
      return;
    }
    if (err?.status && err.status >= 400 && err.status < 500) {
      res.status(err.status).json({ errors: [{ message: 'The request body is not valid JSON.', extensions: { code: ErrorCode.BAD_REQUEST } }] });
      return;
    }
    next(err);
  };
}
