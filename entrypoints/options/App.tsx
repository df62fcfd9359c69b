import { CodeLookup } from '@/components/CodeLookup';
import { CodeSetImport } from '@/components/CodeSetImport';
import { CodeSetStatus } from '@/components/CodeSetStatus';
import { ReloadCodeSets } from '@/components/ReloadCodeSets';
import { ShortcutSettings } from '@/components/ShortcutSettings';
import { EnabledSites } from '@/components/SiteAccess';
import { WhatChanged } from '@/components/WhatChanged';
import { db } from '@/lib/db/db';

/** Settings: the code sets in the browser, importing a newer release, and a quick lookup to check them. */
export function App() {
  return (
    <main>
      <h1>Chart Coder settings</h1>
      <CodeSetStatus db={db} />
      <ReloadCodeSets />
      <CodeSetImport db={db} />
      <WhatChanged db={db} />
      <CodeLookup db={db} />
      <EnabledSites />
      <ShortcutSettings />
    </main>
  );
}
