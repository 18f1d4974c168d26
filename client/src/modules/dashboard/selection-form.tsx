import { useTranslation } from 'react-i18next';
import type { Province } from '../member-associations/member-association-operations';
import type { Indicator } from './dashboard-operations';
import { yearOptions, type DashboardParams } from './dashboard-params';
import { indicatorName } from './indicator-format';

interface SelectionFormProps {
  indicators: readonly Indicator[];
  provinces: readonly Province[];
  params: DashboardParams;
  onChange(changes: Partial<DashboardParams>): void;
}

function toggle<T>(list: readonly T[], value: T, on: boolean): T[] {
  return on ? (list.includes(value) ? [...list] : [...list, value]) : list.filter((v) => v !== value);
}

/** Indicators, years, provinces, boundaries and source of the comparison. Every change goes straight to the URL. */
export function SelectionForm({ indicators, provinces, params, onChange }: SelectionFormProps) {
  const { t, i18n } = useTranslation();
  const current = provinces.filter((p) => p.status === 'ACTIVE');
  const merged = provinces.filter((p) => p.status !== 'ACTIVE');
  const order = new Map(indicators.map((ind, i) => [ind.code, i]));

  const setIndicators = (codes: string[]) => {
    const sorted = [...codes].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
    onChange({ indicators: sorted, focus: sorted.includes(params.focus) ? params.focus : (sorted[0] ?? '') });
  };
  const setYears = (years: number[]) => {
    const sorted = [...years].sort((a, b) => a - b);
    onChange({ years: sorted, year: sorted.includes(params.year) ? params.year : (sorted[sorted.length - 1] ?? params.year) });
  };
  const provinceBox = (p: Province) => (
    <label key={p.code} className="checkbox">
      <input
        type="checkbox"
        checked={params.provinces.includes(p.code)}
        onChange={(e) => onChange({ provinces: toggle(params.provinces, p.code, e.target.checked).sort() })}
        data-testid={`province-option-${p.code}`}
      />
      {p.name}
    </label>
  );

  return (
    <form className="filters dashboard-selection" aria-label={t('dashboard.selection')} onSubmit={(e) => e.preventDefault()}>
      <details className="picker" data-testid="indicator-picker">
        <summary>
          <span className="picker-label">{t('dashboard.indicators')}</span>
          <span className="picker-value">{t('dashboard.indicatorsChosen', { count: params.indicators.length })}</span>
        </summary>
        <fieldset className="picker-options">
          <legend className="visually-hidden">{t('dashboard.indicators')}</legend>
          {indicators.map((ind) => (
            <label key={ind.code} className="checkbox" title={ind.description ?? undefined}>
              <input
                type="checkbox"
                checked={params.indicators.includes(ind.code)}
                onChange={(e) => setIndicators(toggle(params.indicators, ind.code, e.target.checked))}
                data-testid={`indicator-option-${ind.code}`}
              />
              {indicatorName(ind, i18n.language)}
            </label>
          ))}
        </fieldset>
      </details>

      <fieldset className="choice-group" data-testid="year-picker">
        <legend>{t('dashboard.years')}</legend>
        <div className="choice-options">
          {yearOptions().map((y) => (
            <label key={y} className="checkbox">
              <input
                type="checkbox"
                checked={params.years.includes(y)}
                onChange={(e) => setYears(toggle(params.years, y, e.target.checked))}
                data-testid={`year-option-${y}`}
              />
              {y}
            </label>
          ))}
        </div>
      </fieldset>

      <details className="picker" data-testid="province-picker">
        <summary>
          <span className="picker-label">{t('dashboard.provinces')}</span>
          <span className="picker-value">
            {params.provinces.length ? t('dashboard.provincesChosen', { count: params.provinces.length }) : t('dashboard.allProvinces')}
          </span>
        </summary>
        <div className="picker-options">
          {params.provinces.length ? (
            <button type="button" className="button button-ghost button-small" onClick={() => onChange({ provinces: [] })}>
              {t('dashboard.clearProvinces')}
            </button>
          ) : null}
          <fieldset>
            <legend>{t('dashboard.currentProvinces')}</legend>
            {current.map(provinceBox)}
          </fieldset>
          {merged.length ? (
            <fieldset>
              <legend>{t('dashboard.mergedProvinces')}</legend>
              {merged.map(provinceBox)}
            </fieldset>
          ) : null}
        </div>
      </details>

      <fieldset className="choice-group">
        <legend>{t('dashboard.boundaries')}</legend>
        <div className="choice-options">
          {(['CURRENT', 'HISTORICAL'] as const).map((b) => (
            <label key={b} className="checkbox">
              <input
                type="radio"
                name="boundaries"
                value={b}
                checked={params.boundaries === b}
                onChange={() => onChange({ boundaries: b })}
                data-testid={`boundaries-${b}`}
              />
              {b === 'CURRENT' ? t('dashboard.boundariesCurrent') : t('dashboard.boundariesHistorical')}
            </label>
          ))}
        </div>
        <p className="field-hint">{t('dashboard.boundariesHint')}</p>
      </fieldset>

      <fieldset className="choice-group">
        <legend>{t('dashboard.source')}</legend>
        <div className="choice-options">
          {(['LIVE', 'SUBMITTED'] as const).map((s) => (
            <label key={s} className="checkbox">
              <input
                type="radio"
                name="source"
                value={s}
                checked={params.source === s}
                onChange={() => onChange({ source: s })}
                data-testid={`source-${s}`}
              />
              {s === 'LIVE' ? t('dashboard.sourceLive') : t('dashboard.sourceSubmitted')}
            </label>
          ))}
        </div>
        <p className="field-hint">{t('dashboard.sourceHint')}</p>
      </fieldset>
    </form>
  );
}
