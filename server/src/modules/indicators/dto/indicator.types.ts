import { Field, Float, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Province } from '../../provinces/province.entity';

export enum IndicatorKind {
  COUNT = 'COUNT',
  SUM = 'SUM',
  RATE = 'RATE',
  AVERAGE = 'AVERAGE',
  PER_100K = 'PER_100K',
}
registerEnumType(IndicatorKind, {
  name: 'IndicatorKind',
  description: 'How an indicator value (giá trị chỉ tiêu) is formed from its numerator and denominator.',
  valuesConfig: {
    COUNT: { description: 'A count (số lượng): the value is the numerator; no denominator.' },
    SUM: { description: 'A sum (tổng), e.g. a budget in VND: the value is the numerator; no denominator.' },
    RATE: { description: 'A rate (tỷ lệ) from 0 to 1: numerator ÷ denominator; null when the denominator is 0.' },
    AVERAGE: { description: 'An average (bình quân) in the indicator unit: numerator (a total) ÷ denominator (how many).' },
    PER_100K: { description: 'Per 100,000 inhabitants (trên 100.000 dân): numerator ÷ (population ÷ 100,000).' },
  },
});

export enum IndicatorBoundaries {
  CURRENT = 'CURRENT',
  HISTORICAL = 'HISTORICAL',
}
registerEnumType(IndicatorBoundaries, {
  name: 'IndicatorBoundaries',
  description: 'Which provincial boundaries (địa giới) figures are shown in: the 2025 merger (Nghị quyết 202/2025/QH15) changed them.',
  valuesConfig: {
    CURRENT: { description: 'Current boundaries (địa giới hiện tại): merged provinces roll up into their successor in every year.' },
    HISTORICAL: {
      description: 'Boundaries of each year (địa giới theo từng năm): a merged province appears in the years it still existed on 1 January (up to 2025 for the 01/07/2025 merger), its successor alone.',
    },
  },
});

export enum IndicatorSource {
  LIVE = 'LIVE',
  SUBMITTED = 'SUBMITTED',
}
registerEnumType(IndicatorSource, {
  name: 'IndicatorSource',
  description: 'Where figures come from (nguồn số liệu).',
  valuesConfig: {
    LIVE: { description: 'Live data (số liệu hiện thời), kept current on every change. Provinces you may not read show only what they published.' },
    SUBMITTED: { description: 'Submitted annual reports (báo cáo năm đã nộp): the snapshot each province submitted; no cell without a report.' },
  },
});

@ObjectType({ description: 'An indicator of the catalogue (chỉ tiêu): what is measured and how.' })
export class Indicator {
  @Field({ description: 'Stable code (mã chỉ tiêu), e.g. "application_rate".' })
  code: string;

  @Field({ description: 'Vietnamese name (tên chỉ tiêu).' })
  name: string;

  @Field({ description: 'English name.' })
  nameEn: string;

  @Field({ description: 'What is counted and how (cách tính).' })
  description: string;

  @Field({ description: 'Unit of the value (đơn vị), e.g. "people", "VND", "ratio (0–1)", "days".' })
  unit: string;

  @Field(() => IndicatorKind, { description: 'How the value is formed from numerator and denominator.' })
  kind: IndicatorKind;

  @Field(() => String, { nullable: true, description: 'What the numerator counts (tử số); null for plain counts and sums.' })
  numeratorLabel: string | null;

  @Field(() => String, { nullable: true, description: 'What the denominator counts (mẫu số); null for plain counts and sums.' })
  denominatorLabel: string | null;

  @Field({ description: 'True when a higher value is better (rankings put the highest first); false for delays and overdue tasks.' })
  higherIsBetter: boolean;

  /** The summary figure (indicator_facts.indicator_code) the value is built from. */
  factCode: string;
}

@ObjectType({ description: 'One figure (ô số liệu): an indicator for a province and a year.' })
export class IndicatorCell {
  @Field(() => Province, { description: 'The province (tỉnh, thành phố), within the boundaries asked for.' })
  province: Province;

  @Field(() => Int, { description: 'The year (năm).' })
  year: number;

  @Field(() => Indicator, { description: 'The indicator (chỉ tiêu).' })
  indicator: Indicator;

  @Field(() => Float, { nullable: true, description: 'Value (giá trị) in the indicator unit; null when the denominator is 0.' })
  value: number | null;

  @Field(() => Float, { nullable: true, description: 'Numerator (tử số), or the count or sum itself.' })
  numerator: number | null;

  @Field(() => Float, { nullable: true, description: 'Denominator (mẫu số); null for counts and sums.' })
  denominator: number | null;
}

