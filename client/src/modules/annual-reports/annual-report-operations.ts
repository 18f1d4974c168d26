import { gql, type TypedDocumentNode } from '@apollo/client';

export type AnnualReportStatus = 'DRAFT' | 'SUBMITTED' | 'REOPENED';
export type FigureSource = 'LIVE' | 'SUBMITTED';

/** One figure of a report (chỉ tiêu báo cáo). */
export interface AnnualReportFigure {
  indicatorCode: string;
  name: string;
  nameEn: string;
  unit: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  source: FigureSource;
}

export interface AnnualReport {
  id: string;
  year: number;
  province: { code: string; name: string };
  status: AnnualReportStatus;
  dueOn: string;
  daysLate: number;
  onTime: boolean | null;
  notes: string | null;
  preparedAt: string | null;
  submittedAt: string | null;
  firstSubmittedAt: string | null;
  reopenedAt: string | null;
  reopenReason: string | null;
  published: boolean;
  version: number;
  figures: AnnualReportFigure[];
  submittedFigures: AnnualReportFigure[];
}

const FIGURE_FIELDS = `
  indicatorCode
  name
  nameEn
  unit
  value
  numerator
  denominator
  source
`;

const REPORT_FIELDS = `
  id
  year
  province {
    code
    name
  }
  status
  dueOn
  daysLate
  onTime
  notes
  preparedAt
  submittedAt
  firstSubmittedAt
  reopenedAt
  reopenReason
  published
  version
  figures {
    ${FIGURE_FIELDS}
  }
  submittedFigures {
    ${FIGURE_FIELDS}
  }
`;

export const ANNUAL_REPORT: TypedDocumentNode<{ annualReport: AnnualReport | null }, { year: number; provinceCode?: string | null }> = gql`
  query AnnualReport($year: Int!, $provinceCode: String) {
    annualReport(year: $year, provinceCode: $provinceCode) {
      ${REPORT_FIELDS}
    }
  }
`;

/** What the ministry's overview needs of each report. */
export interface AnnualReportRow {
  id: string;
  year: number;
  province: { code: string; name: string };
  status: AnnualReportStatus;
  dueOn: string;
  daysLate: number;
  onTime: boolean | null;
  submittedAt: string | null;
  firstSubmittedAt: string | null;
  published: boolean;
}

export const ANNUAL_REPORT_LIST: TypedDocumentNode<
  { annualReports: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: Array<{ node: AnnualReportRow }> } },
  { year: number; first: number; after?: string | null }
> = gql`
  query AnnualReportList($year: Int!, $first: Int, $after: String) {
    annualReports(filter: { year: $year }, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          year
          province {
            code
            name
          }
          status
          dueOn
          daysLate
          onTime
          submittedAt
          firstSubmittedAt
          published
        }
      }
    }
  }
`;

export const PREPARE_ANNUAL_REPORT: TypedDocumentNode<
  { prepareAnnualReport: AnnualReport },
  { input: { year: number; notes?: string | null } }
> = gql`
  mutation PrepareAnnualReport($input: PrepareAnnualReportInput!) {
    prepareAnnualReport(input: $input) {
      ${REPORT_FIELDS}
    }
  }
`;

export const SUBMIT_ANNUAL_REPORT: TypedDocumentNode<{ submitAnnualReport: AnnualReport }, { input: { id: string; version: number } }> = gql`
  mutation SubmitAnnualReport($input: SubmitAnnualReportInput!) {
    submitAnnualReport(input: $input) {
      ${REPORT_FIELDS}
    }
  }
`;

export const REOPEN_ANNUAL_REPORT: TypedDocumentNode<
  { reopenAnnualReport: AnnualReport },
  { input: { id: string; version: number; reason: string } }
> = gql`
  mutation ReopenAnnualReport($input: ReopenAnnualReportInput!) {
    reopenAnnualReport(input: $input) {
      ${REPORT_FIELDS}
    }
  }
`;

export const PUBLISH_ANNUAL_REPORT: TypedDocumentNode<
  { publishAnnualReport: AnnualReport },
  { input: { id: string; version: number; published: boolean } }
> = gql`
  mutation PublishAnnualReport($input: PublishAnnualReportInput!) {
    publishAnnualReport(input: $input) {
      ${REPORT_FIELDS}
    }
  }
`;
