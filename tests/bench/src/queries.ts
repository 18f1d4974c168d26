import type { BenchFixture, Contender, QueryName } from './common';

/**
 * The five queries, written once per contender for the same answer. `ours` and `naive` are the
 * same server (naive: STP_NAIVE_LOADERS=1); the floor takes the variables on /q/<name> and runs
 * hand-written SQL; PostGraphile gets its own generated schema's equivalent.
 */
export const PAGE = { Q1: 20, Q1_MEMBERS: 20, Q3: 50 } as const;

const OURS: Record<QueryName, string> = {
  Q1: `query Q1($n: Int, $m: Int) { memberAssociations(first: $n) { totalCount edges { node {
    id name abbreviation status province { code } members(first: $m) { id kind field isYoungIntellectual } } } } }`,
  Q2: `query Q2($id: ID!, $m: Int) { memberAssociation(id: $id) {
    id name abbreviation status province { code } members(first: $m) { id kind field isYoungIntellectual } } }`,
  Q3: `query Q3($n: Int) { commissioningRequests(first: $n) { totalCount edges { node {
    id title stage year assignedAssociation { id name } requestingAgency { id name } researchArea { id name } } } } }`,
  Q4: `query Q4($indicators: [String!]!, $years: [Int!]!) { compareProvinces(input: { indicators: $indicators, years: $years }) {
    cells { province { code } year indicator { code } value numerator denominator }
    ranking { rank year province { code } indicator { code } }
    nationalTotals { year indicator { code } value } } }`,
  Q5: `mutation Q5($name: String!) { createMemberAssociation(input: { name: $name, field: "Benchmark" }) { id name version } }`,
};

// PostGraphile v5 (Amber preset): `rowId` is the primary key, relations are named after their foreign keys.
// It offers conditions and orders on indexed columns only, so it orders memberships by member id
// (not by joining date), reads associations with any deleted_at (none are deleted in the synthetic
// data) and all memberships (the synthetic data has few ended ones): slightly less work than ours.
const POSTGRAPHILE: Record<QueryName, string> = {
  Q1: `query Q1($n: Int, $m: Int) { allMemberAssociations(first: $n, orderBy: [NAME_ASC, PRIMARY_KEY_ASC]) {
    totalCount nodes { rowId name abbreviation status provinceByProvinceId { code }
      membershipsByAssociationId(first: $m, orderBy: [MEMBER_ID_ASC]) {
        nodes { memberByMemberId { rowId kind field isYoungIntellectual } } } } } }`,
  Q2: `query Q2($id: UUID!, $m: Int) { memberAssociationByRowId(rowId: $id) { rowId name abbreviation status provinceByProvinceId { code }
    membershipsByAssociationId(first: $m, orderBy: [MEMBER_ID_ASC]) {
      nodes { memberByMemberId { rowId kind field isYoungIntellectual } } } } }`,
  Q3: `query Q3($n: Int) { allCommissioningRequests(first: $n, orderBy: [YEAR_DESC, PRIMARY_KEY_ASC]) {
    totalCount nodes { rowId title stage year
      memberAssociationByAssignedAssociationId { rowId name } agencyByRequestingAgencyId { rowId name } researchAreaByResearchAreaId { rowId name } } } }`,
  Q4: `query Q4($indicators: [String]!, $years: [Int]!) { stpBenchBenchCompareProvinces(indicators: $indicators, years: $years) }`,
  Q5: `mutation Q5($name: String!, $province: Int!) { createMemberAssociation(input: { memberAssociation: { provinceId: $province, name: $name, field: "Benchmark" } }) {
    memberAssociation { rowId name version } } }`,
};

let sequence = 0;
/** A fresh association name per mutation: names are unique within a province. */
function uniqueName(contender: Contender): string {
  sequence += 1;
  return `zz Bench ${contender} ${process.pid}-${Date.now().toString(36)}-${sequence}`;
}

