import { Router } from 'express';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../common/errors';
import { buildContext, ContextDeps } from '../../tenancy/request-context';
import { renderHtml, renderXlsx, reportFileName } from './annual-report.document';
import { AnnualReportService } from './annual-report.service';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * GET /reports/annual/:provinceCode/:year.xlsx and .html: the annual report as a file. Same Bearer
 * token (Authorization header only: a token in the URL would end up in logs and history) and the
 * same per-request transaction with tenant settings as GraphQL, so RLS decides what is visible.
 */
export function annualReportDownloads(deps: ContextDeps): Router {
  const router = Router();
  const service = new AnnualReportService();
  router.get('/reports/annual/:provinceCode/:file', async (req, res) => {
    const match = /^(\d{4})\.(xlsx|html)$/.exec(req.params.file);
    const provinceCode = req.params.provinceCode;
    if (!match || !/^\d{2}$/.test(provinceCode)) {
      res.status(404).json({ error: { code: ErrorCode.NOT_FOUND, message: 'No such report file.' } });
      return;
    }
    res.setHeader('Cache-Control', 'private, no-store');
    const ctx = await buildContext(deps, req.headers.authorization, req.ip ?? '').catch(() => undefined);
    // Safety net, as for /graphql: whatever happens, the connection goes back to the pool.
    if (ctx) res.on('close', () => void ctx.tx.finish(false).catch(() => undefined));
    if (!ctx?.user) {
      res.status(401).json({ error: { code: ErrorCode.UNAUTHENTICATED, message: 'You must log in to do this.' } });
      return;
    }
    try {
      const doc = await service.document(ctx, provinceCode, Number(match[1]));
      if (!doc) {
        await ctx.tx.finish(false);
        res.status(404).json({ error: { code: ErrorCode.NOT_FOUND, message: 'Annual report was not found.' } });
        return;
      }
      const ext = match[2] as 'xlsx' | 'html';
      const body = ext === 'xlsx' ? await renderXlsx(doc) : renderHtml(doc);
      await ctx.tx.finish(true);
      if (ext === 'xlsx') {
        res.setHeader('Content-Type', XLSX_TYPE);
        res.setHeader('Content-Disposition', `attachment; filename="${reportFileName(doc, ext)}"`);
      } else {
        res.setHeader('Content-Type', 'text/html; charset=utf-8');
        res.setHeader('Content-Disposition', `inline; filename="${reportFileName(doc, ext)}"`);
      }
      res.send(body);
    } catch (e) {
      await ctx.tx.finish(false).catch(() => undefined);
      const code = e instanceof GraphQLError ? e.extensions.code : undefined;
      if (code === ErrorCode.BAD_USER_INPUT) res.status(400).json({ error: { code, message: e instanceof Error ? e.message : '' } });
      else res.status(500).json({ error: { code: ErrorCode.INTERNAL_SERVER_ERROR, message: 'Something went wrong on the server.' } });
    }
  });
  return router;
}
