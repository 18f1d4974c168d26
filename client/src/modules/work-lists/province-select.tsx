import { useTranslation } from 'react-i18next';
import type { Province } from '../member-associations/member-association-operations';

/** A province filter for lists: current provinces first, then merged ones. */
export function ProvinceSelect({ id, provinces, value, onChange }: { id: string; provinces: readonly Province[]; value: string; onChange(code: string): void }) {
  const { t } = useTranslation();
  const current = provinces.filter((p) => p.status === 'ACTIVE');
  const merged = provinces.filter((p) => p.status !== 'ACTIVE');
  return (
    <div className="form-field">
      <label htmlFor={id}>{t('lists.province')}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} data-testid="province-filter">
        <option value="">{t('lists.allProvinces')}</option>
        <optgroup label={t('dashboard.currentProvinces')}>
          {current.map((p) => (
            <option key={p.code} value={p.code}>
              {p.name}
            </option>
          ))}
        </optgroup>
        {merged.length ? (
          <optgroup label={t('dashboard.mergedProvinces')}>
            {merged.map((p) => (
              <option key={p.code} value={p.code}>
                {p.name}
              </option>
            ))}
          </optgroup>
        ) : null}
      </select>
    </div>
  );
}
