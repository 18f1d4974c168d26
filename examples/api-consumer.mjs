#!/usr/bin/env node
// A small API consumer: lists every member association of the key's province, page after page,
// using automatic persisted queries (after the first call only the query's hash is sent).
// Node 20+, no dependencies:
//   STP_API_KEY=stpk_… STP_URL=http://127.0.0.1:4000 node examples/api-consumer.mjs
// (STP_PAGE_SIZE sets the page size, 50 by default, 100 at most.)
import { createHash } from 'node:crypto';

const url = `${process.env.STP_URL ?? 'http://127.0.0.1:4000'}/graphql`;
const key = process.env.STP_API_KEY;
const pageSize = Number(process.env.STP_PAGE_SIZE ?? 50);
if (!key) {
  console.error('Set STP_API_KEY to a key created on the "Khoá API" page (it starts with stpk_).');
  process.exit(2);
}

const QUERY = `query Associations($first: Int!, $after: String) {
  memberAssociations(first: $first, after: $after, sort: { field: NAME, direction: ASC }) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { name status individualMemberCount province { code } } }
  }
}`;
const persistedQuery = { version: 1, sha256Hash: createHash('sha256').update(QUERY).digest('hex') };

async function post(body) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify(body),
  });
  if (response.status === 429 || response.status === 503) {
    // RATE_LIMITED or SERVICE_UNAVAILABLE: wait as told, then try once more.
    const seconds = Number(response.headers.get('retry-after') ?? 1);
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    return post(body);
  }
  return response.json();
}

/** Sends the hash alone; when the server does not know it yet, sends the query text with it once. */
async function run(variables) {
  let result = await post({ variables, extensions: { persistedQuery } });
  if (result.errors?.[0]?.extensions?.code === 'PERSISTED_QUERY_NOT_FOUND') {
    result = await post({ query: QUERY, variables, extensions: { persistedQuery } });
  }
  if (result.errors) {
    const [{ message, extensions }] = result.errors;
    throw new Error(`${extensions?.code ?? 'ERROR'}: ${message}`);
  }
  return result.data;
}

let after = null;
let count = 0;
do {
  const { memberAssociations: page } = await run({ first: pageSize, after });
  for (const { node } of page.edges) {
    count++;
    console.log([node.province.code, node.name, node.status, node.individualMemberCount].join('\t'));
  }
  after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  if (!after) console.error(`${count} of ${page.totalCount} member associations`);
} while (after);