let q2 = 0;
function variables(q: QueryName, f: BenchFixture, contender: Contender): Record<string, unknown> {
  switch (q) {
    case 'Q1': return { n: PAGE.Q1, m: PAGE.Q1_MEMBERS };
    case 'Q2': return { id: f.associationIds[q2++ % f.associationIds.length], m: PAGE.Q1_MEMBERS };
    case 'Q3': return { n: PAGE.Q3 };
    case 'Q4': return { indicators: f.indicatorCodes, years: f.years };
    case 'Q5': return { name: uniqueName(contender), province: f.writerProvinceId };
  }
}

export interface HttpRequest {
  path: string;
  body: string;
  token: string;
}

/** The request one contender gets for one query (a new one each time: Q2 rotates ids, Q5 names). */
export function requestFor(q: QueryName, f: BenchFixture, contender: Contender): HttpRequest {
  const token = q === 'Q5' ? f.writerToken : f.readerToken;
  const vars = variables(q, f, contender);
  if (contender === 'floor') return { path: `/q/${q}`, body: JSON.stringify(vars), token };
  const query = contender === 'postgraphile' ? POSTGRAPHILE[q] : OURS[q];
  return { path: '/graphql', body: JSON.stringify({ query, variables: vars }), token };
}

/**
 * A response counts only when it is the full answer: HTTP 200, no GraphQL errors, and the shape
 * and sizes expected. A fast error is a failure, not a fast answer.
 */
export function checkResponse(q: QueryName, contender: Contender, status: number, text: string): string | null {
  if (status !== 200) return `HTTP ${status}: ${text.slice(0, 200)}`;
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    return `not JSON: ${text.slice(0, 200)}`;
  }
  if (body.errors?.length) return `GraphQL error: ${JSON.stringify(body.errors[0]).slice(0, 300)}`;
  const d = body.data;
  if (!d) return 'no data';
  const pg = contender === 'postgraphile';
  switch (q) {
    case 'Q1': {
      const items = pg ? d.allMemberAssociations?.nodes : d.memberAssociations?.edges;
      if (!Array.isArray(items) || items.length !== PAGE.Q1) return `Q1: expected ${PAGE.Q1} associations, got ${items?.length}`;
      const members = items.map((i: any) => (pg ? i.membershipsByAssociationId.nodes : i.node.members));
      if (!members.every((m: unknown) => Array.isArray(m) && m.length <= PAGE.Q1_MEMBERS)) return 'Q1: members missing or too many';
      return null;
    }
    case 'Q2': {
      const a = pg ? d.memberAssociationByRowId : d.memberAssociation;
      if (!a?.name) return 'Q2: association missing';
      const members = pg ? a.membershipsByAssociationId?.nodes : a.members;
      return Array.isArray(members) ? null : 'Q2: members missing';
    }
    case 'Q3': {
      const items = pg ? d.allCommissioningRequests?.nodes : d.commissioningRequests?.edges;
      if (!Array.isArray(items) || items.length !== PAGE.Q3) return `Q3: expected ${PAGE.Q3} requests, got ${items?.length}`;
      const ok = items.every((i: any) => (pg ? i.agencyByRequestingAgencyId?.name && i.researchAreaByResearchAreaId?.name : i.node.requestingAgency?.name && i.node.researchArea?.name));
      return ok ? null : 'Q3: a requesting agency or research area is missing';
    }
    case 'Q4': {
      const c = pg ? d.stpBenchBenchCompareProvinces : d.compareProvinces;
      if (!c || !Array.isArray(c.cells) || c.cells.length === 0) return 'Q4: no cells';
      if (!Array.isArray(c.nationalTotals) || c.nationalTotals.length === 0) return 'Q4: no national totals';
      return null;
    }
    case 'Q5': {
      const a = pg ? d.createMemberAssociation?.memberAssociation : d.createMemberAssociation;
      return a?.name ? null : 'Q5: nothing created';
    }
  }
}
