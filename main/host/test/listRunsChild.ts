// For the fault suite: lists the runs in argv[2] four times at once, in a process started under a
// low `ulimit -n`, and prints the limit and the counts (each must be every run).
import { execSync } from 'node:child_process';
import { fileRunStore } from '../runStore';

const store = fileRunStore(process.argv[2]);
const counts = (await Promise.all([0, 1, 2, 3].map(() => store.list('Many')))).map((r) => r.length);
const limit = execSync('ulimit -n', { shell: '/bin/sh' }).toString().trim();
console.log(JSON.stringify({ limit, counts }));
