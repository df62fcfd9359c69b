import { useEffect, useState } from 'react';
import { CodeSetStore } from '@/lib/codesets';
import type { CoderDB } from '@/lib/db';
import { openCodeSearch, type OpenedSearch } from '@/lib/search/saved-index';

/** Opens code search once per page; `undefined` while loading, an Error when the code sets are missing. */
export function useCodeSearch(db: CoderDB): OpenedSearch | Error | undefined {
  const [opened, setOpened] = useState<OpenedSearch | Error>();
  useEffect(() => {
    let live = true;
    openCodeSearch(db, new CodeSetStore(db))
      .then((result) => {
        if (!live) return;
        if (result.sets.length === 0) setOpened(new Error('No code sets are loaded yet. Open the settings page to see them load.'));
        else setOpened(result);
        // Lets tests and the bench see when the popup became usable.
        performance.mark('chart-coder:search-ready');
      })
      .catch((error: Error) => live && setOpened(error));
    return () => {
      live = false;
    };
  }, [db]);
  return opened;
}
