import { useEffect, useState } from 'react';
import { useApolloClient } from '@apollo/client/react';
import { fetchAllPages } from '../../common/export/list-export';
import { ASSOCIATION_OPTIONS, type AssociationOption } from './members-operations';

const collator = new Intl.Collator('vi');

/** Every member association the user may see (for pickers), by name; empty while loading or after a failure. */
export function useAssociationOptions(): AssociationOption[] {
  const client = useApolloClient();
  const [options, setOptions] = useState<AssociationOption[]>([]);
  useEffect(() => {
    let live = true;
    fetchAllPages(client, ASSOCIATION_OPTIONS, {}, (d) => d.memberAssociations)
      .then((rows) => live && setOptions([...rows].sort((a, b) => collator.compare(a.name, b.name))))
      .catch(() => live && setOptions([]));
    return () => {
      live = false;
    };
  }, [client]);
  return options;
}

/** The associations as filter choices, only those of `provinceCode` when one is chosen. */
export function associationOptions(associations: readonly AssociationOption[], provinceCode: string) {
  return associations.filter((a) => !provinceCode || a.province.code === provinceCode).map((a) => ({ value: a.id, label: a.name }));
}
