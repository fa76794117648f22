// A host in its own process for the fault suite: starts one run of a project with the fake trainer
// (FAKE_TRAINER mode from the environment) over the runs folder argv[2], prints the run id once it has
// started, and keeps going until killed — as `deepwire serve` would be when someone kills it.
import { Host } from '../host';
import { fileRunStore } from '../runStore';
import { forkTrainerLauncher } from '../trainerLauncher';
import { FAKE_TRAINER, fakeCatalog, project } from './hostFixtures';

const host = new Host({
  catalog: fakeCatalog,
  runs: fileRunStore(process.argv[2]),
  launchTrainer: forkTrainerLauncher(FAKE_TRAINER, { env: process.env }),
});
host.subscribe((e) => {
  if (e.type === 'started') console.log(JSON.stringify({ started: e.runId }));
});
const r = await host.call('startRun', [project('Killed')]);
if (!r.ok) throw new Error(r.error.message);
setInterval(() => undefined, 1000);
