import { useTranslation } from 'react-i18next';
import { reportYearOptions } from './report-display';

/** The year a report is about (năm báo cáo). */
export function YearSelect({ id, value, onChange }: { id: string; value: number; onChange(year: number): void }) {
  const { t } = useTranslation();
  return (
    <div className="form-field report-year-field">
      <label htmlFor={id}>{t('annualReport.year')}</label>
      <select id={id} value={value} onChange={(e) => onChange(Number(e.target.value))} data-testid="report-year-select">
        {reportYearOptions().map((y) => (
          <option key={y} value={y}>
            {y}
          </option>
        ))}
      </select>
    </div>
  );
}
