// IndexedDB for Dexie under Node (unit tests); the browser provides the real one in E2E tests.
import 'fake-indexeddb/auto';
