// The cold-open benchmark's page: the browser bundle installs `window.coldOpen` for the driver
// (bench/cold-open.bench.ts) to call. Nothing runs until the driver asks.
import { measureOpen } from './measureOpen';
import { profileOpen } from './profileOpen';
import { seedWorkspace } from './seedWorkspace';

window.coldOpen = { seed: seedWorkspace, measure: measureOpen, profile: profileOpen };
