import { useTranslation } from 'react-i18next';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { NationalRow, RankedRow } from './dashboard-data';
import { formatAxisValue, formatIndicatorValue } from './indicator-format';

const BAR_COLOR = '#0b4f8a';
const NATIONAL_COLOR = '#b42318';
/** Colour-blind safe palette (Okabe–Ito) for the highlighted provinces. */
const LINE_COLORS = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9'];

interface IndicatorLike {
  code: string;
  unit: string | null;
  kind?: string | null;
}

interface ProvinceBarChartProps {
  indicator: IndicatorLike;
  rows: readonly RankedRow[];
  national: NationalRow | null;
  rate: boolean;
  title: string;
  /** Number of provinces the national total covers; null when only some provinces are compared (no average then). */
  provinceCount: number | null;
  onSelectProvince(code: string): void;
}

/**
 * Horizontal bars, one per province, highest first. The reference line is the national figure for
 * rates, and the national average per province for counts (a national total would dwarf every bar).
 */
export function ProvinceBarChart({ indicator, rows, national, rate, title, provinceCount, onSelectProvince }: ProvinceBarChartProps) {
  const { t } = useTranslation();
  // Provinces without a value (e.g. a rate with no denominator) stay in the table only.
  const data = rows.filter((r) => r.value !== null).map((r) => ({ code: r.province.code, name: r.province.name, value: r.value }));
  const reference =
    national?.value === null || national?.value === undefined
      ? null
      : rate
        ? { value: national.value, label: t('dashboard.nationalValue', { value: formatIndicatorValue(national.value, indicator) }) }
        : provinceCount
          ? { value: national.value / provinceCount, label: t('dashboard.nationalAverage', { value: formatIndicatorValue(national.value / provinceCount, indicator) }) }
          : null;
  const height = Math.max(160, data.length * 24 + 70);

  return (
    <figure className="chart-figure" data-testid="bar-chart">
      <figcaption className="visually-hidden">{title}</figcaption>
      <ResponsiveContainer width="100%" height={height}>
        <BarChart data={data} layout="vertical" margin={{ top: 24, right: 48, bottom: 8, left: 8 }} accessibilityLayer title={title}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" tickFormatter={(v: number) => formatAxisValue(v, rate)} domain={rate ? [0, 1] : [0, 'auto']} />
          <YAxis type="category" dataKey="name" width={150} interval={0} tick={{ fontSize: 12 }} />
          <Tooltip formatter={(v) => formatIndicatorValue(typeof v === 'number' ? v : Number(v), indicator)} />
          <Bar
            dataKey="value"
            name={title}
            fill={BAR_COLOR}
            minPointSize={2}
            isAnimationActive={false}
            cursor="pointer"
            onClick={(entry) => {
              const code = (entry.payload as { code?: string } | undefined)?.code;
              if (code) onSelectProvince(code);
            }}
          />
          {reference ? (
            <ReferenceLine
              x={reference.value}
              stroke={NATIONAL_COLOR}
              strokeWidth={2}
              strokeDasharray="6 3"
              label={{ value: reference.label, position: 'top', fill: NATIONAL_COLOR, fontSize: 12 }}
              ifOverflow="extendDomain"
            />
          ) : null}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

export interface TrendSeries {
  code: string;
  name: string;
  /** Value by year. */
  values: ReadonlyMap<number, number | null>;
}

interface TrendLineChartProps {
  indicator: IndicatorLike;
  years: readonly number[];
  national: ReadonlyMap<number, number | null>;
  series: readonly TrendSeries[];
  rate: boolean;
  title: string;
}

/** National figure and the highlighted provinces over the chosen years; counts put the national total on a right axis. */
export function TrendLineChart({ indicator, years, national, series, rate, title }: TrendLineChartProps) {
  const { t } = useTranslation();
  const data = years.map((year) => {
    const point: Record<string, number | null> = { year, national: national.get(year) ?? null };
    for (const s of series) point[`p${s.code}`] = s.values.get(year) ?? null;
    return point;
  });
  const nationalAxis = rate ? 'left' : 'right';
  const format = (v: unknown) => formatIndicatorValue(typeof v === 'number' ? v : Number(v), indicator);

  return (
    <figure className="chart-figure" data-testid="line-chart">
      <figcaption className="visually-hidden">{title}</figcaption>
      <ResponsiveContainer width="100%" height={320}>
        <LineChart data={data} margin={{ top: 16, right: 24, bottom: 8, left: 8 }} accessibilityLayer title={title}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="year" type="category" />
          <YAxis yAxisId="left" tickFormatter={(v: number) => formatAxisValue(v, rate)} domain={rate ? [0, 1] : [0, 'auto']} />
          {rate ? null : <YAxis yAxisId="right" orientation="right" tickFormatter={(v: number) => formatAxisValue(v, false)} />}
          <Tooltip formatter={format} />
          <Legend />
          <Line
            yAxisId={nationalAxis}
            type="monotone"
            dataKey="national"
            name={rate ? t('dashboard.national') : t('dashboard.nationalAxis')}
            stroke={NATIONAL_COLOR}
            strokeWidth={3}
            strokeDasharray="6 3"
            isAnimationActive={false}
            connectNulls
          />
          {series.map((s, i) => (
            <Line
              key={s.code}
              yAxisId="left"
              type="monotone"
              dataKey={`p${s.code}`}
              name={s.name}
              stroke={LINE_COLORS[i % LINE_COLORS.length]}
              strokeWidth={2}
              isAnimationActive={false}
              connectNulls
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
