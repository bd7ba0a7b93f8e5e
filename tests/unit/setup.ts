// IndexedDB for the store layer in Node; the browser tests use Chromium's real one.
import 'fake-indexeddb/auto';
