import { useEffect, useState } from 'react';
import { useApolloClient } from '@apollo/client/react';
import { fetchAllPages } from '../../common/export/list-export';
import { AGENCY_OPTIONS, type AgencyOption } from './agencies-operations';

/** Every agency the user may see (for pickers), by name; empty while loading or after a failure. */
export function useAgencyOptions(): AgencyOption[] {
  const client = useApolloClient();
  const [options, setOptions] = useState<AgencyOption[]>([]);
  useEffect(() => {
    let live = true;
    fetchAllPages(client, AGENCY_OPTIONS, {}, (d) => d.agencies)
      .then((rows) => live && setOptions(rows))
      .catch(() => live && setOptions([]));
    return () => {
      live = false;
    };
  }, [client]);
  return options;
}