@ObjectType({ description: 'A place in the ranking (xếp hạng) of the provinces shown, for one indicator and year.' })
export class IndicatorRank {
  @Field(() => Indicator, { description: 'The indicator ranked.' })
  indicator: Indicator;

  @Field(() => Int, { description: 'The year ranked.' })
  year: number;

  @Field(() => Int, { description: 'Rank (hạng), 1 = best (highest, or lowest for delays and overdue tasks); ties share a rank.' })
  rank: number;

  @Field(() => Province, { description: 'The province at this rank.' })
  province: Province;

  @Field(() => Float, { description: 'Its value (giá trị).' })
  value: number;
}

@ObjectType({ description: 'National total (tổng toàn quốc) of an indicator for a year: sums of numerators and denominators over every province.' })
export class IndicatorNationalTotal {
  @Field(() => Indicator, { description: 'The indicator.' })
  indicator: Indicator;

  @Field(() => Int, { description: 'The year.' })
  year: number;

  @Field(() => Float, { nullable: true, description: 'National value (giá trị toàn quốc); null when the denominator is 0.' })
  value: number | null;

  @Field(() => Float, { nullable: true, description: 'National numerator (tử số).' })
  numerator: number | null;

  @Field(() => Float, { nullable: true, description: 'National denominator (mẫu số); null for counts and sums.' })
  denominator: number | null;
}

@ObjectType({ description: 'A comparison of provinces (so sánh giữa các tỉnh): cells, ranking and national totals.' })
export class ProvinceComparison {
  @Field(() => [IndicatorCell], { description: 'Figures of the provinces you may see, by province, year and indicator.' })
  cells: IndicatorCell[];

  @Field(() => [IndicatorRank], { description: 'Ranking of the cells shown, per indicator and year (cells without a value are not ranked).' })
  ranking: IndicatorRank[];

  @Field(() => [IndicatorNationalTotal], { description: 'National totals per indicator and year: from live data under LIVE; under SUBMITTED, the sum of the submitted reports you may read (every province for the ministry).' })
  nationalTotals: IndicatorNationalTotal[];

  @Field(() => IndicatorSource, { description: 'Where the cells come from.' })
  source: IndicatorSource;

  @Field(() => IndicatorBoundaries, { description: 'The boundaries the cells are shown in.' })
  boundaries: IndicatorBoundaries;
}

@ObjectType({ description: "One indicator on a province dashboard (bảng chỉ tiêu): the province's figure next to the national one." })
export class ProvinceIndicatorValue {
  @Field(() => Indicator, { description: 'The indicator.' })
  indicator: Indicator;

  @Field(() => Float, { nullable: true, description: 'The province value (giá trị của tỉnh), current boundaries.' })
  value: number | null;

  @Field(() => Float, { nullable: true, description: 'The province numerator (tử số).' })
  numerator: number | null;

  @Field(() => Float, { nullable: true, description: 'The province denominator (mẫu số); null for counts and sums.' })
  denominator: number | null;

  @Field(() => IndicatorNationalTotal, { description: 'The national total (tổng toàn quốc) for comparison.' })
  national: IndicatorNationalTotal;
}

@ObjectType({ description: "A province's indicators for a year next to the national totals (chỉ tiêu của tỉnh so với toàn quốc)." })
export class ProvinceIndicators {
  @Field(() => Province, { description: 'The province (current boundaries: predecessors rolled up).' })
  province: Province;

  @Field(() => Int, { description: 'The year.' })
  year: number;

  @Field(() => [ProvinceIndicatorValue], { description: 'Every indicator of the catalogue, in catalogue order.' })
  values: ProvinceIndicatorValue[];
}

@InputType({ description: 'What to compare (so sánh): indicators, years, provinces, boundaries and source.' })
export class CompareProvincesInput {
  @Field(() => [String], { description: 'Indicator codes of the catalogue (`indicators`), at least one.' })
  indicators: string[];

  @Field(() => [Int], { description: 'Years from 2000 to 2100, at most 20.' })
  years: number[];

  @Field(() => [String], { nullable: true, description: 'Province codes (mã tỉnh); omitted = every province you may see.' })
  provinceCodes?: string[] | null;

  @Field(() => IndicatorBoundaries, { defaultValue: IndicatorBoundaries.CURRENT, description: 'Current boundaries (default) or those of each year.' })
  boundaries: IndicatorBoundaries;

  @Field(() => IndicatorSource, { defaultValue: IndicatorSource.LIVE, description: 'Live data (default) or submitted annual reports.' })
  source: IndicatorSource;
}
