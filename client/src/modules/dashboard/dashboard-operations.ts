import { gql, type TypedDocumentNode } from '@apollo/client';

export type Boundaries = 'CURRENT' | 'HISTORICAL';
export type IndicatorSource = 'LIVE' | 'SUBMITTED';

export interface ProvinceRef {
  code: string;
  name: string;
}

/** One entry of the indicator catalogue (danh mục chỉ tiêu). */
export type IndicatorKind = 'COUNT' | 'SUM' | 'RATE' | 'AVERAGE' | 'PER_100K';

export interface Indicator {
  code: string;
  name: string;
  nameEn: string | null;
  description: string | null;
  unit: string | null;
  kind: IndicatorKind | null;
  higherIsBetter: boolean | null;
}

export const INDICATORS: TypedDocumentNode<{ indicators: Indicator[] }, Record<string, never>> = gql`
  query Indicators {
    indicators {
      code
      name
      nameEn
      description
      unit
      kind
      higherIsBetter
    }
  }
`;

export interface IndicatorRef {
  code: string;
  name: string;
  nameEn?: string | null;
  unit: string | null;
  kind?: IndicatorKind | null;
}

export interface ComparisonCell {
  province: ProvinceRef;
  year: number;
  indicator: IndicatorRef;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}

export interface RankingEntry {
  indicator: { code: string };
  year: number;
  rank: number;
  province: { code: string };
  value: number | null;
}

export interface NationalTotal {
  indicator: { code: string };
  year: number;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}

export interface CompareProvincesInput {
  indicators: string[];
  years: number[];
  provinceCodes?: string[];
  boundaries: Boundaries;
  source: IndicatorSource;
}

export interface Comparison {
  cells: ComparisonCell[];
  ranking: RankingEntry[];
  nationalTotals: NationalTotal[];
  source: IndicatorSource;
  boundaries: Boundaries;
}

export const COMPARE_PROVINCES: TypedDocumentNode<{ compareProvinces: Comparison }, { input: CompareProvincesInput }> = gql`
  query CompareProvinces($input: CompareProvincesInput!) {
    compareProvinces(input: $input) {
      cells {
        province {
          code
          name
        }
        year
        indicator {
          code
          name
          nameEn
          unit
          kind
        }
        value
        numerator
        denominator
      }
      ranking {
        indicator {
          code
        }
        year
        rank
        province {
          code
        }
        value
      }
      nationalTotals {
        indicator {
          code
        }
        year
        value
        numerator
        denominator
      }
      source
      boundaries
    }
  }
`;

export interface ProvinceIndicatorItem {
  indicator: IndicatorRef;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  national: { value: number | null; numerator: number | null; denominator: number | null };
}

export interface ProvinceIndicators {
  province: ProvinceRef;
  year: number;
  values: ProvinceIndicatorItem[];
}

export const PROVINCE_INDICATORS: TypedDocumentNode<
  { provinceIndicators: ProvinceIndicators },
  { year: number; provinceCode?: string | null }
> = gql`
  query ProvinceIndicators($year: Int!, $provinceCode: String) {
    provinceIndicators(year: $year, provinceCode: $provinceCode) {
      province {
        code
        name
      }
      year
      values {
        indicator {
          code
          name
          nameEn
          unit
          kind
        }
        value
        numerator
        denominator
        national {
          value
          numerator
          denominator
        }
      }
    }
  }
`;

export interface AnnualReportSummary {
  id: string;
  province: ProvinceRef;
  year: number;
  status: string;
  dueOn: string | null;
  submittedAt: string | null;
  firstSubmittedAt: string | null;
  onTime: boolean | null;
  daysLate: number | null;
  published: boolean | null;
}

export const ANNUAL_REPORTS: TypedDocumentNode<
  { annualReports: { edges: Array<{ node: AnnualReportSummary }> } },
  { filter: { year?: number; provinceCode?: string }; first: number; after?: string | null }
> = gql`
  query DashboardAnnualReports($filter: AnnualReportFilter, $first: Int, $after: String) {
    annualReports(filter: $filter, first: $first, after: $after) {
      edges {
        node {
          id
          province {
            code
            name
          }
          year
          status
          dueOn
          submittedAt
          firstSubmittedAt
          onTime
          daysLate
          published
        }
      }
    }
  }
`;
